import { conditionHolds, substituteVariables } from '../../src/trust/condition-operators';
import { evaluateTrust } from '../../src/trust/evaluate';
import { Caller } from '../../src/trust/request';

/** Each operator and principal form, from the examples of the IAM User Guide. */
const context = (values: Record<string, string[]>) => new Map(Object.entries(values)
  .map(([key, list]) => [key.toLowerCase(), list]));
const holds = (operator: string, key: string, values: string[], request: Record<string, string[]>) =>
  conditionHolds(operator, key, values, context(request));

describe('condition operators', () => {
  test('String operators: exact, ignore case, wildcards with case; negated ones hold when no value matches', () => {
    expect(holds('StringEquals', 'sts:ExternalId', ['abc'], { 'sts:ExternalId': ['abc'] })).toBe(true);
    expect(holds('StringEquals', 'sts:ExternalId', ['abc'], { 'sts:ExternalId': ['ABC'] })).toBe(false);
    expect(holds('StringEqualsIgnoreCase', 'sts:ExternalId', ['abc'], { 'sts:ExternalId': ['ABC'] })).toBe(true);
    expect(holds('StringLike', 'aws:PrincipalTag/team', ['pay*'], { 'aws:PrincipalTag/team': ['payments'] })).toBe(true);
    expect(holds('StringLike', 'aws:PrincipalTag/team', ['pay*'], { 'aws:PrincipalTag/team': ['PAYMENTS'] })).toBe(false);
    expect(holds('StringNotEquals', 'sts:ExternalId', ['a', 'b'], { 'sts:ExternalId': ['c'] })).toBe(true);
    expect(holds('StringNotEquals', 'sts:ExternalId', ['a', 'b'], { 'sts:ExternalId': ['b'] })).toBe(false);
  });

  test('a missing key: positive operators fail, negated ones and IfExists pass, Null tests presence', () => {
    expect(holds('StringEquals', 'sts:ExternalId', ['a'], {})).toBe(false);
    expect(holds('StringNotEquals', 'sts:ExternalId', ['a'], {})).toBe(true);
    expect(holds('BoolIfExists', 'aws:MultiFactorAuthPresent', ['true'], {})).toBe(true);
    expect(holds('Null', 'sts:ExternalId', ['true'], {})).toBe(true);
    expect(holds('Null', 'sts:ExternalId', ['false'], { 'sts:ExternalId': ['a'] })).toBe(true);
  });

  test('set operators: ForAllValues holds on an empty set, ForAnyValue needs one match', () => {
    expect(holds('ForAllValues:StringEquals', 'aws:TagKeys', ['project', 'team'], {})).toBe(true);
    expect(holds('ForAllValues:StringEquals', 'aws:TagKeys', ['project', 'team'], { 'aws:TagKeys': ['project', 'cost'] })).toBe(false);
    expect(holds('ForAnyValue:StringEquals', 'aws:TagKeys', ['team'], { 'aws:TagKeys': ['project', 'team'] })).toBe(true);
    expect(holds('ForAnyValue:StringEquals', 'aws:TagKeys', ['team'], {})).toBe(false);
  });

  test('numeric, date, Bool, IP address and ARN operators', () => {
    expect(holds('NumericLessThan', 'aws:MultiFactorAuthAge', ['3600'], { 'aws:MultiFactorAuthAge': ['600'] })).toBe(true);
    expect(holds('NumericLessThan', 'aws:MultiFactorAuthAge', ['3600'], { 'aws:MultiFactorAuthAge': ['x'] })).toBe(false);
    expect(holds('DateLessThan', 'aws:CurrentTime', ['2027-01-01T00:00:00Z'], { 'aws:CurrentTime': ['2026-12-24T03:00:00Z'] })).toBe(true);
    expect(holds('DateGreaterThan', 'aws:EpochTime', ['1700000000'], { 'aws:EpochTime': ['1800000000'] })).toBe(true);
    expect(holds('Bool', 'aws:MultiFactorAuthPresent', ['true'], { 'aws:MultiFactorAuthPresent': ['TRUE'] })).toBe(true);
    expect(holds('IpAddress', 'aws:SourceIp', ['203.0.113.0/24'], { 'aws:SourceIp': ['203.0.113.9'] })).toBe(true);
    expect(holds('NotIpAddress', 'aws:SourceIp', ['203.0.113.0/24'], { 'aws:SourceIp': ['198.51.100.1'] })).toBe(true);
    expect(holds('ArnLike', 'aws:SourceArn', ['arn:aws:sns:*:111122223333:alerts-*'], { 'aws:SourceArn': ['arn:aws:sns:eu-west-1:111122223333:alerts-prod'] })).toBe(true);
    expect(holds('ArnEquals', 'aws:SourceArn', ['arn:aws:s3:::a'], { 'aws:SourceArn': ['arn:aws:s3:::b'] })).toBe(false);
  });

  test('an ARN known only at deployment matches itself under ArnEquals, and nothing else; a non-ARN string matches no ARN operator', () => {
    const anchor = '{{cfn:GetAtt:Anchor.TrustAnchorArn}}';
    expect(holds('ArnEquals', 'aws:SourceArn', [anchor], { 'aws:SourceArn': [anchor] })).toBe(true);
    expect(holds('ArnEquals', 'aws:SourceArn', [anchor], { 'aws:SourceArn': ['{{cfn:GetAtt:Other.TrustAnchorArn}}'] })).toBe(false);
    expect(holds('ArnEquals', 'aws:SourceArn', [anchor], { 'aws:SourceArn': ['near-miss'] })).toBe(false);
    expect(holds('ArnEquals', 'aws:SourceArn', ['not-an-arn'], { 'aws:SourceArn': ['not-an-arn'] })).toBe(false);
  });

  test('policy variables take the request\'s values; a missing one matches nothing unless it has a default', () => {
    expect(holds('StringEquals', 'sts:SourceIdentity', ['${aws:username}'], { 'sts:SourceIdentity': ['alice'], 'aws:username': ['alice'] })).toBe(true);
    expect(holds('StringEquals', 'sts:SourceIdentity', ['${aws:username}'], { 'sts:SourceIdentity': ['alice'] })).toBe(false);
    expect(substituteVariables("${aws:username, 'nobody'}", context({}))).toBe('nobody');
  });

  test('an operator IAM does not know never holds', () => {
    expect(holds('StringAlmostEquals', 'sts:ExternalId', ['a'], { 'sts:ExternalId': ['a'] })).toBe(false);
  });
});

