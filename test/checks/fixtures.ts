import { checkTemplate, EngineOptions, Finding } from '../../src/checks/engine';
import { Rule, ruleId } from '../../src/checks/rule';

/** A trust statement, with defaults that make it a valid Allow for sts:AssumeRole. */
export function trustStatement(fields: Record<string, unknown>): Record<string, unknown> {
  return { Effect: 'Allow', Action: 'sts:AssumeRole', ...fields };
}

/** The ARN of this account's GitHub OIDC provider, as CDK writes it. */
export const GITHUB_PROVIDER = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, ':oidc-provider/token.actions.githubusercontent.com']] };

export interface RoleFixture {
  /** Trust statements. @default Lambda */
  readonly trust?: unknown[];
  /** Statements of one inline policy on the role. */
  readonly permissions?: unknown[];
  /** Other role properties. */
  readonly properties?: Record<string, unknown>;
  /** Other resources in the template. */
  readonly resources?: Record<string, unknown>;
}

/** A template with one role, `Role`. */
export function roleTemplate(fixture: RoleFixture = {}): { Resources: Record<string, unknown> } {
  const trust = fixture.trust ?? [trustStatement({ Principal: { Service: 'lambda.amazonaws.com' } })];
  const properties: Record<string, unknown> = {
    AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: trust },
    ...fixture.properties,
  };
  if (fixture.permissions) {
    properties.Policies = [{ PolicyName: 'Permissions', PolicyDocument: { Version: '2012-10-17', Statement: fixture.permissions } }];
  }
  return { Resources: { Role: { Type: 'AWS::IAM::Role', Properties: properties }, ...fixture.resources } };
}

/** The findings of one rule on a fixture. */
export function findingsOf(rule: Rule, fixture: RoleFixture, options: EngineOptions = {}): Finding[] {
  return checkTemplate(roleTemplate(fixture), { ...options, rules: [rule] }).filter((finding) => finding.ruleId === ruleId(rule));
}
