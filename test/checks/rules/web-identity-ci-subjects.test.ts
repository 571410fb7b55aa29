import { WebIdentitySubject } from '../../../src/checks/rules/web-identity-subject';
import { WebIdentitySubjectWholeOwner } from '../../../src/checks/rules/web-identity-subject-whole-owner';
import { findingsOf, trustStatement } from '../fixtures';

/** CircleCI's and HCP Terraform's subjects, as WebIdentitySubject and WebIdentitySubjectWholeOwner read them. */
const ORG = 'c1a7f2e4-3b5d-4e6f-8a9b-0c1d2e3f4a5b';
const CIRCLECI = `oidc.circleci.com/org/${ORG}`;
const trust = (issuer: string, audience: string, subject: string) => trustStatement({
  Principal: { Federated: `arn:aws:iam::111122223333:oidc-provider/${issuer}` },
  Action: 'sts:AssumeRoleWithWebIdentity',
  Condition: { StringEquals: { [`${issuer}:aud`]: audience }, StringLike: { [`${issuer}:sub`]: subject } },
});
const verdict = (statement: Record<string, unknown>) => [WebIdentitySubject, WebIdentitySubjectWholeOwner]
  .flatMap((rule) => findingsOf(rule, { trust: [statement] }).map((finding) => `${rule.name} ${finding.severity}`));

describe('CircleCI and HCP Terraform subjects', () => {
  test.each<[string, string, string, string, string[]]>([
    ['CircleCI: one project, any user (V1 and V2 tokens)', CIRCLECI, ORG, `org/${ORG}/project/0e1f2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b/user/*`, []],
    ['CircleCI: every project of the organization', CIRCLECI, ORG, `org/${ORG}/*`, ['WebIdentitySubjectWholeOwner warning']],
    ['CircleCI: any subject', CIRCLECI, ORG, 'org/*', ['WebIdentitySubject error']],
    ['Terraform: one workspace, any project', 'app.terraform.io', 'aws.workload.identity', 'organization:ride-co:project:*:workspace:networking:run_phase:apply', []],
    ['Terraform: one project, any workspace', 'app.terraform.io', 'aws.workload.identity', 'organization:ride-co:project:Network:workspace:*', []],
    ['Terraform: every run of the organization', 'app.terraform.io', 'aws.workload.identity', 'organization:ride-co:*', ['WebIdentitySubjectWholeOwner warning']],
    ['Terraform: any organization', 'app.terraform.io', 'aws.workload.identity', 'organization:*', ['WebIdentitySubject error']],
  ])('%s', (_name, issuer, audience, subject, expected) => {
    expect(verdict(trust(issuer, audience, subject))).toEqual(expected);
  });
});
