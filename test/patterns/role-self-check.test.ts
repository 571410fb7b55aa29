import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { App, CfnResource, NestedStack, Stack, aws_iam as iam, aws_s3 as s3 } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { CrossAccountRole, LambdaExecutionRole } from '../../src';

/** A role with a grant (an AWS::IAM::Policy), an inline statement and an escape-hatch override. */
function appWithRoles(): { app: App; stack: Stack; role: LambdaExecutionRole } {
  const app = new App();
  const stack = new Stack(app, 'Stack');
  const role = new LambdaExecutionRole(stack, 'Fn', { functionName: 'orders' });
  new s3.Bucket(stack, 'Bucket').grantRead(role);
  (role.node.defaultChild as CfnResource).addPropertyOverride('Description', 'overridden');
  new CrossAccountRole(stack, 'Partner', { trustedAccounts: ['444455556666'], externalId: '8f14e45f-ceea-467f-a0e6-e1d2c3b4a596' });
  return { app, stack, role };
}

function template(app: App, options: { skipValidation?: boolean } = {}): unknown {
  return app.synth({ force: true, ...options }).getStackByName('Stack').template;
}

const READ_QUEUE = new iam.PolicyStatement({ actions: ['sqs:ReceiveMessage'], resources: ['arn:aws:sqs:us-east-1:111122223333:orders'] });

function actionsIn(synthesized: unknown): string[] {
  return JSON.stringify(synthesized).match(/sqs:ReceiveMessage/g) ?? [];
}

describe('the self-check renders each role once per synth', () => {
  test('the template is the same as one synthesized without the self-check', () => {
    expect(template(appWithRoles().app)).toEqual(template(appWithRoles().app, { skipValidation: true }));
  });

  test('references to other stacks and nested stacks come out the same', () => {
    const build = () => {
      const app = new App();
      const producer = new Stack(app, 'Producer');
      const bucket = new s3.Bucket(producer, 'Bucket');
      const consumer = new Stack(app, 'Stack');
      bucket.grantRead(new LambdaExecutionRole(consumer, 'Fn', { functionName: 'orders' }));
      bucket.grantRead(new LambdaExecutionRole(new NestedStack(consumer, 'Nested'), 'Fn', { functionName: 'nested' }));
      return app;
    };
    const templates = (app: App, skipValidation: boolean) => {
      const assembly = app.synth({ skipValidation });
      const nested = readdirSync(assembly.directory).filter((file) => file.endsWith('.nested.template.json'))
        .map((file) => JSON.parse(readFileSync(join(assembly.directory, file), 'utf8')));
      return [...assembly.stacks.map((stack) => stack.template), ...nested];
    };
    const checked = templates(build(), false);
    expect(checked).toHaveLength(3);
    expect(JSON.stringify(checked)).toContain('Fn::ImportValue');
    expect(checked).toEqual(templates(build(), true));
  });

  test('a change made after a synth is in the next synth, with or without validation', () => {
    const { app, role } = appWithRoles();
    expect(actionsIn(template(app))).toHaveLength(0);
    role.addToPrincipalPolicy(READ_QUEUE);
    expect(actionsIn(template(app, { skipValidation: true }))).toHaveLength(1);
    expect(actionsIn(template(app))).toHaveLength(1);
  });

  test('a rendering not used because validation failed elsewhere is dropped once that synth is over', async () => {
    const { app, stack, role } = appWithRoles();
    const failing = new Construct(stack, 'Failing');
    failing.node.addValidation({ validate: () => ['fails on purpose'] });
    expect(() => template(app)).toThrow(/fails on purpose/);
    await Promise.resolve(); // the synth call is over
    role.addToPrincipalPolicy(READ_QUEUE);
    // What any reader of the policy's rendering (CDK's search for references included) gets now.
    const policy = role.node.findChild('DefaultPolicy').node.defaultChild as unknown as { _toCloudFormation(): unknown };
    expect(actionsIn(stack.resolve(policy._toCloudFormation()))).toHaveLength(1);
    expect(actionsIn(template(app, { skipValidation: true }))).toHaveLength(1);
  });
});
