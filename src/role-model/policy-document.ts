import { append, isIntrinsic, isObject, NONE, renderList, UNKNOWN } from './cfn-value';

/** One condition test, flattened from `Condition: { Operator: { Key: values } }`. */
export interface ConditionTest {
  /** The operator as written, e.g. `ForAnyValue:StringLikeIfExists`. */
  readonly operator: string;
  /** The base operator without set prefix and IfExists suffix, e.g. `StringLike`. */
  readonly baseOperator: string;
  /** `ForAllValues`, `ForAnyValue`, or undefined. */
  readonly setOperator?: string;
  /** Whether the operator ends with `IfExists`. */
  readonly ifExists: boolean;
  /** The condition key in lower case (IAM condition keys are case-insensitive). */
  readonly key: string;
  /** The key as written. */
  readonly keyAsWritten: string;
  /** The values, rendered; placeholders stand for what the template cannot know. */
  readonly values: readonly string[];
}

/** A principal block: principal type (`AWS`, `Service`, `Federated`, `CanonicalUser`, or `*`) to values. */
export type PrincipalBlock = ReadonlyMap<string, readonly string[]>;

/** One policy statement, normalised so rules need not care how it was written. */
export interface PolicyStatement {
  /** Where the statement is, for messages: `trust policy statement 1 (Sid "X")`. */
  readonly location: string;
  readonly sid?: string;
  /** `Allow` or `Deny` as written (rules compare case-sensitively, as IAM does). */
  readonly effect: string;
  readonly principal?: PrincipalBlock;
  readonly notPrincipal?: PrincipalBlock;
  readonly actions: readonly string[];
  readonly notActions: readonly string[];
  readonly resources: readonly string[];
  readonly notResources: readonly string[];
  readonly hasNotAction: boolean;
  readonly hasNotResource: boolean;
  readonly conditions: readonly ConditionTest[];
  /** True when the Condition block, or part of it, is an intrinsic that cannot be read. */
  readonly conditionsUnreadable: boolean;
  /** True for a statement of an AWS managed policy (AWS writes it; only the rules about breadth and escalation read it). */
  readonly awsManaged: boolean;
  /** Where the statement is written, for the finding's location; undefined when the model knows no path to it. */
  readonly subject?: Subject;
}

/** A path inside a template: `['Resources', 'Role', 'Properties', 'Policies', 0, 'PolicyDocument']`. */
export type TemplatePath = readonly (string | number)[];

/** Where a finding is: the node a template path names, in the role's own template unless `file` says another. */
export interface Subject {
  /** The path to the node: a statement, a policy document, a role property. */
  readonly path: TemplatePath;
  /** The template file, when the node is in another template than the role (a policy in another stack). */
  readonly file?: string;
}

/** A policy document with where it came from. */
export interface PolicySource {
  /** A human description: `the trust policy`, `inline policy "Logging"`, `AWS::IAM::Policy FnRoleDefaultPolicy`. */
  readonly description: string;
  /** The document as in the template (may hold intrinsics). */
  readonly document: unknown;
  /** True for an AWS managed policy's statements. */
  readonly awsManaged?: boolean;
  /** Where the document is written (for an AWS managed policy, the role's ManagedPolicyArns); statements add their own index. */
  readonly subject?: Subject;
}

const SET_OPERATOR = /^(ForAllValues|ForAnyValue):/i;
const IF_EXISTS = /IfExists$/;

/** Reads every statement of a policy document. Unreadable documents give no statements. */
export function readStatements(source: PolicySource): readonly PolicyStatement[] {
  const document = source.document;
  if (!isObject(document)) return NONE;
  const raw = document.Statement;
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  let statements: PolicyStatement[] | undefined;
  for (let i = 0; i < list.length; i++) { // numbered as written: a hole left by a Fn::If keeps its number
    const statement = list[i];
    if (isObject(statement)) statements = append(statements, new ReadStatement(statement, source, i, Array.isArray(raw)));
  }
  return statements ?? NONE;
}

/** A statement as read from a document. Its location is spelled out only when a message needs it. */
class ReadStatement implements PolicyStatement {
  public readonly sid?: string;
  public readonly effect: string;
  public readonly principal?: PrincipalBlock;
  public readonly notPrincipal?: PrincipalBlock;
  public readonly actions: readonly string[];
  public readonly notActions: readonly string[];
  public readonly resources: readonly string[];
  public readonly notResources: readonly string[];
  public readonly hasNotAction: boolean;
  public readonly hasNotResource: boolean;
  public readonly conditions: readonly ConditionTest[];
  public readonly conditionsUnreadable: boolean;

  constructor(raw: Record<string, unknown>, private readonly source: PolicySource, private readonly index: number, private readonly listed: boolean) {
    this.sid = typeof raw.Sid === 'string' ? raw.Sid : undefined;
    this.effect = typeof raw.Effect === 'string' ? raw.Effect : UNKNOWN;
    this.principal = raw.Principal === undefined ? undefined : readPrincipal(raw.Principal);
    this.notPrincipal = raw.NotPrincipal === undefined ? undefined : readPrincipal(raw.NotPrincipal);
    this.actions = renderList(raw.Action);
    this.notActions = renderList(raw.NotAction);
    this.resources = renderList(raw.Resource);
    this.notResources = renderList(raw.NotResource);
    this.hasNotAction = raw.NotAction !== undefined;
    this.hasNotResource = raw.NotResource !== undefined;
    this.conditionsUnreadable = !conditionsReadable(raw.Condition);
    this.conditions = readConditions(raw.Condition);
  }

