import { CfnObject, isObject } from './cfn-value';

/**
 * `Fn::If` and the `Conditions` section: which conditions a role depends on, which combinations of them can
 * happen, and the role as CloudFormation deploys it under one combination.
 */

/** Values of named conditions: one combination under which a role is deployed. */
export type ConditionValues = ReadonlyMap<string, boolean>;

/** Stands for `{ "Ref": "AWS::NoValue" }`: the property or list item is removed. */
export const NO_VALUE: unique symbol = Symbol('AWS::NoValue');

/**
 * Adds the names of the conditions that `Fn::If` tests anywhere in `value` to `found`, and returns it (made
 * on the first name; a value without `Fn::If`, the usual case, allocates nothing).
 */
export function conditionsTested(value: unknown, found?: Set<string>): Set<string> | undefined {
  if (Array.isArray(value)) {
    for (const item of value) found = conditionsTested(item, found);
    return found;
  }
  if (!isObject(value)) return found;
  for (const key in value) {
    const inner = value[key];
    if (key === 'Fn::If' && Array.isArray(inner) && typeof inner[0] === 'string') (found ??= new Set()).add(inner[0]);
    found = conditionsTested(inner, found);
  }
  return found;
}

/**
 * The value with every `Fn::If` replaced by the branch the conditions choose and every `AWS::NoValue`
 * removed. Parts without either are returned as they are (not copied). A whole value that is
 * `AWS::NoValue` gives `NO_VALUE`; a condition missing from `values` counts as true. A statement removed from
 * a `Statement` list leaves a hole (`undefined`), so every other statement keeps the number it has as
 * written, and a finding on it reads the same under every combination.
 */
export function chooseBranches(value: unknown, values: ConditionValues, keepHoles = false): unknown {
  if (Array.isArray(value)) return chooseInList(value, values, keepHoles);
  if (!isObject(value)) return value;
  if (isNoValue(value)) return NO_VALUE;
  const branches = value['Fn::If'];
  if (Array.isArray(branches) && branches.length === 3 && typeof branches[0] === 'string' && onlyKey(value, 'Fn::If')) {
    return chooseBranches(values.get(branches[0]) === false ? branches[2] : branches[1], values);
  }
  let copy: Record<string, unknown> | undefined;
  for (const key in value) {
    const inner = value[key];
    const chosen = chooseBranches(inner, values, key === 'Statement');
    if (chosen === inner) continue;
    copy ??= { ...value };
    if (chosen === NO_VALUE) delete copy[key];
    else copy[key] = chosen;
  }
  return copy ?? value;
}

function chooseInList(list: readonly unknown[], values: ConditionValues, keepHoles: boolean): unknown {
  let copy: unknown[] | undefined;
  for (let i = 0; i < list.length; i++) {
    const chosen = chooseBranches(list[i], values);
    if (copy === undefined && chosen === list[i]) continue;
    copy ??= list.slice(0, i);
    if (chosen !== NO_VALUE) copy.push(chosen);
    else if (keepHoles) copy.push(undefined);
  }
  return copy ?? list;
}

function isNoValue(value: CfnObject): boolean {
  return value.Ref === 'AWS::NoValue' && onlyKey(value, 'Ref');
}

function onlyKey(value: CfnObject, key: string): boolean {
  for (const other in value) if (other !== key) return false;
  return true;
}

/**
 * What a deployment decides, on which conditions depend: a value (a parameter, a pseudo parameter, or any other
 * value known only at deployment) that conditions compare with literals, or a test the model cannot see into.
 */
export interface FreeVariable {
  /** `Ref:Env` for a parameter, the condition's name for a condition that is itself such a test, else the test as JSON. */
  readonly id: string;
  /** The values it can take: a parameter's `AllowedValues`, or the literals it is compared with and one value that is none of them; `true`/`false` for a test. */
  readonly domain: ReadonlyArray<string | boolean>;
}

/** The values of the free variables: one deployment's choices. */
export type Assignment = ReadonlyMap<string, string | boolean>;

