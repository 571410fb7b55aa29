import { Rule } from '../rule';
import { subjectBreadth, SUBJECT_SHAPES, trustIssuerKind, webIdentityTrusts } from '../web-identity';
import { githubTrust } from './examples';

/** A `sub` such as `repo:my-org/*` trusts every repository of an owner, including ones created later. */
export const WebIdentitySubjectWholeOwner: Rule = {
  name: 'WebIdentitySubjectWholeOwner',
  severity: 'warning',
  description: 'An OIDC subject that matches every repository, project or service account of one owner should name them instead.',
  docs: {
    why: 'A subject that matches every repository, project or service account of one owner lets in whatever that owner creates later.',
    fix: 'Name the repository (and branch or environment), project or service account.',
    insecure: { trust: [githubTrust('repo:ride-co/*')] },
    secure: { trust: [githubTrust('repo:ride-co/api:environment:production')] },
  },
  check({ role }, report) {
    for (const trust of webIdentityTrusts(role)) {
      if (trust.principal.kind !== 'oidc' || subjectBreadth(trust) !== 'one-owner') continue;
      const shape = SUBJECT_SHAPES[trustIssuerKind(trust)];
      report(`${trust.statement.location} lets every ${shape.resourceWord} of one ${shape.ownerWord} assume this role, `
        + `including any created later or by someone with fewer rights. Name the ${shape.resourceWord}s, such as "${shape.example}", `
        + 'or acknowledge this warning with the reason.', trust.statement.subject);
    }
  },
};
