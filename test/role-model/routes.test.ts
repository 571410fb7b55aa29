import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { main } from '../../src/cli/main';
import { expandLanguageExtensions } from '../../src/role-model/language-extensions';

/**
 * Every route by which a template deploys another template's roles (a SAM application, a StackSet, a nested
 * stack), and every part that cannot be read: each is checked, or is a note that the summary counts and that
 * --strict turns into a NotChecked error.
 */

const work = mkdtempSync(join(tmpdir(), 'routes-'));

function write(name: string, value: unknown): string {
  const file = join(work, name);
  writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));
  return file;
}

interface Run { readonly status: number; readonly report: any; readonly stderr: string }

function run(...args: string[]): Run {
  let stdout = '';
  let stderr = '';
  const status = main(['check', ...args, '--format', 'json'], { stdout: (text) => { stdout += text; }, stderr: (text) => { stderr += text; } });
  return { status, report: stdout ? JSON.parse(stdout) : undefined, stderr };
}

const rules = (result: Run) => result.report.findings.map((finding: any) => `${finding.ruleId.split(':')[1]} ${finding.resource}`);

const roleTemplate = (principal: unknown, managed: string[] = []) => ({
  Resources: {
    Admin: {
      Type: 'AWS::IAM::Role',
      Properties: {
        AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole' }] },
        ManagedPolicyArns: managed,
      },
    },
  },
});

const OPEN_ADMIN = roleTemplate({ AWS: '*' }, ['arn:aws:iam::aws:policy/AdministratorAccess']);
const LAMBDA = roleTemplate({ Service: 'lambda.amazonaws.com' });

describe('templates that other templates deploy', () => {
  test('AWS::Serverless::Application with a local Location: its admin role open to everyone is an error; the secure twin is clean', () => {
    write('app-open.json', OPEN_ADMIN);
    write('app-lambda.json', LAMBDA);
    const parent = (location: string) => write(`sam-${location}`, {
      Transform: 'AWS::Serverless-2016-10-31', Resources: { Nested: { Type: 'AWS::Serverless::Application', Properties: { Location: `./${location}` } } },
    });
    const open = run(parent('app-open.json'));
    expect(open.status).toBe(1);
    expect(rules(open)).toEqual(expect.arrayContaining(['WildcardPrincipal Nested/Admin', 'FullAdministratorAccess Nested/Admin']));
    const secure = run(parent('app-lambda.json'));
    const { status, report } = secure;
    expect({ status, findings: report.findings, notChecked: report.summary.notChecked }).toEqual({ status: 0, findings: [], notChecked: 0 });
  });

  test('AWS::CloudFormation::StackSet with a TemplateBody (JSON or YAML) is read as the template it deploys', () => {
    const stackSet = (body: string) => write('stackset.json', {
      Resources: { Everywhere: { Type: 'AWS::CloudFormation::StackSet', Properties: { StackSetName: 'x', PermissionModel: 'SERVICE_MANAGED', TemplateBody: body } } },
    });
    expect(rules(run(stackSet(JSON.stringify(OPEN_ADMIN))))).toContain('WildcardPrincipal Everywhere/Admin');
    const yaml = 'Resources:\n  Admin:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n        Statement:\n'
      + '          - Effect: Allow\n            Principal: { AWS: "*" }\n            Action: sts:AssumeRole\n';
    expect(rules(run(stackSet(yaml)))).toContain('WildcardPrincipal Everywhere/Admin');
    expect(run(stackSet(JSON.stringify(LAMBDA))).report.findings).toEqual([]);
  });

  test('a StackSet with a local TemplateURL, and its parameters passed as ParameterKey/ParameterValue', () => {
    write('stackset-child.json', {
      Parameters: { Partner: { Type: 'String' } },
      Resources: { Vendor: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { AWS: { Ref: 'Partner' } }, Action: 'sts:AssumeRole' }] } } } },
    });
    const parent = (partner: string) => write('stackset-url.json', {
      Resources: {
        Fleet: {
          Type: 'AWS::CloudFormation::StackSet',
          Properties: { StackSetName: 'x', PermissionModel: 'SELF_MANAGED', TemplateURL: './stackset-child.json', Parameters: [{ ParameterKey: 'Partner', ParameterValue: partner }] },
        },
      },
    });
    expect(rules(run(parent('*')))).toEqual(['WildcardPrincipal Fleet/Vendor']);
    expect(rules(run(parent('arn:aws:iam::444455556666:role/Uploader')))).not.toContain('WildcardPrincipal Fleet/Vendor');
  });
});

