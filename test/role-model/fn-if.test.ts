import {
  ANY_OTHER_VALUE, chooseBranches, ConditionLogic, conditionCombinations, conditionsTested, describeCombination, MAX_COMBINATIONS, NO_VALUE,
} from '../../src/role-model/fn-if';
import { MAX_VARIANTS, RoleModel } from '../../src/role-model/model';

describe('Fn::If', () => {
  const value = { A: { 'Fn::If': ['C', 'yes', 'no'] }, List: ['keep', { 'Fn::If': ['C', { Ref: 'AWS::NoValue' }, 'only-when-false'] }], Plain: { x: 1 } };

  test('conditionsTested finds every condition an Fn::If names, and allocates nothing without one', () => {
    expect([...conditionsTested(value)!]).toEqual(['C']);
    expect(conditionsTested({ a: [1, { b: 'c' }] })).toBeUndefined();
  });

  test('chooseBranches picks a branch, removes AWS::NoValue, and keeps untouched parts as they are', () => {
    const whenTrue = chooseBranches(value, new Map([['C', true]])) as any;
    expect(whenTrue).toEqual({ A: 'yes', List: ['keep'], Plain: { x: 1 } });
    expect(whenTrue.Plain).toBe(value.Plain);
    expect(chooseBranches(value, new Map([['C', false]]))).toEqual({ A: 'no', List: ['keep', 'only-when-false'], Plain: { x: 1 } });
    expect(chooseBranches({ Ref: 'AWS::NoValue' }, new Map())).toBe(NO_VALUE);
    const plain = { a: [1, 2] };
    expect(chooseBranches(plain, new Map())).toBe(plain);
  });

  test('a statement removed from a Statement list leaves a hole, so the others keep their numbers', () => {
    const document = { Statement: [{ 'Fn::If': ['C', { Sid: 'A' }, { Ref: 'AWS::NoValue' }] }, { Sid: 'B' }] };
    expect(chooseBranches(document, new Map([['C', false]]))).toEqual({ Statement: [undefined, { Sid: 'B' }] });
  });
});

describe('ConditionLogic', () => {
  const logic = new ConditionLogic({
    IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] },
    IsNotProd: { 'Fn::Not': [{ Condition: 'IsProd' }] },
    IsEu: { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'eu-west-1'] },
    ProdInEu: { 'Fn::And': [{ Condition: 'IsProd' }, { Condition: 'IsEu' }] },
    ProdOrEu: { 'Fn::Or': [{ Condition: 'IsProd' }, { Condition: 'IsEu' }] },
    Always: { 'Fn::Equals': ['a', 'a'] },
    Loop: { 'Fn::Not': [{ Condition: 'Loop' }] },
  });

  test('conditions depend on what the deployment decides: the values they compare, and tests the model cannot see into', () => {
    expect(logic.freeVariables(['IsNotProd', 'ProdInEu'])).toEqual([
      { id: 'Ref:AWS::Region', domain: ['eu-west-1', ANY_OTHER_VALUE] },
      { id: 'Ref:Env', domain: ['prod', ANY_OTHER_VALUE] },
    ]);
    expect(logic.freeVariables(['Always'])).toEqual([]);
    expect(logic.freeVariables(['Unknown'])).toEqual([{ id: 'Unknown', domain: [true, false] }]);
  });

  test('evaluates Fn::Not, Fn::And, Fn::Or and literal Fn::Equals; a cycle is treated as true, never looped on', () => {
    const free = new Map([['IsProd', true], ['IsEu', false]]);
    expect(['IsNotProd', 'ProdInEu', 'ProdOrEu', 'Always'].map((name) => logic.evaluate(name, free))).toEqual([false, false, true, true]);
    expect(typeof logic.evaluate('Loop', new Map())).toBe('boolean');
  });

  test('combinations that cannot happen are not made: IsProd and IsNotProd are never both true', () => {
    const { combinations, limitedFrom } = conditionCombinations(new Set(['IsProd', 'IsNotProd']), logic);
    expect(combinations.map((values) => [values.get('IsProd'), values.get('IsNotProd')])).toEqual([[true, false], [false, true]]);
    expect(limitedFrom).toBeUndefined();
  });
});

