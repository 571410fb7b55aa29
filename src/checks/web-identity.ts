import { isNarrowingTest } from './conditions';
import { FederatedPrincipal, parseFederatedPrincipal, sharedIssuerKind, SharedIssuerKind, WEB_IDENTITY_PROVIDERS } from './principals';
import { hasPlaceholder, NONE } from '../role-model/cfn-value';
import { ConditionTest, PolicyStatement, principalValues } from '../role-model/policy-document';
import { RoleUnderCheck } from '../role-model/role-under-check';

/** One web identity or OIDC principal in one Allow statement of a trust policy. */
export interface WebIdentityTrust {
  readonly statement: PolicyStatement;
  readonly principal: FederatedPrincipal;
}

/** Every web identity and OIDC principal the role trusts, with the statement that trusts it. */
export function webIdentityTrusts(role: RoleUnderCheck): readonly WebIdentityTrust[] {
  if (!role.trustAllowStatements.some(trustsFederated)) return NONE;
  let trusts = trustsByRole.get(role);
  if (trusts === undefined) {
    const found: WebIdentityTrust[] = [];
    for (const statement of role.trustAllowStatements) {
      for (const value of principalValues(statement, 'Federated')) {
        const principal = parseFederatedPrincipal(value, role.describeFederated);
        if (principal.kind === 'oidc' || principal.kind === 'web-identity') found.push({ statement, principal });
      }
    }
    trusts = found;
    trustsByRole.set(role, trusts);
  }
  return trusts;
}

/** Read once per role: five rules ask for the same list. */
const trustsByRole = new WeakMap<RoleUnderCheck, readonly WebIdentityTrust[]>();

function trustsFederated(statement: PolicyStatement): boolean {
  return principalValues(statement, 'Federated').length > 0;
}

/**
 * The narrowing condition tests on a claim (`aud`, `sub`, `amr`) of the trusted provider. When the issuer is
 * not known (a token), any key ending in `:<claim>` counts, so a check never blames a role for what it cannot read.
 */
export function claimTests(trust: WebIdentityTrust, claim: string): ConditionTest[] {
  const keys = claimKeys(trust.principal, claim);
  return trust.statement.conditions.filter((test) => isNarrowingTest(test)
    && (keys ? keys.includes(test.key) : test.key.endsWith(`:${claim}`)));
}

function claimKeys(principal: FederatedPrincipal, claim: string): string[] | undefined {
  if (principal.issuer === undefined) return undefined;
  const named = WEB_IDENTITY_PROVIDERS.get(principal.issuer);
  if (named && claim === 'aud') return named.audienceKeys.map((key) => key.toLowerCase());
  return [`${principal.issuer}:${claim}`.toLowerCase()];
}

/**
 * How much the subject conditions of a trust let in: one repository (project, service account), any repository
 * that may call one reusable workflow, every repository of one owner or enterprise, or anyone.
 */
export type SubjectBreadth = 'specific' | 'one-workflow' | 'one-owner' | 'any';

interface SubjectShape {
  /** What pins the owner, group or namespace: the part before the first wildcard must match this. */
  readonly owner: RegExp;
  /** What pins the repository, project or service account. */
  readonly resource: RegExp;
  /**
   * What pins it anywhere in the value, for subjects whose pin may follow a wildcard: a Terraform workspace is
   * unique in its organization, so `project:*:workspace:networking:...` names one workspace.
   */
  readonly pinnedAnywhere?: RegExp;
  /** How to name the owner and the resource in messages. */
  readonly ownerWord: string;
  readonly resourceWord: string;
  readonly example: string;
}

/**
 * The shape of each shared issuer's `sub` claim: GitHub's "About security hardening with OpenID Connect", GitLab's
 * "OpenID Connect (OIDC) Authentication Using ID Tokens", the Amazon EKS User Guide's IRSA trust (`system:serviceaccount:`),
 * CircleCI's "Using OpenID Connect tokens in jobs" and HCP Terraform's "Dynamic provider credentials".
 */
