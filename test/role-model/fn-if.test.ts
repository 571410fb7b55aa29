import { chooseBranches, ConditionLogic, conditionCombinations, conditionsTested, NO_VALUE } from '../../src/role-model/fn-if';

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

  test('conditions computed from others depend on the free ones only', () => {
    expect(logic.freeConditions(['IsNotProd', 'ProdInEu'])).toEqual(['IsEu', 'IsProd']);
    expect(logic.freeConditions(['Always'])).toEqual([]);
    expect(logic.freeConditions(['Unknown'])).toEqual(['Unknown']);
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
