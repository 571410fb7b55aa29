import { App, CfnParameter, Stack, Token, Validations, aws_dynamodb as dynamodb, aws_iam as iam, aws_s3 as s3 } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { WebIdentityProvider, WebIdentityRole } from '../../src';
import { POOL, PROVIDERS } from '../support/web-identity-providers';

const oidcArn = (issuer: string) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, `:oidc-provider/${issuer}`]] });


function build(provider: WebIdentityProvider): { stack: Stack; role: WebIdentityRole } {
  const stack = new Stack(new App(), 'Stack');
  const role = new WebIdentityRole(stack, 'Role', { provider });
  return { stack, role };
}

/** The trust statements of the role `Role` (CDK's CfnJson adds a role of its own for its provider). */
function trustOf(stack: Stack): any[] {
  const roles = Object.entries(Template.fromStack(stack).findResources('AWS::IAM::Role'));
  const [, role] = roles.find(([logicalId]) => /^Role|^Deploy/.test(logicalId))!;
  return role.Properties.AssumeRolePolicyDocument.Statement;
}

describe('WebIdentityRole per provider', () => {
  test.each(PROVIDERS)('%s matches the snapshot and draws no warning', (_name, provider) => {
    const { stack } = build(provider());
    expect(Template.fromStack(stack).toJSON()).toMatchSnapshot();
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
  });

  test.each<[string, () => WebIdentityProvider, unknown, Record<string, unknown>]>([
    ['Cognito', PROVIDERS[0][1], 'cognito-identity.amazonaws.com', {
      'StringEquals': { 'cognito-identity.amazonaws.com:aud': POOL },
      'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' },
    }],
    ['Google', PROVIDERS[1][1], 'accounts.google.com', { StringEquals: { 'accounts.google.com:aud': ['1234-abc.apps.googleusercontent.com'] } }],
    ['Facebook', PROVIDERS[2][1], 'graph.facebook.com', { StringEquals: { 'graph.facebook.com:app_id': ['123456789012345'] } }],
    ['Amazon', PROVIDERS[3][1], 'www.amazon.com', { StringEquals: { 'www.amazon.com:app_id': ['amzn1.application.abc'] } }],
    ['GitHub', PROVIDERS[4][1], oidcArn('token.actions.githubusercontent.com'), {
      StringEquals: { 'token.actions.githubusercontent.com:aud': ['sts.amazonaws.com'], 'token.actions.githubusercontent.com:sub': ['repo:ride-co/api:ref:refs/heads/main'] },
    }],
    ['GitLab', PROVIDERS[5][1], oidcArn('gitlab.com'), {
      StringEquals: { 'gitlab.com:aud': ['https://gitlab.com'], 'gitlab.com:sub': ['project_path:ride-co/platform/api:ref_type:branch:ref:main'] },
    }],
    ['EKS', PROVIDERS[6][1], oidcArn('oidc.eks.eu-west-1.amazonaws.com/id/5C0FFEE'), {
      StringEquals: { 'oidc.eks.eu-west-1.amazonaws.com/id/5C0FFEE:aud': ['sts.amazonaws.com'], 'oidc.eks.eu-west-1.amazonaws.com/id/5C0FFEE:sub': ['system:serviceaccount:payments:ledger'] },
    }],
    ['OIDC', PROVIDERS[7][1], oidcArn('auth.example.com'), { StringEquals: { 'auth.example.com:aud': ['rides-api'], 'auth.example.com:sub': ['service:billing'] } }],
  ])('%s: one statement with the federated principal, sts:AssumeRoleWithWebIdentity and its conditions', (_name, provider, federated, condition) => {
    expect(trustOf(build(provider()).stack)).toEqual([{ Effect: 'Allow', Action: 'sts:AssumeRoleWithWebIdentity', Principal: { Federated: federated }, Condition: condition }]);
  });
});

