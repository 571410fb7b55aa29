import { App, Stack, StackProps } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { checkTemplate } from '../../src/checks/engine';
import { Limits } from '../../src/checks/limits';

/**
 * The property every construct's random-props test holds: building either throws an error that names
 * the invalid prop (never a TypeError), or gives a template on which no rule reports an error.
 * Returns the template when it built, for more assertions.
 */
export function builtCleanOrNamedTheProp(
  build: (stack: Stack) => void,
  propNames: RegExp,
  options: { readonly stackProps?: StackProps; readonly limits?: Partial<Limits> } = {},
): Record<string, any> | undefined {
  const stackProps = options.stackProps ?? {};
  const stack = new Stack(new App(), 'Stack', stackProps);
  try {
    build(stack);
  } catch (error) {
    expect(error).not.toBeInstanceOf(TypeError);
    expect((error as Error).message).toMatch(propNames);
    return undefined;
  }
  const template = Template.fromStack(stack).toJSON();
  const account = typeof stackProps.env?.account === 'string' ? stackProps.env.account : undefined;
  expect(checkTemplate(template, { deployingAccount: account, limits: options.limits }).filter((finding) => finding.severity === 'error')).toEqual([]);
  return template;
}
