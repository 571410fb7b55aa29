import { readdirSync } from 'fs';
import { join } from 'path';
import { loadTemplateFile } from '../src/cli/load-templates';
import { check } from '../src/cli/main';

const corpus = join(__dirname, 'corpus');
const files = (kind: string) => readdirSync(join(corpus, kind)).map((name) => [name, join(corpus, kind, name)]);

interface Expected {
  readonly ruleId: string;
  readonly resource: string;
}

describe('the insecure corpus', () => {
  test.each(files('insecure'))('%s draws its findings on the right role', (_name, file) => {
    const loaded = loadTemplateFile(file);
    const expected = (loaded.template as { Metadata?: { ExpectedFindings?: Expected[] } }).Metadata?.ExpectedFindings ?? [];
    expect(expected.length).toBeGreaterThan(0);
    const { findings } = check([loaded], {});
    for (const { ruleId, resource } of expected) {
      const ofRule = findings.filter((finding) => finding.ruleId === ruleId);
      expect(ofRule.map((finding) => finding.resource)).toContain(resource);
      expect(ofRule.every((finding) => expected.some((wanted) => wanted.ruleId === ruleId && wanted.resource === finding.resource))).toBe(true);
    }
  });
});

describe('the secure corpus', () => {
  test.each(files('secure'))('%s draws no error', (_name, file) => {
    const { findings, summary } = check([loadTemplateFile(file)], {});
    expect(summary.roles).toBeGreaterThan(0);
    expect(findings.filter((finding) => finding.severity === 'error')).toEqual([]);
  });
});