describe('WebIdentityRole GitHub Actions filters', () => {
  const sub = (stack: Stack) => trustOf(stack)[0].Condition;

  test('each filter becomes a subject; StringLike for all of them when any holds a wildcard', () => {
    const { stack } = build(WebIdentityProvider.githubActions({
      owner: 'ride-co', repository: 'api', branches: ['main', 'release/*'], environments: ['production'], tags: ['v1.0.0'], pullRequests: true,
    }));
    expect(sub(stack)).toEqual({
      StringEquals: { 'token.actions.githubusercontent.com:aud': ['sts.amazonaws.com'] },
      StringLike: {
        'token.actions.githubusercontent.com:sub': [
          'repo:ride-co/api:ref:refs/heads/main', 'repo:ride-co/api:ref:refs/heads/release/*', 'repo:ride-co/api:environment:production',
          'repo:ride-co/api:ref:refs/tags/v1.0.0', 'repo:ride-co/api:pull_request',
        ],
      },
    });
  });

  test('accepts the immutable OWNER@ID/REPO@ID form', () => {
    const { stack } = build(WebIdentityProvider.githubActions({ owner: 'ride-co@1234', repository: 'api@5678', environments: ['prod'] }));
    expect(sub(stack).StringEquals['token.actions.githubusercontent.com:sub']).toEqual(['repo:ride-co@1234/api@5678:environment:prod']);
  });

  test('every repository of the owner only with allowAllRepositories, and then with a warning', () => {
    expect(() => build(WebIdentityProvider.githubActions({ owner: 'ride-co', repository: '*', branches: ['main'] })))
      .toThrow(/provider.repository: "\*" is not valid; name the repository; "\*" trusts every repository of the owner.*allowAllRepositories/);
    const { stack } = build(WebIdentityProvider.githubActions({ owner: 'ride-co', repository: '*', branches: ['main'], allowAllRepositories: true }));
    expect(sub(stack).StringLike['token.actions.githubusercontent.com:sub']).toEqual(['repo:ride-co/*:ref:refs/heads/main']);
    Annotations.fromStack(stack).hasWarning('/Stack/Role', Match.stringLikeRegexp('every repository of one GitHub owner.*WebIdentitySubjectWholeOwner'));
  });

  test('creates the IAM OIDC provider once per stack when asked, with OidcProviderNative', () => {
    const stack = new Stack(new App(), 'Stack');
    const provider = () => WebIdentityProvider.githubActions({ owner: 'ride-co', repository: 'api', branches: ['main'], createOidcProvider: true });
    new WebIdentityRole(stack, 'Deploy', { provider: provider() });
    new WebIdentityRole(stack, 'Plan', { provider: provider() });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::IAM::OIDCProvider', 1);
    template.hasResourceProperties('AWS::IAM::OIDCProvider', { Url: 'https://token.actions.githubusercontent.com', ClientIdList: ['sts.amazonaws.com'] });
    template.resourceCountIs('Custom::AWSCDKOpenIdConnectProvider', 0);
    expect(trustOf(stack)[0].Principal.Federated).toEqual({ Ref: expect.stringMatching(/^OidcProvider/) });
  });

  test('uses a given provider', () => {
    const stack = new Stack(new App(), 'Stack');
    const oidcProvider = iam.OidcProviderNative.fromOidcProviderArn(stack, 'P', 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com');
    new WebIdentityRole(stack, 'Role', { provider: WebIdentityProvider.githubActions({ owner: 'o', repository: 'r', tags: ['v*'], oidcProvider }) });
    expect(trustOf(stack)[0].Principal.Federated).toBe('arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com');
  });
});

describe('WebIdentityRole with a token issuer (EKS)', () => {
  test('writes the conditions through CfnJson, which the checks read: no warning to acknowledge', () => {
    const stack = new Stack(new App(), 'Stack');
    const issuer = new CfnParameter(stack, 'Issuer').valueAsString;
    new WebIdentityRole(stack, 'Role', { provider: WebIdentityProvider.eksServiceAccount({ oidcIssuer: issuer, namespace: 'payments', serviceAccount: 'ledger' }) });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('Custom::AWSCDKCfnJson', {
      Value: { 'Fn::Join': ['', ['{"', { Ref: 'Issuer' }, ':aud":["sts.amazonaws.com"],"', { Ref: 'Issuer' }, ':sub":["system:serviceaccount:payments:ledger"]}']] },
    });
    expect(trustOf(stack)[0].Condition).toEqual({ StringEquals: { 'Fn::GetAtt': [expect.stringMatching(/^RoleStringEqualsCondition/), 'Value'] } });
    Annotations.fromStack(stack).hasNoWarning('/Stack/Role', Match.anyValue());
  });
});

describe('WebIdentityRole per-identity access', () => {
  test('DynamoDB: only items whose partition key is the caller\'s Cognito identity', () => {
    const { stack, role } = build(WebIdentityProvider.cognitoIdentityPool({ identityPoolId: POOL }));
    role.grantPerIdentityDynamoDbAccess(new dynamodb.Table(stack, 'Rides', { partitionKey: { name: 'riderId', type: dynamodb.AttributeType.STRING } }));
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [{
          Effect: 'Allow',
          Action: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'],
          Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Rides'), 'Arn'] },
          Condition: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': ['${cognito-identity.amazonaws.com:sub}'] } },
        }],
      },
    });
  });

  test('S3: list and use only the caller\'s own prefix; Google identities use their own variable', () => {
    const { stack, role } = build(WebIdentityProvider.google({ clientIds: ['c.apps.googleusercontent.com'] }));
    role.grantPerIdentityS3Prefix(new s3.Bucket(stack, 'Photos'), ['s3:GetObject']);
    const statements = Object.values(Template.fromStack(stack).findResources('AWS::IAM::Policy'))[0].Properties.PolicyDocument.Statement;
    expect(statements[0]).toMatchObject({ Action: 's3:ListBucket', Condition: { StringLike: { 's3:prefix': ['${accounts.google.com:sub}/*'] } } });
    expect(statements[1]).toMatchObject({ Action: 's3:GetObject', Resource: { 'Fn::Join': ['', [expect.anything(), '/${accounts.google.com:sub}/*']] } });
  });

  test('is refused for CI and workload providers, whose tokens identify no user', () => {
    const { stack, role } = build(PROVIDERS[4][1]());
    expect(() => role.grantPerIdentityDynamoDbAccess(new dynamodb.Table(stack, 'T', { partitionKey: { name: 'k', type: dynamodb.AttributeType.STRING } })))
      .toThrow(/grantPerIdentityDynamoDbAccess on Stack\/Role: per-identity access needs an app-user provider.*GitHub Actions tokens identify a pipeline/);
  });

  test('a guest (unauthenticated) role that may write warns, and the warning can be acknowledged', () => {
    const { stack, role } = build(WebIdentityProvider.cognitoIdentityPool({ identityPoolId: POOL, unauthenticated: true }));
    role.grantPerIdentityDynamoDbAccess(new dynamodb.Table(stack, 'T', { partitionKey: { name: 'k', type: dynamodb.AttributeType.STRING } }));
    Annotations.fromStack(stack).hasWarning('/Stack/Role', Match.stringLikeRegexp('unauthenticated Cognito identities.*CognitoUnauthenticatedWrite'));
    Validations.of(role).acknowledge({ id: 'cdk-iam-role-patterns:CognitoUnauthenticatedWrite', reason: 'guests save a draft ride under their own id' });
    const again = new Stack(new App(), 'Stack');
    const guest = new WebIdentityRole(again, 'Role', { provider: WebIdentityProvider.cognitoIdentityPool({ identityPoolId: POOL, unauthenticated: true }) });
    guest.grantPerIdentityDynamoDbAccess(new dynamodb.Table(again, 'T', { partitionKey: { name: 'k', type: dynamodb.AttributeType.STRING } }));
    Validations.of(guest).acknowledge({ id: 'cdk-iam-role-patterns:CognitoUnauthenticatedWrite', reason: 'guests save a draft ride under their own id' });
    Annotations.fromStack(again).hasNoWarning('*', Match.anyValue());
  });
});

