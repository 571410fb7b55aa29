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
    const visit = (name: string, seen: ReadonlySet<string>) => {
      if (seen.has(name)) return; // a cycle: CloudFormation refuses it; nothing to combine
      const dependencies = this.dependencies(this.definitions[name]);
      if (dependencies === undefined) free.add(name);
      else for (const dependency of dependencies) visit(dependency, new Set([...seen, name]));
    };
    for (const name of names) visit(name, new Set());
    return [...free].sort();
  }

  /** The value of a named condition, given the values of the free ones. */
  public evaluate(name: string, free: ConditionValues): boolean {
    return this.evaluateExpression({ Condition: name }, free, new Set());
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

  private evaluateExpression(expression: unknown, free: ConditionValues, seen: ReadonlySet<string>): boolean {
    if (!isObject(expression)) return true;
    if (typeof expression.Condition === 'string') {
      const name = expression.Condition;
      if (free.has(name)) return free.get(name)!;
      if (seen.has(name) || !(name in this.definitions)) return true;
      return this.evaluateExpression(this.definitions[name], free, new Set([...seen, name]));
    }
    const equals = expression['Fn::Equals'];
    if (Array.isArray(equals)) return equals[0] === equals[1];
    const not = expression['Fn::Not'];
    if (Array.isArray(not)) return !this.evaluateExpression(not[0], free, seen);
    const and = expression['Fn::And'];
    if (Array.isArray(and)) return and.every((operand) => this.evaluateExpression(operand, free, seen));
    const or = expression['Fn::Or'];
    if (Array.isArray(or)) return or.some((operand) => this.evaluateExpression(operand, free, seen));
    return true;
  }
}

/** The most free conditions whose every combination is checked (2^6 = 64 variants of one role). */
export const MAX_FREE_CONDITIONS = 6;

/** The combinations of the named conditions that can happen, and whether some were left out. */
export interface ConditionCombinations {
  /** Each combination: the values of the named conditions (duplicates removed). */
  readonly combinations: readonly ConditionValues[];
  /** When there were more free conditions than `MAX_FREE_CONDITIONS`: how many there were. */
  readonly limitedFrom?: number;
}

/**
 * Every combination of values of `names` that some assignment of the free conditions gives. With more than
 * `MAX_FREE_CONDITIONS` free conditions, only all-true, all-false and each one flipped from those are made.
 */
export function conditionCombinations(names: ReadonlySet<string>, logic: ConditionLogic): ConditionCombinations {
  const free = logic.freeConditions(names);
  const limited = free.length > MAX_FREE_CONDITIONS;
  const byKey = new Map<string, ConditionValues>();
  for (const assignment of assignments(free, limited)) {
    const values = new Map<string, boolean>();
    let key = '';
    for (const name of [...names].sort()) {
      const value = assignment.has(name) ? assignment.get(name)! : logic.evaluate(name, assignment);
      values.set(name, value);
      key += value ? '1' : '0';
    }
    if (!byKey.has(key)) byKey.set(key, values);
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
  for (const base of [true, false]) {
    yield new Map(free.map((name) => [name, base]));
    for (const flipped of free) yield new Map(free.map((name) => [name, name === flipped ? !base : base]));
  }
}

/** A combination in words: `condition OpenAccess is true and condition IsProd is false`. */
export function describeCombination(values: ConditionValues): string {
  return [...values].map(([name, value]) => `condition ${name} is ${value}`).join(' and ');
}
