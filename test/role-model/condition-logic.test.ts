import * as fc from 'fast-check';
import { check } from '../../src/cli/main';
import { ANY_OTHER_VALUE, ConditionLogic, conditionCombinations } from '../../src/role-model/fn-if';

/**
 * Conditions are solved together over what a deployment decides: conditions over the same parameter are not
 * independent, AllowedValues limits a parameter, and only scenarios that can deploy are checked.
 */

function rulesOf(template: object): string[] {
  return check([{ file: 'template.json', template }], {}).findings.map((finding) => finding.ruleId.replace(/^cdk-iam-role-patterns:/, ''));
}

const roleWith = (statement: unknown, parameters: object, conditions: object) => ({
  Parameters: parameters,
  Conditions: conditions,
  Resources: { Shared: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [statement] } } } },
});

const ENV_CONDITIONS = { IsDev: { 'Fn::Equals': [{ Ref: 'Env' }, 'dev'] }, IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] } };

describe('conditions over the same parameter are solved together', () => {
  // "*" only if Env were dev and prod at once
  const impossible = {
    Effect: 'Allow',
    Action: 'sts:AssumeRole',
    Principal: { AWS: { 'Fn::If': ['IsDev', { 'Fn::If': ['IsProd', '*', 'arn:aws:iam::111122223333:root'] }, 'arn:aws:iam::444455556666:root'] } },
  };

  test('IsDev and IsProd are never both true: no finding for that scenario', () => {
    expect(rulesOf(roleWith(impossible, { Env: { Type: 'String' } }, ENV_CONDITIONS))).not.toContain('WildcardPrincipal');
  });

  test('two conditions over different parameters can both be true: the finding stays', () => {
    const conditions = { IsDev: ENV_CONDITIONS.IsDev, IsProd: { 'Fn::Equals': [{ Ref: 'Stage' }, 'prod'] } };
    expect(rulesOf(roleWith(impossible, { Env: { Type: 'String' }, Stage: { Type: 'String' } }, conditions))).toContain('WildcardPrincipal');
  });
});

describe('AllowedValues limits what a parameter can be', () => {
  // every principal when Env is neither dev nor prod; narrowed to an organization when dev
  const statement = {
    'Fn::If': ['IsProd', { Ref: 'AWS::NoValue' }, {
      Effect: 'Allow',
      Action: 'sts:AssumeRole',
      Principal: { AWS: '*' },
      Condition: { 'Fn::If': ['IsDev', { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } }, { Ref: 'AWS::NoValue' }] },
    }],
  };

  test('without AllowedValues, Env can be "staging": every principal, an error', () => {
    expect(rulesOf(roleWith(statement, { Env: { Type: 'String' } }, ENV_CONDITIONS))).toContain('WildcardPrincipal');
  });

  test('with AllowedValues [dev, prod], that scenario cannot deploy: no error', () => {
    expect(rulesOf(roleWith(statement, { Env: { Type: 'String', AllowedValues: ['dev', 'prod'] } }, ENV_CONDITIONS))).not.toContain('WildcardPrincipal');
  });

  test('a literal outside AllowedValues makes its condition always false', () => {
    const logic = new ConditionLogic({ IsTest: { 'Fn::Equals': [{ Ref: 'Env' }, 'test'] } }, { Env: { AllowedValues: ['dev', 'prod'] } });
    expect(conditionCombinations(new Set(['IsTest']), logic).combinations.map((values) => values.get('IsTest'))).toEqual([false]);
  });
});

describe('the scenarios checked are exactly the satisfiable ones (property, against brute force)', () => {
  const PARAMETERS = ['P0', 'P1', 'P2'];
  const LITERALS = ['a', 'b', 'c'];
  type Expression = { kind: 'eq'; parameter: string; literal: string } | { kind: 'not'; of: number } | { kind: 'and' | 'or'; of: [number, number] };

  /** Up to 6 conditions, each an Equals of a parameter and a literal, or Not/And/Or of earlier ones. */
  const expressions = fc.array(fc.oneof(
    fc.record({ kind: fc.constant('eq' as const), parameter: fc.constantFrom(...PARAMETERS), literal: fc.constantFrom(...LITERALS) }),
    fc.record({ kind: fc.constant('not' as const), of: fc.nat() }),
    fc.record({ kind: fc.constantFrom('and' as const, 'or' as const), of: fc.tuple(fc.nat(), fc.nat()) }),
  ), { minLength: 1, maxLength: 6 });
  const someAllowedValues = fc.option(fc.subarray(LITERALS, { minLength: 1 }), { nil: undefined });
  const allowed = fc.record(Object.fromEntries(PARAMETERS.map((name) => [name, someAllowedValues])));

  /** Earlier conditions only (a later or own index falls back to an Equals), so the conditions have no cycle. */
  const conditionsOf = (list: Expression[]) => list.map((expression, i): [string, unknown] => {
    const earlier = (n: number) => ({ Condition: `C${n % i}` });
    if (expression.kind === 'eq' || i === 0) {
      const eq = expression.kind === 'eq' ? expression : { parameter: 'P0', literal: 'a' };
      return [`C${i}`, { 'Fn::Equals': [{ Ref: eq.parameter }, eq.literal] }];
    }
    if (expression.kind === 'not') return [`C${i}`, { 'Fn::Not': [earlier(expression.of)] }];
    return [`C${i}`, { [expression.kind === 'and' ? 'Fn::And' : 'Fn::Or']: expression.of.map(earlier) }];
  });

  /** The test's own evaluator: the value of each condition for given parameter values. */
  function evaluate(definitions: Record<string, any>, name: string, values: Record<string, string>): boolean {
    const expression = definitions[name];
    if (expression['Fn::Equals']) return values[expression['Fn::Equals'][0].Ref] === expression['Fn::Equals'][1];
    if (expression['Fn::Not']) return !evaluate(definitions, expression['Fn::Not'][0].Condition, values);
    if (expression['Fn::And']) return expression['Fn::And'].every((operand: any) => evaluate(definitions, operand.Condition, values));
    return expression['Fn::Or'].some((operand: any) => evaluate(definitions, operand.Condition, values));
  }

  test('for random conditions over shared parameters with AllowedValues', () => {
    fc.assert(fc.property(expressions, allowed, (list, allowedValues) => {
      const definitions = Object.fromEntries(conditionsOf(list));
      const parameters = Object.fromEntries(PARAMETERS.map((name) => [name, allowedValues[name] ? { Type: 'String', AllowedValues: allowedValues[name] } : { Type: 'String' }]));
      const names = Object.keys(definitions).sort();
      const expected = new Set<string>();
      // every value each parameter can take: its AllowedValues, or every literal and one that is none of them
      const domains = PARAMETERS.map((name) => allowedValues[name] ?? [...LITERALS, ANY_OTHER_VALUE]);
      for (const v0 of domains[0]) {
        for (const v1 of domains[1]) {
          for (const v2 of domains[2]) {
            const values = { P0: v0, P1: v1, P2: v2 };
            expected.add(names.map((name) => (evaluate(definitions, name, values) ? '1' : '0')).join(''));
          }
        }
      }
      const { combinations, limitedFrom } = conditionCombinations(new Set(names), new ConditionLogic(definitions, parameters));
      const made = new Set(combinations.map((values) => names.map((name) => (values.get(name) ? '1' : '0')).join('')));
      return limitedFrom === undefined && made.size === combinations.length && [...made].sort().join() === [...expected].sort().join();
    }), { numRuns: 300 });
  });
});
