import { readable } from '../../role-model/cfn-value';
import { Rule } from '../rule';
import { subjectBreadth, SUBJECT_SHAPES, trustIssuerKind, webIdentityTrusts } from '../web-identity';
import { githubTrust } from './examples';

/**
 * GitHub, GitLab, EKS and every other OIDC issuer mint tokens for all of their customers with the same
 * audience, so only `sub` tells your repository, project or service account from anyone else's
 * (the 2023 GitHub Actions trust-policy findings).
 */
export const WebIdentitySubject: Rule = {
  name: 'WebIdentitySubject',
  severity: 'error',
  description: 'An OIDC trust must narrow the subject (sub) to your own repository, project or service account, never to any.',
  docs: {
    why: 'An OIDC trust without a subject pin lets in every token of the issuer: for GitHub Actions, any workflow of any repository on GitHub.',
    fix: 'Pin the subject (`repo:OWNER/REPO:ref:refs/heads/main`, `system:serviceaccount:NS:SA`, `project_path:GROUP/PROJECT:...`) or, '
      + 'for GitHub, `repository_id`.',
    insecure: { trust: [githubTrust()] },
    secure: { trust: [githubTrust('repo:ride-co/api:ref:refs/heads/main')] },
  },
  check({ role }, report) {
    for (const trust of webIdentityTrusts(role)) {
      if (trust.principal.kind !== 'oidc' || trust.statement.conditionsUnreadable) continue;
      const breadth = subjectBreadth(trust);
      if (breadth !== undefined && breadth !== 'any') continue;
      const shape = SUBJECT_SHAPES[trustIssuerKind(trust)];
      const issuer = trust.principal.issuer ?? readable(trust.principal.value);
      const problem = breadth === undefined
        ? `has no condition on ${issuer}:sub`
        : `has a condition on ${issuer}:sub that matches any ${shape.ownerWord}`;
      report(`${trust.statement.location} ${problem}, so a token for anyone else's ${shape.resourceWord} on the same issuer can assume `
        + `this role. Add a StringEquals (or StringLike, with wildcards only after the ${shape.ownerWord}) condition on `
        + `${issuer}:sub, such as "${shape.example}".`, trust.statement.subject);
    }
  },
};
