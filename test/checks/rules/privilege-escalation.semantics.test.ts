import { runSimulation } from '@cloud-copilot/iam-simulate';
import { PrivilegeEscalation } from '../../../src/checks/rules/privilege-escalation';
import { ACCOUNT } from '../../support/iam-simulator';
import { findingsOf } from '../fixtures';

/**
 * The combination lambda-001 evaluated by an independent policy simulator: with iam:PassRole on every role
 * of the account, lambda:CreateFunction and lambda:InvokeFunction, the role can pass an administrator role to
 * a function of its own and invoke it. With PassRole narrowed to a path, the simulator refuses to pass the
 * administrator role, and the rule stays quiet.
 */
const ROLE = `arn:aws:iam::${ACCOUNT}:role/app-deployer`;
const ADMIN = `arn:aws:iam::${ACCOUNT}:role/Admin`;
const FUNCTION = `arn:aws:lambda:us-east-1:${ACCOUNT}:function:app-backdoor`;

function permissions(passRoleResource: string): unknown[] {
  return [
    { Effect: 'Allow', Action: 'iam:PassRole', Resource: passRoleResource },
    { Effect: 'Allow', Action: ['lambda:CreateFunction', 'lambda:InvokeFunction'], Resource: `arn:aws:lambda:*:${ACCOUNT}:function:app-*` },
  ];
}

async function decision(statements: unknown[], action: string, resource: string, context: Record<string, string> = {}): Promise<string> {
  const result = await runSimulation({
    request: { principal: ROLE, action, resource: { resource, accountId: ACCOUNT }, contextVariables: context },
    identityPolicies: [{ name: 'permissions', policy: { Version: '2012-10-17', Statement: statements } }],
    serviceControlPolicies: [],
    resourceControlPolicies: [],
  }, {});
  if (result.resultType !== 'single') throw new Error(`unexpected simulation result ${JSON.stringify(result)}`);
  return result.overallResult;
}

describe('PrivilegeEscalation lambda-001, evaluated by the IAM simulator', () => {
  test('the role can pass an administrator role to a new function and invoke it; the rule names the path', async () => {
    const statements = permissions(`arn:aws:iam::${ACCOUNT}:role/*`);
    expect(await decision(statements, 'iam:PassRole', ADMIN, { 'iam:PassedToService': 'lambda.amazonaws.com' })).toBe('Allowed');
    expect(await decision(statements, 'lambda:CreateFunction', FUNCTION)).toBe('Allowed');
    expect(await decision(statements, 'lambda:InvokeFunction', FUNCTION)).toBe('Allowed');
    expect(findingsOf(PrivilegeEscalation, { permissions: statements }).map((finding) => finding.message))
      .toEqual([expect.stringContaining('privilege-escalation path lambda-001')]);
  });

  test('with PassRole narrowed to a path, the administrator role cannot be passed, and the rule stays quiet', async () => {
    const statements = permissions(`arn:aws:iam::${ACCOUNT}:role/service-role/app-*`);
    expect(await decision(statements, 'iam:PassRole', ADMIN, { 'iam:PassedToService': 'lambda.amazonaws.com' })).toBe('ImplicitlyDenied');
    expect(await decision(statements, 'iam:PassRole', `arn:aws:iam::${ACCOUNT}:role/service-role/app-worker`, { 'iam:PassedToService': 'lambda.amazonaws.com' })).toBe('Allowed');
    expect(findingsOf(PrivilegeEscalation, { permissions: statements })).toEqual([]);
  });
});