/** A value different from every literal a template compares with (no template literal holds a NUL character). */
export const ANY_OTHER_VALUE = '\u0000any other value';

/**
 * The logic of a template's `Conditions` section, solved together over what the deployment decides. A condition
 * defined from other conditions (`Fn::Not`, `Fn::And`, `Fn::Or`, `Condition`) or from literals is computed. A
 * `Fn::Equals` of a value known only at deployment (a parameter) and a literal tests that value: conditions over
 * the same parameter share it, so `IsDev = Equals(Env, dev)` and `IsProd = Equals(Env, prod)` are never both true,
 * and a parameter's `AllowedValues` limits what it can be. Anything else the model cannot see into is a free test,
 * true or false. Combinations are made over these free variables only, so every combination can deploy.
 */
export class ConditionLogic {
  private readonly definitions: CfnObject;
  private readonly parameters: CfnObject;

  constructor(conditions: unknown, parameters?: unknown) {
    this.definitions = isObject(conditions) ? conditions : {};
    this.parameters = isObject(parameters) ? parameters : {};
  }

  /** The free variables that the named conditions depend on, in a stable order, each with the values it can take. */
  public freeVariables(names: Iterable<string>): FreeVariable[] {
    const literals = new Map<string, Set<string>>(); // compared values by value variable
    const tests = new Set<string>();
    // each condition is visited once, however many others share it (a diamond of Fn::And is not walked per path)
    const visited = new Set<string>();
    const visit = (expression: unknown, depth: number): void => {
      if (!isObject(expression) || depth > MAX_EXPRESSION_DEPTH) return;
      if (typeof expression.Condition === 'string') {
        const name = expression.Condition;
        if (visited.has(name)) return; // seen already, or a cycle: CloudFormation refuses those; nothing to combine
        visited.add(name);
        if (!(name in this.definitions)) tests.add(name);
        else if (this.isOpaque(this.definitions[name])) tests.add(name);
        else visit(this.definitions[name], depth + 1);
        return;
      }
      const equals = this.equalsTest(expression);
      if (equals?.kind === 'value') {
        let found = literals.get(equals.id);
        if (!found) literals.set(equals.id, found = new Set());
        found.add(equals.literal);
        return;
      }
      if (equals?.kind === 'test') {
        tests.add(equals.id);
        return;
      }
      for (const operand of operandsOf(expression) ?? []) visit(operand, depth + 1);
    };
    for (const name of names) visit({ Condition: name }, 0);
    const variables: FreeVariable[] = [];
    for (const [id, compared] of literals) variables.push({ id, domain: this.domainOf(id, compared) });
    for (const id of tests) variables.push({ id, domain: [true, false] });
    return variables.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /**
   * The value of a named condition under one assignment of the free variables. `known` keeps the conditions
   * computed for the same assignment, so a condition that many others share is computed once.
   */
  public evaluate(name: string, assignment: Assignment, known: Map<string, boolean> = new Map()): boolean {
    return this.evaluateExpression({ Condition: name }, assignment, new Set(), known, 0);
  }

  /** Whether a condition's definition is a test the model cannot see into (it is then its own free variable, named as the condition). */
  private isOpaque(expression: unknown): boolean {
    if (!isObject(expression)) return true;
    if (typeof expression.Condition === 'string' || operandsOf(expression) !== undefined) return false;
    const equals = this.equalsTest(expression);
    return equals === undefined || equals.kind === 'test';
  }

  /**
   * A `Fn::Equals` read: a constant (both sides literal or the same), a value compared with a literal, or a test
   * of two values known only at deployment. Undefined when the expression is no `Fn::Equals`.
   */
  private equalsTest(expression: CfnObject): EqualsTest | undefined {
    const equals = expression['Fn::Equals'];
    if (!Array.isArray(equals)) return undefined;
    if (equals.length !== 2) return { kind: 'test', id: JSON.stringify(expression) };
    const [left, right] = equals.map(literalOf);
    if (left !== undefined && right !== undefined) return { kind: 'constant', value: left === right };
    if (left === undefined && right === undefined) {
      const [a, b] = equals.map((side) => JSON.stringify(side));
      return a === b ? { kind: 'constant', value: true } : { kind: 'test', id: JSON.stringify(expression) };
    }
    const unknown = left === undefined ? equals[0] : equals[1];
    return { kind: 'value', id: valueId(unknown), literal: (left ?? right)! };
  }

  /** A value variable's values: its parameter's `AllowedValues`, or the literals it is compared with and one other. */
  private domainOf(id: string, compared: ReadonlySet<string>): string[] {
    const parameter = id.startsWith('Ref:') ? this.parameters[id.slice('Ref:'.length)] : undefined;
    const allowed = isObject(parameter) && Array.isArray(parameter.AllowedValues) ? parameter.AllowedValues.map(literalOf) : undefined;
    if (allowed && allowed.length > 0 && allowed.every((value) => value !== undefined)) return [...new Set(allowed as string[])];
    return [...[...compared].sort(), ANY_OTHER_VALUE];
  }

  private evaluateExpression(
    expression: unknown, assignment: Assignment, seen: ReadonlySet<string>, known: Map<string, boolean>, depth: number,
  ): boolean {
    if (!isObject(expression) || depth > MAX_EXPRESSION_DEPTH) return true;
    if (typeof expression.Condition === 'string') {
      const name = expression.Condition;
      const free = assignment.get(name);
      if (typeof free === 'boolean') return free;
      const computed = known.get(name);
      if (computed !== undefined) return computed;
      if (seen.has(name) || !(name in this.definitions)) return true;
      const value = this.evaluateExpression(this.definitions[name], assignment, new Set([...seen, name]), known, depth + 1);
      known.set(name, value);
      return value;
    }
    const equals = this.equalsTest(expression);
    if (equals?.kind === 'constant') return equals.value;
    if (equals?.kind === 'value') return assignment.get(equals.id) === equals.literal;
    if (equals?.kind === 'test') return assignment.get(equals.id) !== false;
    const evaluate = (operand: unknown) => this.evaluateExpression(operand, assignment, seen, known, depth + 1);
    if (Array.isArray(expression['Fn::Not'])) return !evaluate((expression['Fn::Not'] as unknown[])[0]);
    if (Array.isArray(expression['Fn::And'])) return (expression['Fn::And'] as unknown[]).every(evaluate);
    if (Array.isArray(expression['Fn::Or'])) return (expression['Fn::Or'] as unknown[]).some(evaluate);
    return true;
  }
}

type EqualsTest =
  | { readonly kind: 'constant'; readonly value: boolean }
  | { readonly kind: 'value'; readonly id: string; readonly literal: string }
  | { readonly kind: 'test'; readonly id: string };

/**
 * How deep condition expressions are read, through the conditions they name (each condition is read once; a
 * template's own nesting is refused past 256 levels before): past it, a part counts as true.
 */
const MAX_EXPRESSION_DEPTH = 2048;

/** The operands of `Fn::Not`, `Fn::And` or `Fn::Or`. */
function operandsOf(expression: CfnObject): unknown[] | undefined {
  const operands = expression['Fn::Not'] ?? expression['Fn::And'] ?? expression['Fn::Or'];
  return Array.isArray(operands) ? operands : undefined;
}

/** A literal side of `Fn::Equals` as the string CloudFormation compares; undefined for a value known only at deployment. */
function literalOf(value: unknown): string | undefined {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
}

/** The id of a value known only at deployment: `Ref:Name` for a parameter or pseudo parameter, else the value as JSON. */
function valueId(value: unknown): string {
  return isObject(value) && typeof value.Ref === 'string' && Object.keys(value).length === 1 ? `Ref:${value.Ref}` : JSON.stringify(value);
}

/** The most free conditions whose every combination is checked (2^6 = 64 variants of one role). */
export const MAX_FREE_CONDITIONS = 6;

/** The most combinations of conditions one role is checked under (with more free conditions, a chosen few). */
export const MAX_COMBINATIONS = 2 ** MAX_FREE_CONDITIONS;

/** The combinations of the named conditions that can happen, and whether some were left out. */
export interface ConditionCombinations {
  /** Each combination: the values of the named conditions (duplicates removed). */
  readonly combinations: readonly ConditionValues[];
  /** When not every combination was made (more than `max` assignments of the free variables): how many free variables there were. */
  readonly limitedFrom?: number;
}

/**
 * Every combination of values of `names` that some assignment of the free variables gives. When the free
 * variables have more assignments than `max` (or than `MAX_COMBINATIONS`), only their first and last values and
 * each variable varied alone from those are made, up to `max`: for free tests, all true, all false and each flipped.
 */
export function conditionCombinations(names: ReadonlySet<string>, logic: ConditionLogic, max = MAX_COMBINATIONS): ConditionCombinations {
  const free = logic.freeVariables(names);
  const count = free.reduce((product, variable) => product * variable.domain.length, 1);
  const limited = count > Math.min(max, MAX_COMBINATIONS);
  const sorted = [...names].sort();
  const byKey = new Map<string, ConditionValues>();
  for (const assignment of assignments(free, limited)) {
    const values = new Map<string, boolean>();
    const known = new Map<string, boolean>();
    let key = '';
    for (const name of sorted) {
      const value = logic.evaluate(name, assignment, known);
      values.set(name, value);
      key += value ? '1' : '0';
    }
    if (!byKey.has(key)) byKey.set(key, values);
    if (byKey.size >= max) break; // every expansion has a bound: the warning says how many were checked
  }
  return { combinations: [...byKey.values()], limitedFrom: limited ? free.length : undefined };
}

function* assignments(free: readonly FreeVariable[], limited: boolean): Generator<Assignment> {
  if (!limited) {
    const count = free.reduce((product, variable) => product * variable.domain.length, 1);
    for (let combination = 0; combination < count; combination++) {
      // the combination's number in a mixed radix: the i-th digit picks the i-th variable's value (the first value first)
      let rest = combination;
      yield new Map(free.map((variable) => {
        const value = variable.domain[rest % variable.domain.length];
        rest = Math.floor(rest / variable.domain.length);
        return [variable.id, value];
      }));
    }
    return;
  }
  // every first value and every last value first, so a bound on the number made keeps both (all true and all false)
  const first = (variable: FreeVariable) => variable.domain[0];
  const last = (variable: FreeVariable) => variable.domain[variable.domain.length - 1];
  for (const base of [first, last]) yield new Map(free.map((variable) => [variable.id, base(variable)]));
  for (const varied of free) {
    for (const base of [first, last]) {
      for (const value of varied.domain) {
        if (value !== base(varied)) yield new Map(free.map((variable) => [variable.id, variable === varied ? value : base(variable)]));
      }
    }
  }
}

/** How many conditions a description names one by one; the rest are counted. */
const NAMED_CONDITIONS = 6;

/**
 * A combination in words: `condition OpenAccess is true and condition IsProd is false`; with many conditions,
 * those that differ from the rest and a count: `condition C5 is false and the other 199 conditions are true`.
 */
export function describeCombination(values: ConditionValues): string {
  const entries = [...values];
  if (entries.length <= NAMED_CONDITIONS) return entries.map(([name, value]) => `condition ${name} is ${value}`).join(' and ');
  const trues = entries.filter(([, value]) => value).length;
  const usual = trues * 2 >= entries.length;
  const unusual = entries.filter(([, value]) => value !== usual);
  const named = unusual.slice(0, NAMED_CONDITIONS).map(([name, value]) => `condition ${name} is ${value}`);
  const more = unusual.length > NAMED_CONDITIONS ? [`${unusual.length - NAMED_CONDITIONS} more are ${!usual}`] : [];
  return [...named, ...more, `the other ${entries.length - unusual.length} conditions are ${usual}`].join(' and ');
}
