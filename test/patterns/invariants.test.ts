import { App, CfnParameter, CfnResource, Stack, Validations, aws_iam as iam } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import {
  BreakGlassRole, CrossAccountRole, EksPodIdentityRole, LambdaExecutionRole, SamlFederationRole, WebIdentityProvider, WebIdentityRole,
} from '../../src';
import { assumeRoleDecision, breakGlassRequest, podIdentityRequest } from '../support/iam-simulator';

const ACCOUNT = '111122223333';

/** Synthesizes the stack; the error message, or undefined when the synth passes. */
function synthError(scope: Stack): string | undefined {
  try {
    (scope.node.root as App).synth();
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

function stack(): Stack {
  return new Stack(new App(), 'Stack', { env: { account: ACCOUNT, region: 'eu-west-1' } });
}

/** The role's trust as the synthesized template holds it, escape hatches applied. */
function deployedTrust(scope: Stack, role: iam.Role): unknown {
  const logicalId = scope.resolve((role.node.defaultChild as iam.CfnRole).logicalId);
  return (scope.node.root as App).synth().getStackByName(scope.stackName).template.Resources[logicalId].Properties.AssumeRolePolicyDocument;
}

const override = (role: iam.Role, path: string, value: unknown) => (role.node.defaultChild as CfnResource).addPropertyOverride(path, value);

const breakGlass = (scope: Stack) => new BreakGlassRole(scope, 'BreakGlass', {
  trustedPrincipalArns: [`arn:aws:iam::${ACCOUNT}:user/servicedesk/*`],
  managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess')],
  alerting: false,
  alertingDisabledReason: 'alerted from the security account',
});

const PATTERNS: Record<string, (scope: Stack) => iam.Role> = {
  LambdaExecutionRole: (scope) => new LambdaExecutionRole(scope, 'Fn', { functionName: 'orders' }),
  BreakGlassRole: breakGlass,
  CrossAccountRole: (scope) => new CrossAccountRole(scope, 'Vendor', {
    trustedAccounts: ['444455556666'], thirdParty: true, externalId: '8f14e45f-ceea-467f-a0e6-e1d2c3b4a596', outputs: false,
  }),
  WebIdentityRole: (scope) => new WebIdentityRole(scope, 'Deploy', {
    provider: WebIdentityProvider.githubActions({ owner: 'ride-co', repository: 'api', branches: ['main'] }),
  }),
  SamlFederationRole: (scope) => new SamlFederationRole(scope, 'Corp', {
    samlProvider: iam.SamlProvider.fromSamlProviderArn(scope, 'Idp', `arn:aws:iam::${ACCOUNT}:saml-provider/Corp`),
  }),
};

describe('each pattern keeps its promise after any escape hatch', () => {
  test.each(Object.keys(PATTERNS))('%s: a statement for the account root added with assumeRolePolicy.addStatements is an error', (name) => {
    const scope = stack();
    const role = PATTERNS[name](scope);
    Validations.of(role).acknowledge({ id: 'cdk-iam-role-patterns:FullAdministratorAccess', reason: 'break-glass' });
    role.assumeRolePolicy!.addStatements(new iam.PolicyStatement({ actions: ['sts:AssumeRole'], principals: [new iam.AccountRootPrincipal()] }));
    const message = synthError(scope);
    expect(message).toMatch(new RegExp(`${name} promises that its trust .*statement 2 breaks it.*cdk-iam-role-patterns:PatternInvariant`, 's'));
  });

  test.each(Object.keys(PATTERNS))('%s, untouched, keeps every promise', (name) => {
    const scope = stack();
    const role = PATTERNS[name](scope);
    Validations.of(role).acknowledge({ id: 'cdk-iam-role-patterns:FullAdministratorAccess', reason: 'break-glass' });
    expect(synthError(scope)).toBeUndefined();
  });

  test('LambdaExecutionRole: a trust overridden to add ec2.amazonaws.com', () => {
    const scope = stack();
    const role = PATTERNS.LambdaExecutionRole(scope);
    override(role, 'AssumeRolePolicyDocument.Statement.0.Principal.Service', ['lambda.amazonaws.com', 'ec2.amazonaws.com']);
    expect(synthError(scope)).toMatch(/LambdaExecutionRole promises that its trust trusts only lambda\.amazonaws\.com, but trust policy, statement 1 breaks it: it trusts Service ec2\.amazonaws\.com/);
  });

  test('BreakGlassRole: a statement for ec2.amazonaws.com, without MFA', () => {
    const scope = stack();
    const role = breakGlass(scope);
    Validations.of(role).acknowledge({ id: 'cdk-iam-role-patterns:FullAdministratorAccess', reason: 'break-glass' });
    role.assumeRolePolicy!.addStatements(new iam.PolicyStatement({ actions: ['sts:AssumeRole'], principals: [new iam.ServicePrincipal('ec2.amazonaws.com')] }));
    const message = synthError(scope)!;
    expect(message).toMatch(/trusts only IAM principals of the trusted accounts, but trust policy, statement 2 breaks it: it trusts Service principals/);
    expect(message).toMatch(/requires MFA in every statement, but trust policy, statement 2 breaks it: it does not require MFA/);
  });

  test('CrossAccountRole (thirdParty): the Condition deleted with addPropertyOverride is an error, not only a warning', () => {
    const scope = stack();
    const role = PATTERNS.CrossAccountRole(scope);
    (role.node.defaultChild as CfnResource).addPropertyDeletionOverride('AssumeRolePolicyDocument.Statement.0.Condition');
    expect(synthError(scope)).toMatch(/CrossAccountRole promises that its trust requires the external id in every statement, but trust policy, statement 1 breaks it/);
  });

  test('an addOverride of the whole Properties is read as it is deployed', () => {
    const scope = stack();
    const role = PATTERNS.LambdaExecutionRole(scope);
    (role.node.defaultChild as CfnResource).addOverride('Properties', {
      AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' }] },
    });
    expect(synthError(scope)).toMatch(/LambdaExecutionRole promises that its trust trusts only lambda\.amazonaws\.com, but trust policy, statement 1 breaks it: it trusts AWS principals/);
  });

  test('an acknowledgement does not silence a broken promise', () => {
    const scope = stack();
    const role = PATTERNS.WebIdentityRole(scope);
    Validations.of(role).acknowledge({ id: 'cdk-iam-role-patterns:PatternInvariant', reason: 'trying' });
    role.assumeRolePolicy!.addStatements(new iam.PolicyStatement({ actions: ['sts:AssumeRole'], principals: [new iam.AccountRootPrincipal()] }));
    expect(synthError(scope)).toMatch(/WebIdentityRole promises that its trust trusts only the web identity provider/);
  });
});

describe('a pattern\'s pins are checked by value: an escape hatch that widens one is an error', () => {
  const condition = (role: iam.Role, operator: string, key: string, value: string) => override(role, `AssumeRolePolicyDocument.Statement.0.Condition.${operator}.${key}`, value);
  const acknowledgedAdmin = (role: iam.Role) => Validations.of(role).acknowledge({ id: 'cdk-iam-role-patterns:FullAdministratorAccess', reason: 'break-glass' });

  test.each([
    ['every user of the account', `arn:aws:iam::${ACCOUNT}:user/*`],
    ['every principal of the account', `arn:aws:iam::${ACCOUNT}:*`],
  ])('BreakGlassRole: aws:PrincipalArn widened to %s', (_name, widened) => {
    const scope = stack();
    const role = breakGlass(scope);
    acknowledgedAdmin(role);
    condition(role, 'ArnLike', 'aws:PrincipalArn', widened);
    expect(synthError(scope)).toMatch(new RegExp(`its aws:PrincipalArn is "${widened.replace(/[*]/g, '\\*')}", which the pattern did not write.*PatternInvariant`, 's'));
  });

  test('BreakGlassRole: the same value written again by an override is no error, and the simulator lets in only the service desk', async () => {
    const scope = stack();
    const role = breakGlass(scope);
    acknowledgedAdmin(role);
    condition(role, 'ArnLike', 'aws:PrincipalArn', `arn:aws:iam::${ACCOUNT}:user/servicedesk/*`);
    expect(synthError(scope)).toBeUndefined();
    const trust = deployedTrust(scope, role);
    expect(await assumeRoleDecision(trust, breakGlassRequest(`arn:aws:iam::${ACCOUNT}:user/servicedesk/alice`))).toBe('Allowed');
    expect(await assumeRoleDecision(trust, breakGlassRequest(`arn:aws:iam::${ACCOUNT}:user/developers/mallory`))).toBe('ImplicitlyDenied');
  });

  test('CrossAccountRole: the same principal ARN written again is no error; the simulator lets in that role only', async () => {
    const scope = stack();
    const role = new CrossAccountRole(scope, 'Partner', { trustedPrincipalArns: ['arn:aws:iam::444455556666:role/Uploader'], outputs: false });
    const statement = JSON.stringify(scope.resolve((role.node.defaultChild as iam.CfnRole).assumeRolePolicyDocument));
    const operator = /"(Arn\w+)":\{"aws:PrincipalArn"/.exec(statement)![1];
    condition(role, operator, 'aws:PrincipalArn', 'arn:aws:iam::444455556666:role/Uploader');
    expect(synthError(scope)).toBeUndefined();
    const trust = deployedTrust(scope, role);
    const caller = (principal: string) => ({ principal, context: { 'aws:PrincipalArn': principal, 'aws:PrincipalAccount': '444455556666' } });
    expect(await assumeRoleDecision(trust, caller('arn:aws:iam::444455556666:role/Uploader'))).toBe('Allowed');
    expect(await assumeRoleDecision(trust, caller('arn:aws:iam::444455556666:role/Other'))).toBe('ImplicitlyDenied');
  });

  test('EksPodIdentityRole: the same namespace written again is no error; the simulator lets in that service account only', async () => {
    const scope = stack();
    const role = new EksPodIdentityRole(scope, 'Ledger', { clusterName: 'prod', namespace: 'payments', serviceAccount: 'ledger', createAssociation: false });
    const conditions = scope.resolve((role.node.defaultChild as iam.CfnRole).assumeRolePolicyDocument).Statement[0].Condition;
    const key = 'aws:RequestTag/kubernetes-namespace';
    condition(role, Object.keys(conditions).find((name) => key in conditions[name])!, key, 'payments');
    expect(synthError(scope)).toBeUndefined();
    const trust = deployedTrust(scope, role);
    const pod = podIdentityRequest;
    expect(await assumeRoleDecision(trust, pod('payments'))).toBe('Allowed');
    expect(await assumeRoleDecision(trust, pod('default'))).toBe('ImplicitlyDenied');
  });

  test('CrossAccountRole: aws:PrincipalArn widened to every principal of the partner account', () => {
    const scope = stack();
    const role = new CrossAccountRole(scope, 'Partner', { trustedPrincipalArns: ['arn:aws:iam::444455556666:role/Uploader'], outputs: false });
    const statement = JSON.stringify(scope.resolve((role.node.defaultChild as iam.CfnRole).assumeRolePolicyDocument));
    const operator = /"(Arn\w+)":\{"aws:PrincipalArn"/.exec(statement)![1];
    condition(role, operator, 'aws:PrincipalArn', 'arn:aws:iam::444455556666:*');
    expect(synthError(scope)).toMatch(/its aws:PrincipalArn is "arn:aws:iam::444455556666:\*", which the pattern did not write/);
  });

  test.each([
    ['the cluster to every cluster', 'aws:RequestTag/eks-cluster-arn', 'arn:aws:eks:*:*:cluster/*'],
    ['the namespace to *-*', 'aws:RequestTag/kubernetes-namespace', '*-*'],
  ])('EksPodIdentityRole: %s', (_name, key, widened) => {
    const scope = stack();
    const role = new EksPodIdentityRole(scope, 'Ledger', { clusterName: 'prod', namespace: 'payments', serviceAccount: 'ledger', createAssociation: false });
    const conditions = scope.resolve((role.node.defaultChild as iam.CfnRole).assumeRolePolicyDocument).Statement[0].Condition;
    const operator = Object.keys(conditions).find((name) => key in conditions[name])!;
    condition(role, operator, key, widened);
    expect(synthError(scope)).toMatch(new RegExp(`its ${key} is "${widened.replace(/[*]/g, '\\*')}", which the pattern did not write`));
  });
});

describe('IRSA: the conditions CDK writes through a CfnJson are read by value', () => {
  const irsa = (scope: Stack) => {
    const issuer = new CfnParameter(scope, 'Issuer').valueAsString;
    new WebIdentityRole(scope, 'Ledger', { provider: WebIdentityProvider.eksServiceAccount({ oidcIssuer: issuer, namespace: 'payments', serviceAccount: 'ledger' }) });
    // the CfnJson is made beside the role, in its scope
    const cfnJson = scope.node.findAll().find((child) => child instanceof CfnResource && child.cfnResourceType === 'Custom::AWSCDKCfnJson') as CfnResource;
    return { issuer, cfnJson };
  };

  test('the CfnJson value overridden to drop sub: an error (any service account of the cluster could assume)', () => {
    const scope = stack();
    const { issuer, cfnJson } = irsa(scope);
    cfnJson.addPropertyOverride('Value', scope.toJsonString({ [`${issuer}:aud`]: 'sts.amazonaws.com' }));
    expect(synthError(scope)).toMatch(/WebIdentitySubject/);
  });

  test('the CfnJson value overridden to a wildcard sub under StringLike: an error', () => {
    const scope = stack();
    const { issuer, cfnJson } = irsa(scope);
    cfnJson.addPropertyOverride('Value', scope.toJsonString({ [`${issuer}:aud`]: 'sts.amazonaws.com', [`${issuer}:sub`]: 'system:serviceaccount:*' }));
    const role = scope.node.findChild('Ledger') as iam.Role;
    override(role, 'AssumeRolePolicyDocument.Statement.0.Condition.StringEquals', undefined);
    override(role, 'AssumeRolePolicyDocument.Statement.0.Condition.StringLike', cfnJson.getAtt('Value'));
    expect(synthError(scope)).toMatch(/WebIdentitySubject/);
  });

  test('the same wildcard under StringEquals matches only that literal text: no error', () => {
    const scope = stack();
    const { issuer, cfnJson } = irsa(scope);
    cfnJson.addPropertyOverride('Value', scope.toJsonString({ [`${issuer}:aud`]: 'sts.amazonaws.com', [`${issuer}:sub`]: 'system:serviceaccount:*' }));
    expect(synthError(scope)).toBeUndefined();
  });

  test('as written, no error and no warning to acknowledge', () => {
    const scope = stack();
    irsa(scope);
    expect(synthError(scope)).toBeUndefined();
    expect(Annotations.fromStack(scope).findWarning('*', Match.anyValue())).toEqual([]);
  });
});

describe('a pattern whose own resource was removed or replaced', () => {
  test('node.tryRemoveChild(\'Resource\') and a new CfnRole that trusts everyone with AdministratorAccess: an error that names the escape hatch', () => {
    const scope = stack();
    const role = new LambdaExecutionRole(scope, 'Fn', { functionName: 'orders' });
    role.node.tryRemoveChild('Resource');
    new iam.CfnRole(role, 'Resource', {
      assumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }] },
      managedPolicyArns: ['arn:aws:iam::aws:policy/AdministratorAccess'],
    });
    expect(synthError(scope)).toMatch(/LambdaExecutionRole's CfnRole was replaced by another construct \(CfnRole\), most likely with node\.tryRemoveChild\('Resource'\).*PatternInvariant/s);
  });

  test('the resource removed and nothing in its place: an error too', () => {
    const scope = stack();
    const role = new LambdaExecutionRole(scope, 'Fn', { functionName: 'orders' });
    role.node.tryRemoveChild('Resource');
    expect(synthError(scope)).toMatch(/LambdaExecutionRole's CfnRole was removed/);
  });

  test('the pattern\'s own resource, changed by overrides that keep the promise, is no error', () => {
    const scope = stack();
    const role = new LambdaExecutionRole(scope, 'Fn', { functionName: 'orders' });
    override(role, 'Description', 'orders function');
    expect(synthError(scope)).toBeUndefined();
  });
});
