import * as fc from 'fast-check';
import { checkTemplate } from '../../src/checks/engine';
import { compileGlob, globMatches } from '../../src/iam/glob';
import { roleTemplate } from '../checks/fixtures';

/** The reference: the pattern as a regular expression (fine on the short patterns generated here). */
function referenceMatches(pattern: string, name: string): boolean {
  const body = [...pattern].map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('');
  return new RegExp(`^${body}$`, 'is').test(name);
}

const alphabet = fc.constantFrom('a', 'b', 'A', ':', '/', '*', '?', '.', '(');
const names = fc.string({ unit: fc.constantFrom('a', 'b', 'B', ':', '/', '.', '('), maxLength: 12 });

describe('globMatches', () => {
  test.each([
    ['iam:Put*', 'iam:PutRolePolicy', true],
    ['iam:put*', 'IAM:PUTROLEPOLICY', true],
    ['s3:Get?bject', 's3:GetObject', true],
    ['s3:Get?bject', 's3:Getbject', false],
    ['*', '', true],
    ['a*b*c', 'abc', true],
    ['a*b*c', 'acb', false],
    ['a*a', 'a', false],
    ['*:*', 'sqs:SendMessage', true],
    ['', '', true],
    ['', 'x', false],
  ])('%s against %s is %s', (pattern, name, expected) => {
    expect(globMatches(pattern, name)).toBe(expected);
  });

  test('agrees with a regular expression on random patterns, *? chains included', () => {
    fc.assert(fc.property(fc.string({ unit: alphabet, maxLength: 10 }), names, (pattern, name) => {
      expect(globMatches(pattern, name)).toBe(referenceMatches(pattern, name));
    }), { numRuns: 3000 });
  });

  test('agrees on names made to match, so the true case is tried as often as the false one', () => {
    fc.assert(fc.property(names, fc.array(fc.nat(), { maxLength: 4 }), (name, cuts) => {
      // replace some characters of the name by ? and insert * at some places: the pattern matches the name
      let pattern = name;
      for (const cut of cuts) {
        const at = cut % (pattern.length + 1);
        pattern = cut % 2 === 0 ? `${pattern.slice(0, at)}*${pattern.slice(at)}` : `${pattern.slice(0, at)}?${pattern.slice(at + 1)}`;
      }
      expect(globMatches(pattern, name)).toBe(referenceMatches(pattern, name));
    }), { numRuns: 2000 });
  });

  test('reads a pattern into the segments between its stars, each searched once', () => {
    expect(compileGlob('ec2:*?*?*Z')).toEqual({ segments: ['ec2:', '?', '?', 'z'], minLength: 7 });
  });

  test('a pattern with more characters than the name is refused before any search', () => {
    expect(globMatches(`ec2:${'*?'.repeat(5000)}Z`, 'ec2:RunInstances')).toBe(false);
  });
});

describe('a hostile action glob', () => {
  // A backtracking regular expression takes exponential time on this pattern against every EC2 action;
  // without backtracking the whole template is checked at once (jest's time-out is the hang guard here).
  test('the rules check a 300-byte template whose action is ec2:*?*?*?...Z, and find that it names no action', () => {
    const action = `ec2:${'*?'.repeat(140)}Z`;
    const findings = checkTemplate(roleTemplate({ permissions: [{ Effect: 'Allow', Action: action, Resource: '*' }] }));
    expect(findings.map((finding) => finding.ruleId)).toEqual(['cdk-iam-role-patterns:UnknownAction']);
  });

  test('a *? chain that matches real actions is read as the actions it matches', () => {
    const action = `iam:${'*?'.repeat(8)}Policy`; // iam:PutRolePolicy among them
    const findings = checkTemplate(roleTemplate({ permissions: [{ Effect: 'Allow', Action: action, Resource: '*' }] }));
    expect(findings.map((finding) => finding.ruleId)).toContain('cdk-iam-role-patterns:PrivilegeEscalation');
  });
});
