import { IResolvable, Stack, Tokenization } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { pseudoParameterName } from './pseudo-parameters';

/**
 * The finding id cdk-nag's AwsSolutions-IAM5 gives a wildcard resource, so a construct can acknowledge
 * exactly that finding: `AwsSolutions-IAM5[Resource::<the resource, flattened>]`.
 * @param scope any construct in the stack
 * @param resource the resource as passed to a policy statement (may hold tokens)
 */
export function cdkNagWildcardResourceId(scope: IConstruct, resource: string): string {
  const flattened = flattenedWithoutResolving(resource) ?? flattenReference(Stack.of(scope).resolve(resource));
  return `AwsSolutions-IAM5[Resource::${flattened}]`;
}

/**
 * The flattened form of a string whose only tokens are pseudo parameters (`Aws.PARTITION`, a stack's
 * `formatArn`), read from its fragments; `undefined` for any other token. Gives what flattening the resolved
 * string gives, without a `Stack.resolve` call: the profiler showed that call as most of the cost of a
 * `LambdaExecutionRole` beyond the role's own (CDK instruments each call with a performance measure).
 */
function flattenedWithoutResolving(text: string): string | undefined {
  let onlyPseudoParameters = true;
  const flattened = Tokenization.reverseString(text).mapTokens({
    mapToken: (token: IResolvable) => {
      const name = pseudoParameterName(token);
      if (name === undefined) onlyPseudoParameters = false;
      return `<${name}>`;
    },
  }).join({ join: (left: unknown, right: unknown) => `${left ?? ''}${right ?? ''}` });
  return onlyPseudoParameters ? flattenReference(String(flattened ?? '')) : undefined;
}

/**
 * Flattens a CloudFormation value the way cdk-nag writes it in finding ids: `Fn::Join` joined, `Ref` as
 * `<Name>`, `Fn::GetAtt` as `<Resource.Attribute>`, `${X}` in strings as `<X>`.
 */
export function flattenReference(node: unknown): string {
  if (node === undefined) return '';
  if (typeof node === 'string') return node.replace(/\$\{/g, '<').replace(/\}/g, '>');
  const object = node as Record<string, unknown>;
  if (object['Fn::Join']) {
    const [delimiter, items] = object['Fn::Join'] as [string, unknown[]];
    return items.map(flattenReference).join(delimiter);
  }
  if (object['Fn::Sub']) return flattenReference(object['Fn::Sub']);
  if (object['Fn::GetAtt']) {
    const [resource, attribute] = object['Fn::GetAtt'] as [unknown, unknown];
    return `<${flattenReference(resource)}.${flattenReference(attribute)}>`;
  }
  if (object['Fn::ImportValue']) return flattenReference(object['Fn::ImportValue']);
  if (object.Ref) return `<${flattenReference(object.Ref)}>`;
  return JSON.stringify(node);
}