  public get awsManaged(): boolean {
    return this.source.awsManaged === true;
  }

  public get location(): string {
    return `${this.source.description}, statement ${this.index + 1}${this.sid ? ` (Sid "${this.sid}")` : ''}`;
  }

  /** The statement's own node in its template; an AWS managed policy's statements point at the ARN that attaches it. */
  public get subject(): Subject | undefined {
    const document = this.source.subject;
    if (!document || this.awsManaged) return document;
    return { ...document, path: this.listed ? document.path.concat(['Statement', this.index]) : document.path.concat(['Statement']) };
  }
}

/** Reads `"*"` or `{ AWS: ..., Service: ..., Federated: ... }` into a map. */
export function readPrincipal(raw: unknown): PrincipalBlock {
  const block = new Map<string, readonly string[]>();
  if (raw === '*') {
    block.set('*', ['*']);
  } else if (isObject(raw) && !isIntrinsic(raw)) {
    for (const type in raw) block.set(type, renderList(raw[type]));
  } else {
    block.set('?', [UNKNOWN]);
  }
  return block;
}

/** Whether every part of a Condition block is written out (no intrinsic decides it at deployment). */
function conditionsReadable(raw: unknown): boolean {
  if (raw === undefined) return true;
  if (!isObject(raw) || isIntrinsic(raw)) return false;
  for (const operator in raw) {
    const tests = raw[operator];
    if (!isObject(tests) || isIntrinsic(tests)) return false;
  }
  return true;
}

/** The tests of a Condition block that can be read; parts that are intrinsics are left out. */
function readConditions(raw: unknown): readonly ConditionTest[] {
  if (!isObject(raw) || isIntrinsic(raw)) return NONE;
  let conditions: ConditionTest[] | undefined;
  for (const operator in raw) {
    const tests = raw[operator];
    if (!isObject(tests) || isIntrinsic(tests)) continue;
    const parsed = parseOperator(operator);
    for (const key in tests) {
      conditions = append(conditions, {
        operator,
        baseOperator: parsed.baseOperator,
        setOperator: parsed.setOperator,
        ifExists: parsed.ifExists,
        key: lowerCaseKey(key),
        keyAsWritten: key,
        values: renderList(tests[key]),
      });
    }
  }
  return conditions ?? NONE;
}

type ParsedOperator = Pick<ConditionTest, 'operator' | 'baseOperator' | 'setOperator' | 'ifExists'>;

/** Operators seen so far, parsed: a policy set uses a handful of them thousands of times. */
const parsedOperators = new Map<string, ParsedOperator>();

function parseOperator(operator: string): ParsedOperator {
  let parsed = parsedOperators.get(operator);
  if (parsed) return parsed;
  const setMatch = SET_OPERATOR.exec(operator);
  let base = setMatch ? operator.slice(setMatch[0].length) : operator;
  const ifExists = IF_EXISTS.test(base);
  if (ifExists) base = base.slice(0, -'IfExists'.length);
  parsed = { operator, baseOperator: base, setOperator: setMatch ? setMatch[1] : undefined, ifExists };
  if (parsedOperators.size < 1000) parsedOperators.set(operator, parsed); // bounded: operators come from input
  return parsed;
}

/** Whether the statement is an Allow. */
export function isAllow(statement: PolicyStatement): boolean {
  return statement.effect === 'Allow';
}

/** The condition tests in a statement on one key (case-insensitive). */
export function testsOnKey(statement: PolicyStatement, key: string): readonly ConditionTest[] {
  if (statement.conditions.length === 0) return NONE;
  const wanted = lowerCaseKey(key);
  let found: ConditionTest[] | undefined;
  for (const test of statement.conditions) {
    if (test.key === wanted) found = append(found, test);
  }
  return found ?? NONE;
}

/** Whether a condition test on the key (case-insensitive) passes `predicate`; no list is made for it. */
export function someTestOnKey(statement: PolicyStatement, key: string, predicate: (test: ConditionTest) => boolean): boolean {
  if (statement.conditions.length === 0) return false;
  const wanted = lowerCaseKey(key);
  for (const test of statement.conditions) {
    if (test.key === wanted && predicate(test)) return true;
  }
  return false;
}

/** Condition keys in lower case: the keys a policy set and the rules use are few, and each is met thousands of times. */
const lowerCaseKeys = new Map<string, string>();

function lowerCaseKey(key: string): string {
  let lower = lowerCaseKeys.get(key);
  if (lower === undefined) {
    lower = key.toLowerCase();
    if (lowerCaseKeys.size < 1000) lowerCaseKeys.set(key, lower); // bounded, like the operators
  }
  return lower;
}

/** Every principal value of one type (`AWS`, `Service`, `Federated`), or of every type with `*` principals. */
export function principalValues(statement: PolicyStatement, type: string): readonly string[] {
  return statement.principal?.get(type) ?? NONE;
}
