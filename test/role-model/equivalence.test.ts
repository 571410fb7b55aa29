import * as fc from 'fast-check';
import { checkTemplate, Finding } from '../../src/checks/engine';

/**
 * Property: a template written in any of the forms the role model reads (policy documents as JSON strings or
 * Fn::Sub, statements and documents inside Fn::If whose branches agree, permissions attached by another
 * route) gives the same findings as the same role written as plain objects.
 */

const trustStatements = fc.constantFrom<Record<string, unknown>>(
  { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
  { Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' },
  { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:root' }, Action: 'sts:AssumeRole' },
  { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:root' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': '8f14e45f-ceea-467f-a0e6-e1d2c3b4a596' } } },
  { Effect: 'Allow', Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com' }, Action: 'sts:AssumeRoleWithWebIdentity' },
  { Effect: 'Deny', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' },
);
const permissionStatements = fc.constantFrom<Record<string, unknown>>(
  { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/*' },
  { Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' },
  { Effect: 'Allow', Action: '*', Resource: '*' },
  { Effect: 'Allow', Action: 's3:*', Resource: '*' },
  { Effect: 'Allow', NotAction: 'iam:*', Resource: '*' },
  { Effect: 'Allow', Action: ['iam:PutRolePolicy', 'ec2:DescribeInstances'], Resource: '*' },
  { Effect: 'Deny', Action: '*', Resource: '*' },
);

type Disguise = 'plain' | 'json' | 'sub' | 'if';
const disguises = fc.constantFrom<Disguise>('plain', 'json', 'sub', 'if');

/** A document written in one of the forms; `if` wraps it in a Fn::If whose branches are the same document. */
function disguise(document: Record<string, unknown>, how: Disguise): unknown {
  switch (how) {
    case 'json': return JSON.stringify(document);
    case 'sub': return { 'Fn::Sub': JSON.stringify(document) };
    case 'if': return { 'Fn::If': ['C', document, document] };
    default: return document;
  }
}

/** Statements, each one possibly inside a Fn::If whose branches agree. */
function wrapStatements(statements: Record<string, unknown>[], wrapped: boolean[]): unknown[] {
  return statements.map((statement, i) => (wrapped[i] ? { 'Fn::If': ['D', statement, statement] } : statement));
}

const CONDITIONS = { C: { 'Fn::Equals': [{ Ref: 'P' }, 'yes'] }, D: { 'Fn::Equals': [{ Ref: 'Q' }, 'yes'] } };
const byContent = (findings: Finding[]) => findings.map((finding) => `${finding.ruleId} ${finding.severity} ${finding.resource} ${finding.message}`).sort();
const byRule = (findings: Finding[]) => findings.map((finding) => `${finding.ruleId} ${finding.severity} ${finding.resource}`).sort();

describe('the role model reads every form as its plain equivalent', () => {
  const role = fc.record({
    trust: fc.array(trustStatements, { minLength: 1, maxLength: 3 }),
    permissions: fc.array(permissionStatements, { minLength: 1, maxLength: 3 }),
    trustForm: disguises,
    policyForm: disguises,
    wrapped: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
    route: fc.constantFrom('Policies', 'AWS::IAM::Policy', 'AWS::IAM::RolePolicy'),
  });

  test('documents as JSON strings, Fn::Sub or Fn::If, and statements in Fn::If: the same findings, word for word', () => {
    fc.assert(fc.property(role, ({ trust, permissions, trustForm, policyForm, wrapped }) => {
      const plain = {
        Resources: {
          R: {
            Type: 'AWS::IAM::Role',
            Properties: { AssumeRolePolicyDocument: { Statement: trust }, Policies: [{ PolicyName: 'p', PolicyDocument: { Statement: permissions } }] },
          },
        },
      };
      const written = {
        Conditions: CONDITIONS,
        Resources: {
          R: {
            Type: 'AWS::IAM::Role',
            Properties: {
              AssumeRolePolicyDocument: disguise({ Statement: trustForm === 'plain' || trustForm === 'if' ? wrapStatements(trust, wrapped) : trust }, trustForm),
              Policies: [{ PolicyName: 'p', PolicyDocument: disguise({ Statement: policyForm === 'plain' || policyForm === 'if' ? wrapStatements(permissions, wrapped.slice(3)) : permissions }, policyForm) }],
            },
          },
        },
      };
      expect(byContent(checkTemplate(written))).toEqual(byContent(checkTemplate(plain)));
    }), { numRuns: 120 });
  });

  test('permissions attached as an AWS::IAM::Policy or AWS::IAM::RolePolicy: the same rules fire on the role', () => {
    fc.assert(fc.property(role, ({ trust, permissions, policyForm, route }) => {
      const document = { Statement: permissions };
      const roleProperties = { AssumeRolePolicyDocument: { Statement: trust }, RoleName: 'app-role' };
      const plain = { Resources: { R: { Type: 'AWS::IAM::Role', Properties: { ...roleProperties, Policies: [{ PolicyName: 'p', PolicyDocument: document }] } } } };
      const attached: Record<string, unknown> = route === 'Policies'
        ? { R: { Type: 'AWS::IAM::Role', Properties: { ...roleProperties, Policies: [{ PolicyName: 'p', PolicyDocument: disguise(document, policyForm) }] } } }
        : {
          R: { Type: 'AWS::IAM::Role', Properties: roleProperties },
          P: route === 'AWS::IAM::Policy'
            ? { Type: 'AWS::IAM::Policy', Properties: { PolicyName: 'p', Roles: ['app-role'], PolicyDocument: disguise(document, policyForm) } }
            : { Type: 'AWS::IAM::RolePolicy', Properties: { PolicyName: 'p', RoleName: { Ref: 'R' }, PolicyDocument: disguise(document, policyForm) } },
        };
      expect(byRule(checkTemplate({ Conditions: CONDITIONS, Resources: attached }))).toEqual(byRule(checkTemplate(plain)));
    }), { numRuns: 120 });
  });
});
