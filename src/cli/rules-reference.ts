import { TRUST_WIDENED } from './baseline';
import { NOT_CHECKED } from '../checks/not-checked';
import { RuleExample, ruleId } from '../checks/rule';
import { ALL_RULES } from '../checks/rules';
import { RuleDescription, VERDICT_RULES } from '../checks/verdict-rules';

/** Every rule the reference documents: the engine's, the verdict's and the patterns' own, the baseline gate's and strict mode's. */
export const DOCUMENTED_RULES: readonly RuleDescription[] = [...ALL_RULES, ...VERDICT_RULES, TRUST_WIDENED, NOT_CHECKED];

/** The project's home: the package's repository. */
export const PROJECT_URI = 'https://github.com/example/cdk-iam-role-patterns';

/** Where the rules reference is published: docs/rules.md in the package's repository. */
export const RULES_REFERENCE_URI = `${PROJECT_URI}/blob/main/docs/rules.md`;

/** The anchor of a rule's section in the reference (GitHub lowercases a heading's text). */
export function ruleAnchor(rule: Pick<RuleDescription, 'name'>): string {
  return rule.name.toLowerCase();
}

/** The link to a rule's own section of the reference, for SARIF's helpUri and the messages. */
export function ruleHelpUri(rule: Pick<RuleDescription, 'name'>): string {
  return `${RULES_REFERENCE_URI}#${ruleAnchor(rule)}`;
}

/**
 * docs/rules.md, made from the rules' own metadata (`npx projen docs:rules` writes it; a test fails when the file
 * is stale): a table of every rule, then a section per rule with what it means, why it matters, how to fix it,
 * and a role it reports and the same role fixed (each one run through the rule by the test).
 */
export function rulesReference(rules: readonly RuleDescription[] = DOCUMENTED_RULES): string {
  const lines = [
    '<!-- Generated from the rules\' metadata by `npx projen docs:rules`; do not edit. -->',
    '# Rules reference',
    '',
    'Every finding of cdk-iam-role-patterns has a rule id `cdk-iam-role-patterns:<Rule>`. An **error** fails `cdk synth`, `RoleChecks` and the',
    'CLI and cannot be acknowledged; a **warning** is shown and can be acknowledged with a reason',
    '(`Validations.of(role).acknowledge({ id, reason })`). The examples are CloudFormation, as every door reads it.',
    '',
    '| rule | severity | what it refuses |',
    '|---|---|---|',
    ...rules.map((rule) => `| [\`${rule.name}\`](#${ruleAnchor(rule)}) | ${rule.severity} | ${cell(rule.description)} |`),
  ];
  for (const rule of rules) lines.push('', ...section(rule));
  return `${lines.join('\n')}\n`;
}

function section(rule: RuleDescription): string[] {
  const { docs } = rule;
  const lines = [`## ${rule.name}`, '', `**${rule.severity}** · \`${ruleId(rule)}\``, '', rule.description, '',
    `**Why it matters.** ${docs.why}`, '', `**How to fix.** ${docs.fix}`];
  if (docs.insecure) lines.push('', 'Reported:', '', ...json(example(docs.insecure)));
  if (docs.secure) lines.push('', 'Not reported:', '', ...json(example(docs.secure)));
  if (docs.code) lines.push('', 'Reported:', '', '```ts', docs.code.insecure, '```', '', 'Not reported:', '', '```ts', docs.code.secure, '```');
  return lines;
}

/** An example as the template excerpt it stands for: the role's properties given, its metadata, other resources. */
function example(role: RuleExample): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  if (role.trust) properties.AssumeRolePolicyDocument = { Version: '2012-10-17', Statement: role.trust };
  if (role.permissions) properties.Policies = [{ PolicyName: 'Permissions', PolicyDocument: { Version: '2012-10-17', Statement: role.permissions } }];
  Object.assign(properties, role.properties);
  const resource = { Type: 'AWS::IAM::Role', ...(role.metadata ? { Metadata: role.metadata } : {}), Properties: properties };
  return { Resources: { Role: resource, ...role.resources } };
}

function json(value: unknown): string[] {
  return ['```json', JSON.stringify(value, undefined, 2), '```'];
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}
