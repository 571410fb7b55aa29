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
 * The logic of a template's `Conditions` section. A condition defined only from other conditions
 * (`Fn::Not`, `Fn::And`, `Fn::Or`, `Condition`) or from literals (`Fn::Equals ["a", "a"]`) is computed; any
 * other condition (one that tests a parameter, a pseudo parameter, a mapping) is free: it can be true or
 * false at deployment. Combinations are made over the free conditions only, so a role guarded by `IsProd`
 * and `IsNotProd` (`Fn::Not [IsProd]`) is never checked with both true.
 */
export class ConditionLogic {
  private readonly definitions: CfnObject;

  constructor(conditions: unknown) {
    this.definitions = isObject(conditions) ? conditions : {};
  }

  /** The free conditions that the named ones depend on, in a stable order. */
  public freeConditions(names: Iterable<string>): string[] {
    const free = new Set<string>();
    // each condition is visited once, however many others share it (a diamond of Fn::And is not walked per path)
    const visited = new Set<string>();
    const visit = (name: string) => {
      if (visited.has(name)) return; // seen already, or a cycle: CloudFormation refuses those; nothing to combine
      visited.add(name);
      const dependencies = this.dependencies(this.definitions[name]);
      if (dependencies === undefined) free.add(name);
      else for (const dependency of dependencies) visit(dependency);
    };
    for (const name of names) visit(name);
    return [...free].sort();
  }

  /**
   * The value of a named condition, given the values of the free ones. `known` keeps the conditions computed for
   * the same free values, so a condition that many others share is computed once.
   */
  public evaluate(name: string, free: ConditionValues, known: Map<string, boolean> = new Map()): boolean {
    return this.evaluateExpression({ Condition: name }, free, new Set(), known);
  }

  /** The conditions an expression is computed from, or undefined when it tests something only a deployment knows. */
  private dependencies(expression: unknown): string[] | undefined {
    if (!isObject(expression)) return undefined;
    if (typeof expression.Condition === 'string') return [expression.Condition];
    const equals = expression['Fn::Equals'];
    if (Array.isArray(equals)) return equals.every((side) => typeof side === 'string') ? [] : undefined;
    const operands = expression['Fn::Not'] ?? expression['Fn::And'] ?? expression['Fn::Or'];
    if (!Array.isArray(operands)) return undefined;
    const found: string[] = [];
    for (const operand of operands) {
      const inner = this.dependencies(operand);
      if (inner === undefined) return undefined;
      found.push(...inner);
    }
    return found;
  }

  private evaluateExpression(expression: unknown, free: ConditionValues, seen: ReadonlySet<string>, known: Map<string, boolean>): boolean {
    if (!isObject(expression)) return true;
    if (typeof expression.Condition === 'string') {
      const name = expression.Condition;
      if (free.has(name)) return free.get(name)!;
      const computed = known.get(name);
      if (computed !== undefined) return computed;
      if (seen.has(name) || !(name in this.definitions)) return true;
      const value = this.evaluateExpression(this.definitions[name], free, new Set([...seen, name]), known);
      known.set(name, value);
      return value;
    }
    const equals = expression['Fn::Equals'];
    if (Array.isArray(equals)) return equals[0] === equals[1];
    const not = expression['Fn::Not'];
    if (Array.isArray(not)) return !this.evaluateExpression(not[0], free, seen, known);
    const and = expression['Fn::And'];
    if (Array.isArray(and)) return and.every((operand) => this.evaluateExpression(operand, free, seen, known));
    const or = expression['Fn::Or'];
    if (Array.isArray(or)) return or.some((operand) => this.evaluateExpression(operand, free, seen, known));
    return true;
  }
}

/** The most free conditions whose every combination is checked (2^6 = 64 variants of one role). */
export const MAX_FREE_CONDITIONS = 6;

/** The most combinations of conditions one role is checked under (with more free conditions, a chosen few). */
export const MAX_COMBINATIONS = 2 ** MAX_FREE_CONDITIONS;

/** The combinations of the named conditions that can happen, and whether some were left out. */
export interface ConditionCombinations {
  /** Each combination: the values of the named conditions (duplicates removed). */
  readonly combinations: readonly ConditionValues[];
  /** When not every combination was made (more free conditions than `MAX_FREE_CONDITIONS`, or a smaller `max`): how many free conditions there were. */
  readonly limitedFrom?: number;
}

/**
 * Every combination of values of `names` that some assignment of the free conditions gives. With more than
 * `MAX_FREE_CONDITIONS` free conditions, only all-true, all-false and each one flipped from those are made.
 */
export function conditionCombinations(names: ReadonlySet<string>, logic: ConditionLogic, max = MAX_COMBINATIONS): ConditionCombinations {
  const free = logic.freeConditions(names);
  const limited = free.length > MAX_FREE_CONDITIONS || 2 ** free.length > max;
  const sorted = [...names].sort();
  const byKey = new Map<string, ConditionValues>();
  for (const assignment of assignments(free, limited)) {
    const values = new Map<string, boolean>();
    const known = new Map<string, boolean>();
    let key = '';
    for (const name of sorted) {
      const value = assignment.has(name) ? assignment.get(name)! : logic.evaluate(name, assignment, known);
      values.set(name, value);
      key += value ? '1' : '0';
    }
    if (!byKey.has(key)) byKey.set(key, values);
    if (byKey.size >= max) break; // every expansion has a bound: the warning says how many were checked
  }
  return { combinations: [...byKey.values()], limitedFrom: limited ? free.length : undefined };
}

function* assignments(free: readonly string[], limited: boolean): Generator<ConditionValues> {
  if (!limited) {
    for (let combination = 0; combination < 2 ** free.length; combination++) {
      // the i-th condition is true when the i-th binary digit of the combination's number is 0
      yield new Map(free.map((name, i) => [name, Math.floor(combination / 2 ** i) % 2 === 0]));
    }
    return;
  }
  // all true and all false first, so a bound on the number made keeps both
  for (const base of [true, false]) yield new Map(free.map((name) => [name, base]));
  for (const flipped of free) {
    for (const base of [true, false]) yield new Map(free.map((name) => [name, name === flipped ? !base : base]));
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
