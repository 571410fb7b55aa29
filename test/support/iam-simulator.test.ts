import { assumeRoleDecision, coreEngineDecision } from './iam-simulator';

const github = {
  Version: '2012-10-17',
  Statement: [{
    Effect: 'Allow',
    Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com' },
    Action: 'sts:AssumeRoleWithWebIdentity',
    Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com', 'token.actions.githubusercontent.com:sub': 'repo:o/r:ref:refs/heads/main' } },
  }],
};
const provider = 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com';
const claims = (sub: string) => ({ 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com', 'token.actions.githubusercontent.com:sub': sub });

describe('the simulator helper', () => {
  test('honours OIDC claims that runSimulation would drop: the subject decides', async () => {
    const request = { principal: provider, action: 'sts:AssumeRoleWithWebIdentity' };
    expect(await assumeRoleDecision(github, { ...request, context: claims('repo:o/r:ref:refs/heads/main') })).toBe('Allowed');
    expect(await assumeRoleDecision(github, { ...request, context: claims('repo:o/other:ref:refs/heads/main') })).toBe('ImplicitlyDenied');
  });

  test('its core-engine path agrees with runSimulation where runSimulation keeps every key', async () => {
    const vendor = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:root' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': 'abc-123-def-456' } } }] };
    for (const externalId of ['abc-123-def-456', 'wrong']) {
      const request = { principal: 'arn:aws:iam::444455556666:role/X', context: { 'sts:ExternalId': externalId } };
      expect(coreEngineDecision(vendor, request, true)).toBe(await assumeRoleDecision(vendor, request));
    }
  });
});
