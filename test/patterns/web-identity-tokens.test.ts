import { App, Duration, Stack, aws_iam as iam } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { LambdaExecutionRole, WebIdentityTokens } from '../../src';
import { checkTemplate } from '../../src/checks/engine';

describe('outbound identity federation: WebIdentityTokens.grant and LambdaExecutionRole.grantWebIdentityTokens', () => {
  test('grants sts:GetWebIdentityToken for the audiences named, the key present, and at most the lifetime given', () => {
    const stack = new Stack(new App(), 'Stack');
    const role = new LambdaExecutionRole(stack, 'Fn', { functionName: 'payouts' });
    role.grantWebIdentityTokens({ audiences: ['https://api.payments.example'], maxDuration: Duration.minutes(10) });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [{
          Effect: 'Allow',
          Action: 'sts:GetWebIdentityToken',
          Resource: '*',
          Condition: {
            'ForAllValues:StringEquals': { 'sts:IdentityTokenAudience': ['https://api.payments.example'] },
            'Null': { 'sts:IdentityTokenAudience': 'false' },
            'NumericLessThanEquals': { 'sts:DurationSeconds': 600 },
          },
        }],
      },
    });
    expect(checkTemplate(template.toJSON())).toEqual([]);
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
  });

  test('any role can have it; the lifetime is 5 minutes by default', () => {
    const stack = new Stack(new App(), 'Stack');
    const role = new iam.Role(stack, 'Worker', { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') });
    WebIdentityTokens.grant(role, { audiences: ['https://a.example', 'https://b.example'] });
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: [Match.objectLike({ Condition: Match.objectLike({ NumericLessThanEquals: { 'sts:DurationSeconds': 300 } }) })] },
    });
  });

  test.each([
    ['no audience', { audiences: [] }, /audiences: \[\] is not valid; one to ten audiences/],
    ['eleven audiences', { audiences: Array.from({ length: 11 }, (_, i) => `https://${i}.example`) }, /audiences: .* is not valid; one to ten audiences/],
    ['a wildcard audience', { audiences: ['*'] }, /audiences: "\*" is not valid; an exact audience .*a wildcard would allow any service/],
    ['a lifetime over an hour', { audiences: ['https://a.example'], maxDuration: Duration.hours(2) }, /maxDuration: "2 hours" is not valid; whole seconds from Duration.minutes\(1\) to Duration.hours\(1\)/],
    ['a lifetime under a minute', { audiences: ['https://a.example'], maxDuration: Duration.seconds(30) }, /maxDuration: "30 seconds" is not valid/],
  ])('refuses %s, naming the prop and the accepted form', (_name, props, message) => {
    const stack = new Stack(new App(), 'Stack');
    const role = new iam.Role(stack, 'Worker', { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') });
    expect(() => WebIdentityTokens.grant(role, props)).toThrow(message);
  });
});
