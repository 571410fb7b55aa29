import { readFileSync } from 'fs';
import { join } from 'path';
import { roleTemplate } from './checks/fixtures';
import { RuleExample, ruleId } from '../src/checks/rule';
import { check } from '../src/cli/main';
import { DOCUMENTED_RULES, ruleAnchor, ruleHelpUri, rulesReference } from '../src/cli/rules-reference';
import { formatSarif } from '../src/cli/sarif';

/** The rules whose example would be a policy thousands of characters long, or a template of many conditions: described in words. */
const DESCRIBED_IN_WORDS = new Set(['TrustPolicySize', 'InlinePoliciesSize', 'ManagedPolicySize', 'ManagedPoliciesPerRole', 'ConditionCombinationsLimited', 'TrustWidened', 'NotChecked']);

/** The rules a role's example draws, through the CLI's verdict (so the verdict's own rules count too). */
function rulesDrawnBy(example: RuleExample): string[] {
  const template = roleTemplate({
    trust: example.trust as unknown[], permissions: example.permissions as unknown[], properties: example.properties, resources: example.resources,
  });
  if (example.metadata) (template.Resources.Role as Record<string, unknown>).Metadata = example.metadata;
  return check([{ file: 'example.json', template }], {}).findings.map((finding) => finding.ruleId);
}

describe('the rules reference (docs/rules.md)', () => {
  test('is the one the rules\' metadata makes (run `npx projen docs:rules` after changing a rule)', () => {
    expect(readFileSync(join(__dirname, '..', 'docs', 'rules.md'), 'utf8')).toBe(rulesReference());
  });

  test.each(DOCUMENTED_RULES.map((rule) => [rule.name, rule] as const))('%s: says why it matters and how to fix it, and shows a role it reports', (_name, rule) => {
    expect(rule.docs.why.length).toBeGreaterThan(20);
    expect(rule.docs.fix.length).toBeGreaterThan(10);
    if (!DESCRIBED_IN_WORDS.has(rule.name)) expect(rule.docs.insecure ?? rule.docs.code).toBeDefined();
  });

  const withExamples = DOCUMENTED_RULES.filter((rule) => rule.docs.insecure || rule.docs.secure);
  test.each(withExamples.map((rule) => [rule.name, rule] as const))('%s fires on its insecure example and stays quiet on its secure one', (_name, rule) => {
    if (rule.docs.insecure) expect(rulesDrawnBy(rule.docs.insecure)).toContain(ruleId(rule));
    if (rule.docs.secure) expect(rulesDrawnBy(rule.docs.secure)).not.toContain(ruleId(rule));
  });

  test('each SARIF rule links to its own section, and the section exists', () => {
    const reference = rulesReference();
    const log = JSON.parse(formatSarif({ findings: [], notes: [], unresolvedAttachments: [], summary: {} as any }, DOCUMENTED_RULES, '0.0.0', __dirname));
    for (const rule of log.runs[0].tool.driver.rules) {
      const documented = DOCUMENTED_RULES.find((candidate) => ruleId(candidate) === rule.id)!;
      expect(rule.helpUri).toBe(ruleHelpUri(documented));
      expect(reference).toContain(`\n## ${documented.name}\n`);
      expect(rule.helpUri.endsWith(`#${ruleAnchor(documented)}`)).toBe(true);
    }
  });
});
