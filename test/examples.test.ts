import '@microsoft/jest-sarif';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { markdownReport, reportRoles, textReport } from '../examples/report';
import { buildApp } from '../examples/ride-sharing-app';
import { checkTemplate } from '../src/checks/engine';
import { main } from '../src/cli/main';

describe('the example app', () => {
  const { error } = console;
  console.error = () => undefined; // CDK announces the validation plugins
  const app = buildApp(mkdtempSync(join(tmpdir(), 'example-')));
  const assembly = app.synth();
  console.error = error;

  test('synthesizes a Lambda function whose LambdaExecutionRole has no findings', () => {
    const template = assembly.getStackByName('RideRequests').template;
    const functions = Object.values(template.Resources).filter((resource: any) => resource.Type === 'AWS::Lambda::Function');
    expect(functions).toHaveLength(1);
    expect(checkTemplate(template)).toEqual([]);
  });

  test('the partner stack has an upload role and a vendor role with an ExternalId, and no findings', () => {
    const template = assembly.getStackByName('Partners').template;
    expect(checkTemplate(template)).toEqual([]);
    const trusts = Object.values<any>(template.Resources).filter((resource) => resource.Type === 'AWS::IAM::Role')
      .map((role) => role.Properties.AssumeRolePolicyDocument.Statement[0].Condition);
    expect(trusts).toEqual([
      { ArnEquals: { 'aws:PrincipalArn': ['arn:aws:iam::444455556666:role/LabUploader'] } },
      { StringEquals: { 'sts:ExternalId': '3f2b8c1e-6a47-4d2e-9b1c-0e5f7a9d2c41' } },
    ]);
  });

  test('the rider app\'s role trusts signed-in identities of the pool and reaches only their own items', () => {
    const template = assembly.getStackByName('RiderApp').template;
    expect(checkTemplate(template)).toEqual([]);
    const policy = Object.values<any>(template.Resources).find((resource) => resource.Type === 'AWS::IAM::Policy');
    expect(policy.Properties.PolicyDocument.Statement[0].Condition).toEqual({
      'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': ['${cognito-identity.amazonaws.com:sub}'] },
    });
  });

  test('its cloud assembly gives a schema-valid SARIF log; a widened copy of one of its templates points at the right line', () => {
    const run = (...args: string[]) => {
      let stdout = '';
      const status = main(['check', ...args, '--format', 'sarif'], { stdout: (text) => { stdout += text; }, stderr: () => undefined });
      return { status, log: JSON.parse(stdout) };
    };
    const clean = run(assembly.directory);
    expect(clean.status).toBe(0);
    expect(clean.log).toBeValidSarifLog();
    expect(clean.log.runs[0].results).toEqual([]);
    // the Partners template with the vendor's ExternalId removed, checked against the assembly as the baseline
    const partners = assembly.getStackByName('Partners');
    const widened = JSON.parse(readFileSync(partners.templateFullPath, 'utf8'));
    const [vendorId] = Object.entries<any>(widened.Resources).filter(([, resource]) => resource.Type === 'AWS::IAM::Role')
      .find(([, role]) => role.Properties.AssumeRolePolicyDocument.Statement[0].Condition.StringEquals)!;
    delete widened.Resources[vendorId].Properties.AssumeRolePolicyDocument.Statement[0].Condition;
    const file = join(mkdtempSync(join(tmpdir(), 'widened-')), 'Partners.template.json');
    writeFileSync(file, JSON.stringify(widened, undefined, 1));
    const gate = run(file, '--baseline', assembly.directory);
    expect(gate.status).toBe(1);
    expect(gate.log).toBeValidSarifLog();
    const result = gate.log.runs[0].results.find((found: any) => found.ruleId === 'cdk-iam-role-patterns:TrustWidened');
    const line = readFileSync(file, 'utf8').split('\n').findIndex((text) => text.includes(`"${vendorId}":`)) + 1;
    expect(result.locations[0].physicalLocation.region.startLine).toBe(line);
    expect(result.message.text).toMatch(/condition sts:ExternalId removed/);
  });

  test('the GitHub deploy role trusts main and production of one repository only', () => {
    const template = assembly.getStackByName('Delivery').template;
    expect(checkTemplate(template)).toEqual([]);
    const role = Object.values<any>(template.Resources).find((resource) => resource.Type === 'AWS::IAM::Role');
    expect(role.Properties.AssumeRolePolicyDocument.Statement[0].Condition.StringEquals['token.actions.githubusercontent.com:sub']).toEqual([
      'repo:ride-co/ride-platform:ref:refs/heads/main', 'repo:ride-co/ride-platform:environment:production',
    ]);
  });

  test('the service desk\'s break-glass role requires MFA, is tagged, and alerts on every use, every door and every change, in three regions', () => {
    const template = assembly.getStackByName('ServiceDesk').template;
    expect(checkTemplate(template)).toEqual([]);
    const role = Object.values<any>(template.Resources).find((resource) => resource.Type === 'AWS::IAM::Role');
    expect(role.Properties.AssumeRolePolicyDocument.Statement[0].Condition.Bool).toEqual({ 'aws:MultiFactorAuthPresent': 'true' });
    expect(role.Properties.Tags).toEqual([{ Key: 'break-glass', Value: 'true' }]);
    const sources = (stack: string) => Object.values<any>(assembly.getStackByName(stack).template.Resources)
      .filter((resource) => resource.Type === 'AWS::Events::Rule').map((rule) => rule.Properties.EventPattern.source[0]);
    expect(sources('ServiceDesk')).toEqual(['aws.sts', 'aws.signin', 'aws.iam']);
    expect(sources('ServiceDesk-break-glass-alerts-eu-central-1')).toEqual(['aws.sts', 'aws.signin']);
    expect(sources('ServiceDesk-break-glass-alerts-us-east-1')).toEqual(['aws.sts', 'aws.signin', 'aws.iam']);
  });

  test('the workforce stack has one SAML role per directory group, sharing one provider', () => {
    const template = assembly.getStackByName('Workforce').template;
    expect(checkTemplate(template)).toEqual([]);
    const roles = Object.values<any>(template.Resources).filter((resource) => resource.Type === 'AWS::IAM::Role');
    expect(roles.map((role) => role.Properties.RoleName)).toEqual(['RideCo-Analysts', 'RideCo-Support']);
    expect(Object.values<any>(template.Resources).filter((resource) => resource.Type === 'AWS::IAM::SAMLProvider')).toHaveLength(1);
  });

  test('the report shows each role with its key conditions, alerting and findings, as text and Markdown', () => {
    const roles = reportRoles(app, assembly);
    expect(roles.map((role) => role.path)).toHaveLength(15); // with the forwarding stacks' EventBridge roles, and the analysts' permission set
    expect(markdownReport(roles)).toContain('| Workforce/AnalystsPermissionSet | IAM Identity Center sign-in: group 906722f4-b0a1-70c4-4bd0-1f4b8e4c3f21 in 111122223333 | - | 8h | - | none |');
    expect(roles.map((role) => role.path)).toContain('RideRequests/Receipts/ReceiptsRole');
    const text = textReport(roles);
    expect(text).toMatch(/^Role +Trusts +Key conditions +Session +Alerting +Findings/);
    expect(text).toMatch(/ServiceDesk\/ServiceDeskBreakGlass +AWS arn:aws:iam::111122223333:root +MFA, MFA age<3600s, SourceIdentity.* AssumeRole\+console in 3 region\(s\), changes +none/);
    expect(text).toMatch(/Partners\/ComplianceVendorRole .* ExternalId .* none/);
    const markdown = markdownReport(roles);
    expect(markdown).toContain('| Role | Trusts | Key conditions | Session | Alerting | Findings |');
    expect(markdown).toContain('| Delivery/GitHubDeployRole | Federated oidc-provider/token.actions.githubusercontent.com | aud=sts.amazonaws.com, sub=repo:ride-co/ride-platform:ref:refs/heads/main\\|repo:ride-co/ride-platform:environment:production | 1h | - | none |');
    expect(markdown).toMatch(/## Findings\n\nNone\./);
    expect(markdown).toContain('- ServiceDesk/ServiceDeskBreakGlass: regions alerted: eu-west-1, eu-central-1, us-east-1; doors watched: AssumeRole, console, changes; '
      + 'changes to the role: alerted');
  });

  test('roles.md proves who can get in: the intended caller allowed, each near miss denied, by the evaluator', () => {
    const roles = reportRoles(app, assembly);
    const glass = roles.find((role) => role.path === 'ServiceDesk/ServiceDeskBreakGlass')!;
    const decided = (pattern: RegExp) => glass.whoGetsIn.filter((entry) => pattern.test(entry.request)).map((entry) => entry.allowed);
    expect(decided(/^arn:aws:iam::111122223333:user\/servicedesk\/x sts:AssumeRole with aws:MultiFactorAuthAge = \d+, aws:MultiFactorAuthPresent = true, sts:SourceIdentity = x$/)).toEqual([true]);
    expect(decided(/role\/NearMiss|999988887777|MultiFactorAuthPresent = near-miss/).every((allowed) => !allowed)).toBe(true);
    // every role lets its intended caller in (a permission set's callers are its Identity Center assignments)
    expect(roles.filter((role) => !role.permissionSet).every((role) => role.whoGetsIn.some((entry) => entry.allowed))).toBe(true);
    expect(markdownReport(roles)).toMatch(/## Who can get in[\s\S]*### ServiceDesk\/ServiceDeskBreakGlass[\s\S]*\*\*allowed\*\*: statement 1 allows it/);
  });

  test('RoleChecks, registered in the app, reports nothing', () => {
    const reportFile = join(assembly.directory, 'validation-report.json');
    const reports = existsSync(reportFile) ? JSON.parse(readFileSync(reportFile, 'utf8')).pluginReports : [];
    expect(reports.flatMap((report: any) => report.violations)).toEqual([]);
  });

  test('carries no error or warning annotations', () => {
    const messages = assembly.stacks.flatMap((stack) => stack.messages).filter((message) => message.level !== 'info');
    expect(messages).toEqual([]);
  });
});