describe('evaluateTrust', () => {
  const partner: Caller = { kind: 'aws', arn: 'arn:aws:sts::444455556666:assumed-role/Uploader/session' };
  const trust = (principal: unknown, extra: object = {}) => ({
    Version: '2012-10-17',
    Statement: [{ Sid: 'Partner', Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole', ...extra }],
  });

  test('a role ARN admits its sessions; an account admits every principal of it; another account nothing', () => {
    expect(evaluateTrust(trust({ AWS: 'arn:aws:iam::444455556666:role/Uploader' }), { action: 'sts:AssumeRole', caller: partner }))
      .toEqual({ allowed: true, outcome: 'Allowed', reason: 'statement 1 (Sid "Partner") allows it', statement: 0 });
    expect(evaluateTrust(trust({ AWS: '444455556666' }), { action: 'sts:AssumeRole', caller: partner }).allowed).toBe(true);
    expect(evaluateTrust(trust({ AWS: 'arn:aws:iam::777788889999:root' }), { action: 'sts:AssumeRole', caller: partner }))
      .toEqual({ allowed: false, outcome: 'ImplicitlyDenied', reason: 'no statement allows it' });
  });

  test('an explicit Deny wins, and says which statement', () => {
    const document = {
      Statement: [
        { Effect: 'Allow', Principal: { AWS: '444455556666' }, Action: 'sts:AssumeRole' },
        { Effect: 'Deny', Principal: '*', Action: 'sts:AssumeRole', Condition: { ArnNotEquals: { 'aws:PrincipalArn': 'arn:aws:iam::444455556666:role/Other' } } },
      ],
    };
    expect(evaluateTrust(document, { action: 'sts:AssumeRole', caller: partner })).toMatchObject({ outcome: 'ExplicitlyDenied', statement: 1 });
  });

  test('NotAction applies to every other action; services and federated providers match by name', () => {
    const notTag = { Statement: [{ Effect: 'Allow', Principal: { AWS: '444455556666' }, NotAction: 'sts:TagSession' }] };
    expect(evaluateTrust(notTag, { action: 'sts:SetSourceIdentity', caller: partner }).allowed).toBe(true);
    expect(evaluateTrust(notTag, { action: 'sts:TagSession', caller: partner }).allowed).toBe(false);
    expect(evaluateTrust(trust({ Service: 'lambda.amazonaws.com' }), { action: 'sts:AssumeRole', caller: { kind: 'service', service: 'Lambda.amazonaws.com' } }).allowed).toBe(true);
    expect(evaluateTrust(trust({ Federated: 'accounts.google.com' }), { action: 'sts:AssumeRole', caller: { kind: 'federated', provider: 'graph.facebook.com' } }).allowed).toBe(false);
  });

  test('aws:PrincipalArn of a role session is its role\'s, derived when the request does not say', () => {
    const pinned = trust({ AWS: '444455556666' }, { Condition: { ArnEquals: { 'aws:PrincipalArn': 'arn:aws:iam::444455556666:role/Uploader' } } });
    expect(evaluateTrust(pinned, { action: 'sts:AssumeRole', caller: partner }).allowed).toBe(true);
    expect(evaluateTrust(pinned, { action: 'sts:AssumeRole', caller: { kind: 'aws', arn: 'arn:aws:sts::444455556666:assumed-role/Other/s' } }).allowed).toBe(false);
  });
});
