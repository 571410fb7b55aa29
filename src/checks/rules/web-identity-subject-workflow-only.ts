import { Rule } from '../rule';
import { subjectBreadth, webIdentityTrusts } from '../web-identity';
import { githubTrust } from './examples';

const DEPLOY_WORKFLOW = 'ride-co/workflows/.github/workflows/deploy.yml@refs/heads/main';

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
    insecure: { trust: [githubTrust('repo:*', { job_workflow_ref: DEPLOY_WORKFLOW })] },
    secure: { trust: [githubTrust('repo:ride-co/api:*', { job_workflow_ref: DEPLOY_WORKFLOW })] },
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
