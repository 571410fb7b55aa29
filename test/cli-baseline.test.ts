import { mkdirSync, mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App, Stack, aws_iam as iam } from 'aws-cdk-lib';
import { main } from '../src/cli/main';

const work = mkdtempSync(join(tmpdir(), 'baseline-'));
let counter = 0;

/** A template with one role `Role` whose trust is these statements (and these role properties). */
function template(statements: unknown[], properties: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): string {
  const file = join(work, `t${counter++}`, 'app.template.json');
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, JSON.stringify({
    Resources: {
      Role: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: statements }, ...properties } },
      ...extra,
    },
  }));
  return file;
}

function run(now: string, baseline: string, format = 'json'): { status: number; report: any; stdout: string } {
  let stdout = '';
  const status = main(['check', now, '--baseline', baseline, '--format', format], { stdout: (text) => { stdout += text; }, stderr: () => undefined });
  return { status, report: format === 'json' ? JSON.parse(stdout) : undefined, stdout };
}

const PARTNER = 'arn:aws:iam::444455556666:root';
const GITHUB = 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com';
const vendor = (condition: Record<string, unknown> = { StringEquals: { 'sts:ExternalId': 'a1b2c3d4e5f6' } }, action: unknown = 'sts:AssumeRole') =>
  ({ Effect: 'Allow', Principal: { AWS: PARTNER }, Action: action, Condition: condition });
const github = (test: Record<string, unknown>) => ({
  Effect: 'Allow',
  Principal: { Federated: GITHUB },
  Action: 'sts:AssumeRoleWithWebIdentity',
  Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' }, ...test },
});
const humans = (age: string) => ({
  Effect: 'Allow',
  Principal: { AWS: 'arn:aws:iam::111122223333:root' },
  Action: 'sts:AssumeRole',
  Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' }, NumericLessThan: { 'aws:MultiFactorAuthAge': age } },
});

const widened = (report: any) => report.findings.filter((finding: any) => finding.ruleId === 'cdk-iam-role-patterns:TrustWidened').map((finding: any) => finding.message);

