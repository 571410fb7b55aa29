import { PropErrors } from './prop-errors';
import { closestName } from '../closest-name';

/**
 * The kind of value a prop holds, checked before anything reads it: JavaScript callers have no compiler,
 * and a prop of the wrong kind must get the library's own error naming it, never a TypeError from deep inside.
 */
export interface PropShape {
  /** Whether a value (never undefined) is of this kind. */
  readonly test: (value: unknown) => boolean;
  /** The accepted form, in words, for the error. */
  readonly accepted: string;
}

/** The shape of each prop of a props object, and which props are required. */
export type PropShapes = Readonly<Record<string, PropShape & { readonly required?: boolean }>>;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** An object with the given member, as the CDK interfaces are checked (by what they have, not by class: an app may hold two copies of a class). */
function withMember(member: string, accepted: string): PropShape {
  return { test: (value) => isObject(value) && member in value, accepted };
}

/** The shapes the props of the patterns use. */
export const Shapes = {
  string: { test: (value: unknown) => typeof value === 'string', accepted: 'a string' },
  boolean: { test: (value: unknown) => typeof value === 'boolean', accepted: 'true or false' },
  number: { test: (value: unknown) => typeof value === 'number', accepted: 'a number' },
  stringList: { test: (value: unknown) => Array.isArray(value) && value.every((item) => typeof item === 'string'), accepted: 'a list of strings' },
  duration: { test: (value: unknown) => isObject(value) && typeof value.toSeconds === 'function', accepted: 'a Duration, such as Duration.hours(1)' },
  date: { test: (value: unknown) => value instanceof Date, accepted: 'a Date, such as new Date(\'2030-01-31T00:00:00Z\')' },
  managedPolicy: withMember('managedPolicyArn', 'an iam.IManagedPolicy, such as iam.ManagedPolicy.fromAwsManagedPolicyName(\'ReadOnlyAccess\')'),
  managedPolicyList: {
    test: (value: unknown) => Array.isArray(value) && value.every((item) => isObject(item) && 'managedPolicyArn' in item),
    accepted: 'a list of iam.IManagedPolicy, such as [iam.ManagedPolicy.fromAwsManagedPolicyName(\'ReadOnlyAccess\')]',
  },
  policyDocuments: {
    test: (value: unknown) => isObject(value) && Object.values(value).every((item) => isObject(item) && typeof item.addStatements === 'function'),
    accepted: 'an object of policy name to iam.PolicyDocument, such as { ReadOrders: new iam.PolicyDocument({ statements }) }',
  },
  numbers: {
    test: (value: unknown) => isObject(value) && Object.values(value).every((item) => item === undefined || typeof item === 'number'),
    accepted: 'an object of numbers',
  },
  logGroup: withMember('logGroupArn', 'a logs.ILogGroup'),
  topic: withMember('topicArn', 'an sns.ITopic'),
  samlProvider: withMember('samlProviderArn', 'an iam.ISamlProvider'),
  samlMetadata: {
    test: (value: unknown) => isObject(value) && typeof value.xml === 'string',
    accepted: 'an iam.SamlMetadataDocument, such as iam.SamlMetadataDocument.fromFile(\'idp-metadata.xml\')',
  },
  oidcProvider: withMember('openIdConnectProviderArn', 'an iam.IOidcProvider'),
  cluster: withMember('clusterName', 'an eks.ICluster'),
  objectList: { test: (value: unknown) => Array.isArray(value) && value.every(isObject), accepted: 'a list of objects' },
} satisfies Record<string, PropShape>;

/**
 * The shapes of every prop of a props interface, checked by the compiler to name each prop once and no other: the
 * list that tells a misspelt prop from plain JavaScript (`trustedAcounts`) from a real one.
 */
export function shapesOf<P>(shapes: ShapesOf<P>): ShapesOf<P> {
  return shapes;
}

/** The shapes of every prop of a props interface. */
export type ShapesOf<P> = { readonly [K in keyof Required<P>]: PropShape };

/** A required prop of a shape. */
export function required(shape: PropShape): PropShape & { readonly required: true } {
  return { ...shape, required: true };
}

/**
 * Checks the kind of every prop that is set and that every required prop is, recording each problem as
 * `<prefix><prop>`. Returns the props to read on (an empty object when none were given), or undefined when
 * any prop is of the wrong kind: then nothing else may read them.
 */
export function checkPropShapes<T>(errors: PropErrors, props: T | undefined, shapes: PropShapes, prefix = ''): T | undefined {
  if (props !== undefined && props !== null && !isObject(props)) {
    errors.add(prefix ? prefix.replace(/\.$/, '') : 'props', props, 'the props are an object');
    return undefined;
  }
  const given = (props ?? {}) as Record<string, unknown>;
  for (const prop of Object.keys(given)) {
    if (given[prop] === undefined || Object.prototype.hasOwnProperty.call(shapes, prop)) continue;
    const closest = closestName(prop, Object.keys(shapes));
    errors.unknownProp(`${prefix}${prop}`, closest === undefined ? undefined : `${prefix}${closest}`);
  }
  let wellFormed = true;
  for (const [prop, shape] of Object.entries(shapes)) {
    const value = given[prop];
    if (value === undefined ? !shape.required : shape.test(value)) continue;
    errors.add(`${prefix}${prop}`, value, `${shape.accepted} is ${shape.required ? 'required' : 'expected'}`);
    wellFormed = false;
  }
  return wellFormed ? given as T : undefined;
}

/**
 * The props, checked for kind: throws the library's error at once when any prop is of the wrong kind, as the
 * other checks read the props and would fail on them with a TypeError.
 */
export function shapedProps<T>(errors: PropErrors, props: T | undefined, shapes: PropShapes, prefix = ''): T {
  const checked = checkPropShapes(errors, props, shapes, prefix);
  if (checked === undefined) errors.throwIfAny();
  return checked!;
}