describe('WebIdentityRole errors', () => {
  test.each<[string, () => WebIdentityProvider, RegExp]>([
    ['no GitHub filter', () => WebIdentityProvider.githubActions({ owner: 'o', repository: 'r' }), /give at least one filter, such as branches: \['main'\]/],
    ['"*" as GitHub owner', () => WebIdentityProvider.githubActions({ owner: '*', repository: 'r', branches: ['main'] }), /provider.owner: "\*" is not valid; .*every repository on GitHub/],
    ['a malformed GitHub owner', () => WebIdentityProvider.githubActions({ owner: '-bad owner', repository: 'r', branches: ['main'] }), /provider.owner: "-bad owner" is not valid; a GitHub owner is 1 to 39/],
    ['a malformed repository', () => WebIdentityProvider.githubActions({ owner: 'o', repository: 'a/b', branches: ['main'] }), /provider.repository: "a\/b" is not valid/],
    ['a branch with a colon', () => WebIdentityProvider.githubActions({ owner: 'o', repository: 'r', branches: ['main:x'] }), /provider.branches: "main:x" is not valid; a filter value has no spaces or ":"/],
    ['a bad identity pool id', () => WebIdentityProvider.cognitoIdentityPool({ identityPoolId: 'my-pool' }), /provider.identityPoolId: "my-pool" is not valid; an identity pool id is the region/],
    ['no Google client ids', () => WebIdentityProvider.google({ clientIds: [] }), /provider.clientIds: \[\] is not valid; give at least one/],
    ['a malformed issuer URL', () => WebIdentityProvider.oidc({ issuerUrl: 'http://auth.example.com', audiences: ['a'], subjects: ['s'] }), /provider.issuerUrl: "http:\/\/auth.example.com" is not valid; an issuer URL is https:\/\//],
    ['no OIDC subjects', () => WebIdentityProvider.oidc({ issuerUrl: 'https://auth.example.com', audiences: ['a'], subjects: [] }), /provider.subjects: \[\] is not valid; give at least one/],
    ['a subject that matches anyone', () => WebIdentityProvider.oidc({ issuerUrl: 'https://auth.example.com', audiences: ['a'], subjects: ['*'] }), /provider.subjects: "\*" is not valid; a subject starts with a fixed value/],
    ['a GitLab project path with a wildcard', () => WebIdentityProvider.gitlab({ projectPath: 'ride-co/*' }), /provider.projectPath: "ride-co\/\*" is not valid/],
    ['a GitLab ref type', () => WebIdentityProvider.gitlab({ projectPath: 'ride-co/api', refTypes: ['merge_request'] }), /provider.refTypes: "merge_request" is not valid; a ref type is "branch" or "tag"/],
    ['an EKS role without issuer or cluster', () => WebIdentityProvider.eksServiceAccount({ namespace: 'payments', serviceAccount: 'ledger' }), /provider.cluster, provider.oidcIssuer: give one/],
    ...['', '*', 'http://oidc.eks.eu-west-1.amazonaws.com/id/X'].map((issuer): [string, () => WebIdentityProvider, RegExp] => [`an EKS issuer of ${JSON.stringify(issuer)}`,
      () => WebIdentityProvider.eksServiceAccount({ oidcIssuer: issuer, namespace: 'payments', serviceAccount: 'ledger' }),
      new RegExp(`provider.oidcIssuer: ${JSON.stringify(issuer).replace(/[*/]/g, '\\$&')} is not valid; an issuer is the cluster's OpenID Connect issuer URL`)]),
    ['GitHub branches as a list token', () => WebIdentityProvider.githubActions({ owner: 'o', repository: 'r', branches: Token.asList({ Ref: 'Branches' }) }),
      /provider.branches: \["#\{Token\[TOKEN.\d+\]\}"\] is not valid; a list token cannot be used here: each value becomes part of a subject/],
    ['an EKS namespace wildcard', () => WebIdentityProvider.eksServiceAccount({ oidcIssuer: 'oidc.eks.eu-west-1.amazonaws.com/id/X', namespace: '*', serviceAccount: 'ledger' }), /provider.namespace: "\*" is not valid/],
  ])('rejects %s, naming the prop and the accepted form', (_name, provider, message) => {
    expect(() => build(provider())).toThrow(message);
  });
});