describe('every expansion of conditions is bounded', () => {
  /** 40 conditions, each the Fn::And of the two before it: a walk per path would take 2^40 steps. */
  const diamond: Record<string, unknown> = { C0: { 'Fn::Equals': [{ Ref: 'P0' }, 'x'] }, C1: { 'Fn::Equals': [{ Ref: 'P1' }, 'x'] } };
  for (let i = 2; i < 40; i++) diamond[`C${i}`] = { 'Fn::And': [{ Condition: `C${i - 1}` }, { Condition: `C${i - 2}` }] };
  const logic = new ConditionLogic(diamond);

  test('a condition shared by many others is visited and computed once (a diamond of Fn::And)', () => {
    expect(logic.freeVariables(['C39']).map((variable) => variable.id)).toEqual(['Ref:P0', 'Ref:P1']);
    expect(logic.evaluate('C39', new Map([['Ref:P0', 'x'], ['Ref:P1', 'x']]))).toBe(true);
    expect(logic.evaluate('C39', new Map([['Ref:P0', 'x'], ['Ref:P1', ANY_OTHER_VALUE]]))).toBe(false);
    expect(conditionCombinations(new Set(['C39']), logic).combinations.map((values) => values.get('C39'))).toEqual([true, false]);
  });

  const many = new ConditionLogic(Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`C${i}`, { 'Fn::Equals': [{ Ref: `P${i}` }, 'x'] }])));
  const names = new Set(Array.from({ length: 200 }, (_, i) => `C${i}`));

  test('a role testing 200 free conditions gets at most MAX_COMBINATIONS combinations, all true and all false among them', () => {
    const { combinations, limitedFrom } = conditionCombinations(names, many);
    expect(combinations).toHaveLength(MAX_COMBINATIONS);
    expect(limitedFrom).toBe(200);
    expect(combinations.some((values) => [...values.values()].every(Boolean))).toBe(true);
    expect(combinations.some((values) => [...values.values()].every((value) => !value))).toBe(true);
  });

  test('a smaller bound keeps all true and all false; under it, every combination is made and nothing is said', () => {
    expect(conditionCombinations(names, many, 2).combinations.map((values) => new Set(values.values()).size)).toEqual([1, 1]);
    expect(conditionCombinations(new Set(['C0', 'C1']), many)).toMatchObject({ combinations: { length: 4 }, limitedFrom: undefined });
  });

  test('a combination of many conditions is described by what differs and a count', () => {
    const values = new Map([...names].map((name) => [name, name !== 'C5']));
    expect(describeCombination(values)).toBe('condition C5 is false and the other 199 conditions are true');
    expect(describeCombination(new Map([['A', true], ['B', false]]))).toBe('condition A is true and condition B is false');
  });
});

describe('the role model bounds the variants of a whole template', () => {
  test('past MAX_VARIANTS, each further role with conditions is checked under all true and all false, and says so', () => {
    const conditions = Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`C${i}`, { 'Fn::Equals': [{ Ref: `P${i}` }, 'x'] }]));
    const statements = Array.from({ length: 6 }, (_, i) => ({ 'Fn::If': [`C${i}`, { Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::b${i}/*` }, { Ref: 'AWS::NoValue' }] }));
    const roleCount = MAX_VARIANTS / MAX_COMBINATIONS + 3;
    const resources: Record<string, unknown> = {};
    for (let i = 0; i < roleCount; i++) {
      resources[`Role${i}`] = {
        Type: 'AWS::IAM::Role',
        Properties: {
          AssumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
          Policies: [{ PolicyName: 'p', PolicyDocument: { Statement: statements } }],
        },
      };
    }
    const roles = [...new RoleModel([{ file: 't', template: { Conditions: conditions, Resources: resources } }]).roles()];
    expect(roles[0].variants).toHaveLength(MAX_COMBINATIONS);
    expect(roles[0].variants[0].role.modelWarnings).toEqual([]);
    const last = roles[roles.length - 1];
    expect(last.variants).toHaveLength(2);
    expect(last.variants[0].role.modelWarnings).toEqual([expect.objectContaining({
      rule: 'ConditionCombinationsLimited',
      message: expect.stringContaining(`more combinations of conditions than are checked in one run (${MAX_VARIANTS} in all)`),
    })]);
  });
});