describe('what cannot be read is a note, counted, and an error under --strict', () => {
  const cases: Array<[string, unknown, RegExp]> = [
    ['a SAM application from the Serverless Application Repository', {
      Transform: 'AWS::Serverless-2016-10-31',
      Resources: { Sar: { Type: 'AWS::Serverless::Application', Properties: { Location: { ApplicationId: 'arn:aws:serverlessrepo:us-east-1:123456789012:applications/x', SemanticVersion: '1.0.0' } } } },
    }, /the SAM application Sar: its template is in the AWS Serverless Application Repository/],
    ['a StackSet at a remote URL', {
      Resources: { Remote: { Type: 'AWS::CloudFormation::StackSet', Properties: { StackSetName: 'x', PermissionModel: 'SERVICE_MANAGED', TemplateURL: 'https://bucket.s3.amazonaws.com/t.json' } } },
    }, /the StackSet Remote: its template \(TemplateURL\) is not a file beside this one/],
    ['Fn::Transform (AWS::Include) inside a policy', {
      Resources: {
        Grant: {
          Type: 'AWS::IAM::Policy',
          Properties: { PolicyName: 'p', Roles: ['r'], PolicyDocument: { Statement: [{ 'Fn::Transform': { Name: 'AWS::Include', Parameters: { Location: 's3://b/statement.yaml' } } }] } },
        },
      },
    }, /Grant Properties\.PolicyDocument\.Statement\.0: Fn::Transform is replaced by what a macro returns/],
    ['a macro that makes resources', { Resources: { 'Fn::Transform': { Name: 'AWS::Include', Parameters: { Location: 's3://b/roles.yaml' } } } },
      /Resources\.Fn::Transform: a macro makes resources at deployment/],
    ['a template transform other than SAM', { Transform: 'MyMacro', ...LAMBDA }, /the template uses the transform MyMacro/],
  ];

  test.each(cases)('%s', (_name, template, message) => {
    const file = write('unread.json', template);
    const plain = run(file);
    expect(plain.status).toBe(plain.report.summary.errors > 0 ? 1 : 0);
    expect(plain.stderr).toMatch(message);
    expect(plain.report.summary.notChecked).toBeGreaterThanOrEqual(1);
    const strict = run(file, '--strict');
    expect(strict.status).toBe(1);
    const notChecked = strict.report.findings.filter((finding: any) => finding.ruleId === 'cdk-iam-role-patterns:NotChecked');
    expect(notChecked.map((finding: any) => finding.message)).toEqual(expect.arrayContaining([expect.stringMatching(message)]));
  });

  test('--strict passes a template where everything was read, and an unresolved attachment fails it', () => {
    expect(run(write('lambda.json', LAMBDA), '--strict').status).toBe(0);
    const orphan = write('orphan.json', { Resources: { Grant: { Type: 'AWS::IAM::Policy', Properties: { PolicyName: 'p', Roles: ['made-elsewhere'], PolicyDocument: { Statement: [] } } } } });
    expect(run(orphan).status).toBe(0);
    const strict = run(orphan, '--strict');
    expect(strict.status).toBe(1);
    expect(rules(strict)).toEqual(['NotChecked Grant']);
  });
});

describe('AWS::LanguageExtensions, expanded where its values are literal', () => {
  const looped = (principals: unknown) => ({
    Transform: 'AWS::LanguageExtensions',
    Resources: {
      'Fn::ForEach::Partners': ['Partner', principals, {
        'Role&{Partner}': {
          Type: 'AWS::IAM::Role',
          Properties: {
            RoleName: { 'Fn::Sub': 'partner-${Partner}' },
            AssumeRolePolicyDocument: { 'Fn::ToJsonString': { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: { Ref: 'Partner' } }, Action: 'sts:AssumeRole' }] } },
          },
        },
      }],
    },
  });

  test('Fn::ForEach over a literal list makes one role per item, each checked (Fn::ToJsonString read as the document)', () => {
    const open = run(write('foreach-open.json', looped(['arn:aws:iam::444455556666:role/Uploader', '*'])));
    expect(rules(open)).toContain('WildcardPrincipal Role');
    expect(open.report.summary).toMatchObject({ roles: 2, notChecked: 0 });
    const named = run(write('foreach-named.json', looped(['arn:aws:iam::444455556666:role/Uploader'])));
    expect(rules(named)).not.toContain('WildcardPrincipal Rolearnawsiam444455556666roleUploader');
    expect(named.report.summary).toMatchObject({ roles: 1, notChecked: 0 });
  });

  test('a loop over a parameter is a note, and an error under --strict', () => {
    const file = write('foreach-parameter.json', { Parameters: { Partners: { Type: 'CommaDelimitedList' } }, ...looped({ Ref: 'Partners' }) });
    const plain = run(file);
    expect(plain.stderr).toMatch(/Resources\.Fn::ForEach::Partners loops over a collection decided at deployment/);
    expect(plain.report.summary).toMatchObject({ roles: 0, notChecked: 1 });
    expect(run(file, '--strict').status).toBe(1);
  });

  test('Fn::Length of a literal list is its length', () => {
    const template = { Transform: 'AWS::LanguageExtensions', Resources: { R: { Type: 'AWS::IAM::Role', Properties: { MaxSessionDuration: { 'Fn::Length': [1, 2, 3] } } } } };
    expect(expandLanguageExtensions(template).template.Resources!.R).toMatchObject({ Properties: { MaxSessionDuration: 3 } });
  });

  test('nested loops cannot blow up: a small template that would copy billions of values stops at the bound and says so', () => {
    const items = Array.from({ length: 100 }, (_, i) => `i${i}`);
    const fragment = (depth: number): unknown => (depth === 0 ? { Type: 'AWS::SNS::Topic' }
      : { [`Fn::ForEach::L${depth}`]: [`X${depth}`, items, { [`R${depth}\${X${depth}}`]: fragment(depth - 1) }] });
    const { notes } = expandLanguageExtensions({ Transform: 'AWS::LanguageExtensions', Resources: fragment(5) as any });
    expect(notes.join('\n')).toMatch(/the loops copy more than 1000000 values; the rest were not checked/);
  });
});
