import { Rule } from '../rule';
import { subjectBreadth, webIdentityTrusts } from '../web-identity';

/**
 * A GitHub trust pinned only by a reusable workflow (`job_workflow_ref`) lets in every repository that may call
 * that workflow: for a public one, any repository on GitHub. The workflow narrows the repository pin; it does not replace it.
 */
export const WebIdentitySubjectWorkflowOnly: Rule = {
  name: 'WebIdentitySubjectWorkflowOnly',
  severity: 'warning',
  description: 'A GitHub trust pinned only by a reusable workflow (job_workflow_ref) lets in every repository that may call it; pin the repository too.',
  docs: {
    why: 'A reusable workflow can be called from every repository that may read it (any repository on GitHub, for a public one), so '
      + 'pinning only the workflow lets all of them in.',
    fix: 'Pin the repository too, by `repository_id` or a `sub` such as `repo:OWNER/REPO:*`.',
    insecure: {
      trust: [
        {
          Effect: 'Allow',
          Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com' },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: {
            StringEquals: {
              'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
              'token.actions.githubusercontent.com:job_workflow_ref': 'ride-co/workflows/.github/workflows/deploy.yml@refs/heads/main',
            },
            StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:*' },
          },
        },
      ],
    },
    secure: {
      trust: [
        {
          Effect: 'Allow',
          Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com' },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: {
            StringEquals: {
              'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
              'token.actions.githubusercontent.com:job_workflow_ref': 'ride-co/workflows/.github/workflows/deploy.yml@refs/heads/main',
            },
            StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:ride-co/api:*' },
          },
        },
      ],
    },
  },
  check({ role }, report) {
    for (const trust of webIdentityTrusts(role)) {
      if (trust.principal.kind !== 'oidc' || subjectBreadth(trust) !== 'one-workflow') continue;
      const issuer = trust.principal.issuer ?? '<issuer>';
      report(`${trust.statement.location} pins the reusable workflow (${issuer}:job_workflow_ref) but no repository, so every repository that may `
        + 'call that workflow (any repository on GitHub, for a public one) can assume this role. Pin the repository too: its id '
        + `(${issuer}:repository_id) or a sub such as "repo:OWNER/REPO:*"; or acknowledge this warning with the reason.`, trust.statement.subject);
    }
  },
};