export const SUBJECT_SHAPES: Record<SharedIssuerKind, SubjectShape> = {
  github: {
    // the default subject (repo:OWNER/REPO:...), or a customized one (key:value pairs, such as
    // repository_owner_id:72338:repository_id:4321:environment:prod)
    owner: /^(?:repo:[^/*?]+\/|(?:[^*?]*:)?(?:repository_owner_id:\d+:|repository_owner:[^:*?]+:|repository:[^/*?]+\/))/,
    resource: /^(?:repo:[^/*?]+\/[^:*?]+:|(?:[^*?]*:)?(?:repository_id:\d+:|repository:[^/*?]+\/[^:*?]+:))/,
    ownerWord: 'GitHub owner',
    resourceWord: 'repository',
    example: 'repo:OWNER/REPO:ref:refs/heads/main',
  },
  gitlab: {
    owner: /^project_path:[^/*?]+\//,
    resource: /^project_path:[^:*?]+:/,
    ownerWord: 'GitLab group',
    resourceWord: 'project',
    example: 'project_path:GROUP/PROJECT:ref_type:branch:ref:main',
  },
  eks: {
    owner: /^system:serviceaccount:[^:*?]+:/,
    resource: /^system:serviceaccount:[^:*?]+:[^:*?]+$/,
    ownerWord: 'Kubernetes namespace',
    resourceWord: 'service account',
    example: 'system:serviceaccount:NAMESPACE:SERVICE_ACCOUNT',
  },
  circleci: {
    // org/<organization id>/project/<project id>/user/<user id>, with /vcs-origin/... after it in V2 tokens (CircleCI, "OpenID Connect tokens")
    owner: /^org\/[^/*?]+\//,
    resource: /^org\/[^/*?]+\/project\/[^/*?]+\//,
    ownerWord: 'CircleCI organization',
    resourceWord: 'project',
    example: 'org/ORGANIZATION_ID/project/PROJECT_ID/user/*',
  },
  terraform: {
    // organization:<org>:project:<project>:workspace:<workspace>:run_phase:<plan|apply> (HashiCorp, "Workload identity")
    owner: /^organization:[^:*?]+:/,
    resource: /^organization:[^:*?]+:(?:project:[^:*?]+:|workspace:[^:*?]+:)/,
    pinnedAnywhere: /^organization:[^:*?]+:(?:project:[^:]*:)?workspace:[^:*?]+:/,
    ownerWord: 'HCP Terraform organization',
    resourceWord: 'workspace',
    example: 'organization:ORG:project:PROJECT:workspace:WORKSPACE:run_phase:apply',
  },
  other: { owner: /^(?![*?])/, resource: /^(?![*?])/, ownerWord: 'subject', resourceWord: 'subject', example: 'the exact subject your issuer puts in its tokens' },
};

/**
 * The subject prefixes each shared issuer writes: where the issuer is a token (an EKS cluster's issuer made in the
 * same app), the shape of the subject written says which issuer's rules apply (`system:serviceaccount:*` is read
 * as EKS, not as an unknown issuer's subject).
 */
const SUBJECT_PREFIXES: ReadonlyArray<readonly [string, SharedIssuerKind]> = [
  ['system:serviceaccount:', 'eks'], ['repo:', 'github'], ['project_path:', 'gitlab'], ['org/', 'circleci'], ['organization:', 'terraform'],
];

/** Which shared issuer a trust names: from its issuer, or, when that is a token, from the subjects its conditions write. */
export function trustIssuerKind(trust: WebIdentityTrust): SharedIssuerKind {
  const issuer = trust.principal.issuer;
  if (issuer !== undefined && !hasPlaceholder(issuer)) return sharedIssuerKind(issuer);
  for (const test of claimTests(trust, 'sub')) {
    for (const value of test.values) {
      const known = SUBJECT_PREFIXES.find(([prefix]) => value.startsWith(prefix));
      if (known) return known[1];
    }
  }
  return sharedIssuerKind(issuer ?? '');
}

/** The breadth of one `sub` value under one operator. */
export function subjectValueBreadth(kind: SharedIssuerKind, operator: string, value: string): SubjectBreadth {
  if (hasPlaceholder(value)) return 'specific';
  const wildcard = /Like$/i.test(operator) ? value.search(/[*?]/) : -1;
  if (wildcard < 0) return 'specific';
  const prefix = value.slice(0, wildcard);
  const shape = SUBJECT_SHAPES[kind];
  if (!shape.owner.test(prefix)) return 'any';
  return shape.resource.test(prefix) || shape.pinnedAnywhere?.test(value) ? 'specific' : 'one-owner';
}

const ORDER: SubjectBreadth[] = ['specific', 'one-workflow', 'one-owner', 'any'];

/**
 * What GitHub's provider-specific claims pin, which STS tests in trust policies since 2026-01 (AWS What's New,
 * "AWS STS supports validation of identity provider claims", and the IAM User Guide's keys for GitHub):
 * the repository by id or by name, a reusable workflow, or an enterprise.
 */
const GITHUB_CLAIM_PINS: ReadonlyArray<{ readonly claim: string; readonly breadth: SubjectBreadth; readonly exact: RegExp }> = [
  { claim: 'repository_id', breadth: 'specific', exact: /^\d+$/ },
  { claim: 'repository', breadth: 'specific', exact: /^[^/*?]+\/[^*?]+$/ },
  { claim: 'job_workflow_ref', breadth: 'one-workflow', exact: /^[^*?]+@/ },
  { claim: 'enterprise_id', breadth: 'one-owner', exact: /^\d+$/ },
];

/** The breadths the claim conditions of a GitHub trust pin it to (none for other issuers). */
function claimPinBreadths(trust: WebIdentityTrust): SubjectBreadth[] {
  if (trustIssuerKind(trust) !== 'github') return [];
  const found: SubjectBreadth[] = [];
  for (const pin of GITHUB_CLAIM_PINS) {
    for (const test of claimTests(trust, pin.claim)) {
      if (test.values.length > 0 && test.values.every((value) => hasPlaceholder(value) || pin.exact.test(value))) found.push(pin.breadth);
    }
  }
  return found;
}

/**
 * The breadth of the `sub` tests and GitHub claim pins of one trust: values within a test are ORed (the widest
 * counts), separate tests are ANDed (the narrowest counts). Undefined when there is no such test at all.
 */
export function subjectBreadth(trust: WebIdentityTrust): SubjectBreadth | undefined {
  const known = breadthByTrust.get(trust);
  if (known !== undefined) return known === NO_SUBJECT_TEST ? undefined : known;
  const breadth = readSubjectBreadth(trust);
  breadthByTrust.set(trust, breadth ?? NO_SUBJECT_TEST);
  return breadth;
}

/** Read once per trust: three rules ask for it (the trusts themselves are kept per role, see `webIdentityTrusts`). */
const breadthByTrust = new WeakMap<WebIdentityTrust, SubjectBreadth | typeof NO_SUBJECT_TEST>();
const NO_SUBJECT_TEST = 'none';

function readSubjectBreadth(trust: WebIdentityTrust): SubjectBreadth | undefined {
  const kind = trustIssuerKind(trust);
  const perTest = claimTests(trust, 'sub').map((test) => widest(test.values.map((value) => subjectValueBreadth(kind, test.baseOperator, value))));
  const all = [...perTest, ...claimPinBreadths(trust)];
  if (all.length === 0) return undefined;
  return all.reduce((narrowest, breadth) => (ORDER.indexOf(breadth) < ORDER.indexOf(narrowest) ? breadth : narrowest));
}

function widest(breadths: SubjectBreadth[]): SubjectBreadth {
  return breadths.reduce((wide, breadth) => (ORDER.indexOf(breadth) > ORDER.indexOf(wide) ? breadth : wide), 'specific');
}

/** Whether a web identity trust is for a provider whose tokens only this customer's app can get (no `sub` needed). */
export function isAppAudienceProvider(trust: WebIdentityTrust): boolean {
  return trust.principal.kind === 'web-identity';
}