describe('check --baseline: the trust-diff gate', () => {
  test('an identical trust: no finding, no change, exit 0', () => {
    const { status, report } = run(template([vendor()]), template([vendor()]));
    expect(status).toBe(0);
    expect(report.trustChanges).toEqual([]);
  });

  test.each<[string, unknown[], unknown[], RegExp, Record<string, unknown>?, Record<string, unknown>?]>([
    ['a new account', [vendor()], [vendor(), { ...vendor(), Principal: { AWS: 'arn:aws:iam::777788889999:root' } }], /new principal AWS arn:aws:iam::777788889999:root/],
    ['a new service', [vendor()], [vendor(), { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }], /new principal Service ec2.amazonaws.com/],
    ['a new provider', [vendor()], [vendor(), github({ StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:o/r:*' } })],
      /new principal Federated arn:aws:iam::111122223333:oidc-provider\/token.actions.githubusercontent.com/],
    ['the ExternalId dropped', [vendor()], [vendor({})], /AWS arn:aws:iam::444455556666:root: condition sts:ExternalId removed \(before: StringEquals sts:ExternalId = a1b2c3d4e5f6; after: -\)/],
    ['MFA dropped', [humans('3600')], [{ ...humans('3600'), Condition: { NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } } }], /condition aws:MultiFactorAuthPresent removed/],
    ['the organization dropped', [vendor({ StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } })], [vendor({})], /condition aws:PrincipalOrgID removed/],
    ['a principal ARN loosened to a pattern', [vendor({ ArnEquals: { 'aws:PrincipalArn': 'arn:aws:iam::444455556666:role/Uploader' } })],
      [vendor({ ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::444455556666:role/*' } })], /condition aws:PrincipalArn (removed|loosened)/],
    ['an audience dropped', [github({ StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:o/r:*' } })],
      [{ ...github({}), Condition: { StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:o/r:*' } } }], /condition token.actions.githubusercontent.com:aud removed/],
    ['an exact subject turned into a pattern', [github({ StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com', 'token.actions.githubusercontent.com:sub': 'repo:o/r:ref:refs/heads/main' } })],
      [github({ StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:o/r:*' } })], /condition token.actions.githubusercontent.com:sub (loosened|removed)/],
    ['a pattern that now matches more', [github({ StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:o/r:*' } })],
      [github({ StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:o/*' } })], /condition token.actions.githubusercontent.com:sub loosened \(before: StringLike token.actions.githubusercontent.com:sub = repo:o\/r:\*; after: StringLike token.actions.githubusercontent.com:sub = repo:o\/\*\)/],
    ['a longer MFA age', [humans('3600')], [humans('43200')], /condition aws:MultiFactorAuthAge loosened/],
    ['an added action', [vendor()], [vendor(undefined, ['sts:AssumeRole', 'sts:TagSession'])], /allows sts:tagsession/],
    ['a longer maximum session', [vendor()], [vendor()], /maximum session \(before: 3600s; after: 43200s\)/, {}, { MaxSessionDuration: 43200 }],
  ])('%s is a TrustWidened error, with before and after; exit 1', (_name, before, after, message, beforeProps = {}, afterProps = {}) => {
    const { status, report } = run(template(after, afterProps), template(before, beforeProps));
    expect(status).toBe(1);
    expect(widened(report)).toEqual(expect.arrayContaining([expect.stringMatching(message)]));
  });

  test('a new role that trusts another account is widened; a new role for a service is not', () => {
    const now = template([vendor()], {}, {
      Lambda: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] } } },
    });
    const before = template([{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }]);
    // the role `Role` changed kind entirely (it is matched by its logical id): its new principal is widened
    const { report } = run(now, before);
    expect(widened(report)).toEqual([expect.stringMatching(/new principal AWS arn:aws:iam::444455556666:root/)]);
    const { report: second } = run(template([{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }], {}, {
      Partner: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: { Statement: [vendor()] } } },
    }), before);
    expect(widened(second)).toEqual([expect.stringMatching(/new role that trusts AWS arn:aws:iam::444455556666:root/)]);
  });

  test('a narrowed trust is reported as information, never failing: a condition added, a principal removed, a shorter session', () => {
    const { status, report } = run(template([vendor({ StringEquals: { 'sts:ExternalId': 'a1b2c3d4e5f6', 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } })], { MaxSessionDuration: 3600 }),
      template([vendor(), { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }], { MaxSessionDuration: 7200 }));
    expect(status).toBe(0);
    expect(widened(report)).toEqual([]);
    expect(report.trustChanges.map((change: any) => [change.direction, change.what])).toEqual(expect.arrayContaining([
      ['narrowed', 'trust of AWS arn:aws:iam::444455556666:root narrowed'],
      ['narrowed', 'principal Service ec2.amazonaws.com removed'],
      ['narrowed', 'maximum session'],
    ]));
    const text = run(template([vendor()]), template([vendor(), { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }]), 'text').stdout;
    expect(text).toMatch(/trust narrowed since the baseline: principal Service ec2.amazonaws.com removed/);
  });

  test('cloud assemblies: roles matched by construct path; the SARIF log lists TrustWidened', () => {
    const synth = (outdir: string, build: (stack: Stack) => void) => {
      // the CDK CLI turns path metadata on; it is what matches a role whose logical id changed
      const app = new App({ outdir, context: { 'aws:cdk:enable-path-metadata': true } });
      build(new Stack(app, 'Api'));
      app.synth();
      return outdir;
    };
    const before = synth(join(work, 'base.out'), (stack) => new iam.Role(stack, 'Deploy', { assumedBy: new iam.AccountPrincipal('444455556666').withConditions({ StringEquals: { 'sts:ExternalId': 'a1b2c3d4e5f6' } }) }));
    const now = synth(join(work, 'head.out'), (stack) => {
      const role = new iam.Role(stack, 'Deploy', { assumedBy: new iam.AccountPrincipal('444455556666') });
      (role.node.defaultChild as iam.CfnRole).overrideLogicalId('DeployRenamed');
    });
    const { status, report } = run(now, before);
    expect(status).toBe(1);
    expect(widened(report)).toEqual([expect.stringMatching(/condition sts:ExternalId removed/)]);
    const sarif = JSON.parse(run(now, before, 'sarif').stdout);
    expect(sarif.runs[0].tool.driver.rules.map((rule: any) => rule.name)).toContain('TrustWidened');
    expect(sarif.runs[0].results.filter((result: any) => result.ruleId === 'cdk-iam-role-patterns:TrustWidened')).toHaveLength(1);
  });
});

describe('check --baseline compares who gets in, not only the shape', () => {
  const partnerTrust = { Effect: 'Allow', Principal: { AWS: PARTNER }, Action: 'sts:AssumeRole' };
  const onlyUploader = {
    Effect: 'Deny',
    Principal: { AWS: PARTNER },
    Action: 'sts:AssumeRole',
    Condition: { ArnNotEquals: { 'aws:PrincipalArn': 'arn:aws:iam::444455556666:role/Uploader' } },
  };

  test('a Deny guardrail deleted: another role of the partner now gets in, and the finding names it', () => {
    const { status, report } = run(template([partnerTrust]), template([partnerTrust, onlyUploader]));
    expect(status).toBe(1);
    expect(widened(report)).toEqual([expect.stringMatching(/now allowed, denied before: arn:aws:iam::444455556666:role\/Caller sts:AssumeRole \(statement 1 allows it\)/)]);
  });

  test('Action sts:AssumeRole rewritten as NotAction sts:TagSession: sts:SetSourceIdentity now gets in', () => {
    const before = template([vendor()]);
    const now = template([{ ...vendor(), Action: undefined, NotAction: 'sts:TagSession' }]);
    expect(widened(run(now, before).report)).toEqual([expect.stringMatching(/role\/Caller sts:SetSourceIdentity with sts:ExternalId = a1b2c3d4e5f6/)]);
  });

  test('"AWS": "444455556666" rewritten as its root ARN: the same principal, no finding', () => {
    const { status, report } = run(template([{ ...vendor(), Principal: { AWS: PARTNER } }]), template([{ ...vendor(), Principal: { AWS: '444455556666' } }]));
    expect({ status, widened: widened(report) }).toEqual({ status: 0, widened: [] });
  });

  test('a condition operator loosened (StringEquals to StringLike with a wildcard): a near miss now gets in', () => {
    const exact = github({ StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com', 'token.actions.githubusercontent.com:sub': 'repo:o/r:ref:refs/heads/main' } });
    const loose = github({ StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:o/r:*' } });
    expect(widened(run(template([loose]), template([exact])).report))
      .toEqual([expect.stringMatching(/:sub loosened .*now allowed, denied before: .*:sub = repo:o\/r:x \(statement 1 allows it\)/)]);
  });

  test('through Fn::If: a deployment that trusts everyone widens, though the other does not', () => {
    const conditions = { Open: { 'Fn::Equals': [{ Ref: 'Mode' }, 'open'] } };
    const file = join(work, `t${counter++}`, 'app.template.json');
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, JSON.stringify({
      Parameters: { Mode: { Type: 'String' } },
      Conditions: conditions,
      Resources: {
        Role: {
          Type: 'AWS::IAM::Role',
          Properties: { AssumeRolePolicyDocument: { Statement: [{ ...vendor(), Principal: { AWS: { 'Fn::If': ['Open', '*', PARTNER] } } }] } },
        },
      },
    }));
    const { status, report } = run(file, template([vendor()]));
    expect(status).toBe(1);
    expect(widened(report)).toEqual([expect.stringMatching(/new principal AWS \*.*now allowed, denied before: arn:aws:iam::999988887777:role\/Caller sts:AssumeRole/)]);
  });
});

describe('check --baseline reads only what changed', () => {
  const write = (directory: string, name: string, value: unknown) => {
    mkdirSync(join(work, directory), { recursive: true });
    writeFileSync(join(work, directory, name), JSON.stringify(value));
    return join(work, directory, name);
  };

  test('a file with the same name and text as the baseline\'s is not compared, and reports no change', () => {
    const trust = { Resources: { Role: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: { Statement: [vendor()] } } } } };
    const { status, report } = run(write('same-now', 'app.json', trust), write('same-before', 'app.json', trust));
    expect({ status, changes: report.trustChanges }).toEqual({ status: 0, changes: [] });
  });

  test('a parent whose text did not change is still compared when the nested template it deploys did', () => {
    const parent = { Resources: { Child: { Type: 'AWS::CloudFormation::Stack', Properties: { TemplateURL: './child.json' } } } };
    const child = (statement: unknown) => ({ Resources: { Role: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: { Statement: [statement] } } } } });
    write('nested-before', 'child.json', child(vendor()));
    write('nested-now', 'child.json', child(vendor({})));
    const { status, report } = run(write('nested-now', 'parent.json', parent), write('nested-before', 'parent.json', parent));
    expect(status).toBe(1);
    expect(widened(report)).toEqual([expect.stringMatching(/condition sts:ExternalId removed/)]);
  });
});
