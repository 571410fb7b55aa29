/**
 * EventBridge's matching of an event against an event pattern, for the forms this library writes, as the
 * EventBridge User Guide ("Creating event patterns", "Content filtering in event patterns") describes them:
 * - every field of the pattern must match, and a field the event lacks matches nothing (but `{ exists: false }`);
 * - a list matches when any of its matchers matches the value, or, when the event's value is a list, any of its items;
 * - a matcher is an exact value (case-sensitive), `{ prefix }` (a string, or `{ 'equals-ignore-case': string }`),
 *   `{ 'equals-ignore-case' }`, `{ exists }` or `{ 'anything-but' }`;
 * - `$or` matches when any of its patterns matches.
 * A test oracle written from the documentation: `TestEventPattern` of the EventBridge API is online only.
 */
export function matchesEventPattern(pattern: unknown, event: unknown): boolean {
  if (!isObject(pattern) || !isObject(event)) return false;
  return Object.entries(pattern).every(([key, expected]) => {
    if (key === '$or') return Array.isArray(expected) && expected.some((alternative) => matchesEventPattern(alternative, event));
    const actual = event[key];
    if (Array.isArray(expected)) return matchesList(expected, actual);
    return isObject(expected) && matchesEventPattern(expected, actual);
  });
}

function matchesList(matchers: readonly unknown[], value: unknown): boolean {
  const values = Array.isArray(value) ? value : [value];
  return matchers.some((matcher) => values.some((item) => matchesOne(matcher, item)));
}

function matchesOne(matcher: unknown, value: unknown): boolean {
  if (!isObject(matcher)) return value !== undefined && matcher === value;
  if ('exists' in matcher) return (value !== undefined) === matcher.exists;
  if (value === undefined) return false;
  if ('equals-ignore-case' in matcher) return typeof value === 'string' && value.toLowerCase() === String(matcher['equals-ignore-case']).toLowerCase();
  if ('prefix' in matcher) {
    if (typeof value !== 'string') return false;
    const prefix = matcher.prefix;
    if (isObject(prefix)) return value.toLowerCase().startsWith(String(prefix['equals-ignore-case']).toLowerCase());
    return value.startsWith(String(prefix));
  }
  if ('anything-but' in matcher) {
    const excluded = matcher['anything-but'];
    return !(Array.isArray(excluded) ? excluded : [excluded]).includes(value);
  }
  throw new Error(`matcher not implemented by this oracle: ${JSON.stringify(matcher)}`);
}

function isObject(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A template value with its intrinsics replaced by what they deploy as: `Ref` and `Fn::GetAtt [id, 'Arn']` from the
 * map given (`AWS::Partition` and the like included), `Fn::Join` joined. Throws on anything else, so a test never
 * matches a pattern it did not resolve.
 */
export function resolveIntrinsics(value: unknown, refs: Readonly<Record<string, string>>): unknown {
  if (Array.isArray(value)) return value.map((item) => resolveIntrinsics(item, refs));
  if (!isObject(value)) return value;
  const keys = Object.keys(value);
  if (keys.length === 1 && keys[0] === 'Ref') return known(refs, value.Ref);
  if (keys.length === 1 && keys[0] === 'Fn::GetAtt') return known(refs, `${value['Fn::GetAtt'][0]}.${value['Fn::GetAtt'][1]}`);
  if (keys.length === 1 && keys[0] === 'Fn::Join') {
    const [separator, parts] = value['Fn::Join'];
    return (parts as unknown[]).map((part) => resolveIntrinsics(part, refs)).join(separator);
  }
  if (keys.some((key) => key.startsWith('Fn::'))) throw new Error(`intrinsic not resolved by this helper: ${JSON.stringify(value)}`);
  return Object.fromEntries(keys.map((key) => [key, resolveIntrinsics(value[key], refs)]));
}

function known(refs: Readonly<Record<string, string>>, name: string): string {
  if (!(name in refs)) throw new Error(`no value given for ${name}`);
  return refs[name];
}
