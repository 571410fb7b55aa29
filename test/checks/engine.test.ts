import * as fc from 'fast-check';
import { roleTemplate, trustStatement } from './fixtures';
import { checkTemplate } from '../../src/checks/engine';
import { ALL_RULES } from '../../src/checks/rules';

const wide = roleTemplate({ permissions: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] });

describe('checkTemplate', () => {
  test('a Lambda role with a scoped policy has no findings', () => {
    expect(checkTemplate(roleTemplate({ permissions: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] }))).toEqual([]);
  });

  test('reports the rule id, severity, role and message', () => {
    expect(checkTemplate(wide)).toEqual([{
      ruleId: 'cdk-iam-role-patterns:WildcardResource',
      severity: 'warning',
      resource: 'Role',
      message: expect.stringContaining('s3:GetObject on every resource'),
      subject: { path: ['Resources', 'Role', 'Properties', 'Policies', 0, 'PolicyDocument', 'Statement', 0] },
    }]);
  });

  test('skips disabled rules by name or id', () => {
    expect(checkTemplate(wide, { disabledRules: ['WildcardResource'] })).toEqual([]);
    expect(checkTemplate(wide, { disabledRules: ['cdk-iam-role-patterns:WildcardResource'] })).toEqual([]);
  });

  test('applies severity overrides', () => {
    expect(checkTemplate(wide, { severityOverrides: { WildcardResource: 'error' } })[0].severity).toBe('error');
  });

  test('every rule has a unique name, a description and a severity', () => {
    const names = ALL_RULES.map((rule) => rule.name);
    expect(new Set(names).size).toBe(names.length);
    for (const rule of ALL_RULES) {
      expect(rule.description.length).toBeGreaterThan(20);
      expect(['error', 'warning']).toContain(rule.severity);
    }
  });

  test('never throws on arbitrary JSON where a template, a role or a statement is expected', () => {
    const json = fc.jsonValue({ maxDepth: 5 });
    fc.assert(fc.property(json, json, json, (template, properties, statement) => {
      checkTemplate(template as never);
      checkTemplate({ Resources: { Role: { Type: 'AWS::IAM::Role', Properties: properties } } });
      checkTemplate(roleTemplate({ trust: [statement], permissions: [statement] }));
      checkTemplate(roleTemplate({ trust: [trustStatement({ Principal: statement, Condition: statement })] }));
    }), { numRuns: 400 });
  });
});
