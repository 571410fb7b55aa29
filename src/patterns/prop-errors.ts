import { isUnresolved, LIST_TOKEN_ELEMENT } from './unresolved';
import { errorFromUserCode } from '../user-frames';

/**
 * Gathers every invalid prop of a construct and throws them together, so a user fixes them in one round
 * rather than one synth per mistake.
 */
export class PropErrors {
  private readonly problems: string[] = [];

  constructor(private readonly constructName: string, private readonly path: string) {}

  /** Records a problem: the prop, the bad value and the accepted form. */
  public add(prop: string, value: unknown, accepted: string): void {
    this.problems.push(`${prop}: ${describe(value)} is not valid; ${accepted}`);
  }

  /** Records a prop the construct does not have (a misspelt name, from plain JavaScript), with the closest known one. */
  public unknownProp(prop: string, closest: string | undefined): void {
    this.problems.push(`\`${prop}\` is not a prop of ${this.constructName}${closest === undefined ? '' : `; did you mean \`${closest}\`?`}`);
  }

  /** Records a problem that is not about one prop's value (two props that exclude each other). */
  public addConflict(message: string): void {
    this.problems.push(message);
  }

  /**
   * Refuses a list token, or a list token's element mixed with other values, where each value becomes part of
   * a longer string that CDK cannot build from a list only known at deployment.
   */
  public refuseListTokenElements(prop: string, list: readonly string[] | undefined, accepted: string): void {
    if (!(list ?? []).some((value) => typeof value === 'string' && LIST_TOKEN_ELEMENT.test(value))) return;
    this.add(prop, list, `a list token cannot be used here: ${accepted}`);
  }

  /** Refuses a list token's element mixed with other values: CDK can render a list token only as the whole list. */
  public refuseMixedListToken(prop: string, list: readonly string[] | undefined): void {
    if (!list || list.length < 2 || !list.some((value) => LIST_TOKEN_ELEMENT.test(value))) return;
    this.add(prop, list, 'a list token (valueAsList, Token.asList) must be the whole list; pass it alone, or only literal values and string tokens');
  }

  /** Checks a string prop against a pattern, skipping unresolved tokens. */
  public checkPattern(prop: string, value: string | undefined, pattern: RegExp, accepted: string): void {
    if (value === undefined || isUnresolved(value) || pattern.test(value)) return;
    this.add(prop, value, accepted);
  }

  /** Throws one error listing every problem, if there is any; its stack starts at the caller's code. */
  public throwIfAny(): void {
    if (this.problems.length === 0) return;
    const list = this.problems.map((problem) => `  - ${problem}`).join('\n');
    throw errorFromUserCode(`${this.constructName} at ${this.path} has invalid props:\n${list}`);
  }
}

function describe(value: unknown): string {
  const text = describeInFull(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

function describeInFull(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === undefined || typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint') return String(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}
