import { Construct } from 'constructs';
import { checkFilterValues, ClaimTest, HOST, oidcPrincipal, oidcProviderArn, STS_AUDIENCE } from './oidc-trust';
import { PropErrors } from '../prop-errors';
import { literalValues } from '../unresolved';
import { BoundWebIdentityProvider } from './binding';
import type { GitHubActionsProviderProps } from './provider-props';

/*
 * GitHub Actions tokens, as AWS and GitHub document them:
 * - issuer token.actions.githubusercontent.com, audience sts.amazonaws.com, sub repo:OWNER/REPO:<context> (GitHub,
 *   "Configuring OpenID Connect in Amazon Web Services"); GitHub Enterprise Cloud with a unique issuer URL:
 *   token.actions.githubusercontent.com/<enterprise slug>; GitHub Enterprise Server: <host>/_services/token (GitHub,
 *   "OpenID Connect reference").
 * - a customized subject (GitHub REST API "OIDC", include_claim_keys): the keys in order, each as key:value, except
 *   `context`, which is written as it is in the default subject (ref:refs/heads/main, environment:prod, ...).
 * - since 2026-01, STS tests provider-specific claims of GitHub tokens in trust policies (AWS What's New, "AWS STS
 *   supports validation of identity provider claims"; IAM User Guide, condition keys for AssumeRoleWithWebIdentity):
 *   token.actions.githubusercontent.com: + repository, repository_id, job_workflow_ref, workflow, ref, environment,
 *   actor, actor_id, enterprise_id. They are documented for the public issuer only, so the library writes them for
 *   it only.
 */
export const GITHUB_ISSUER = 'token.actions.githubusercontent.com';

const GITHUB_OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(@\d+)?$/;
const GITHUB_REPOSITORY = /^[A-Za-z0-9._-]{1,100}(@\d+)?$/;
const NUMERIC_ID = /^\d{1,20}$/;
const GITHUB_LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(\[bot\])?$/;
const ENTERPRISE_SLUG = /^[a-z0-9](?:[a-z0-9-]{0,254})$/i;
/** A reusable workflow: OWNER/REPO/.github/workflows/FILE.yml@REF (a wildcard only after the @). */
const JOB_WORKFLOW_REF = /^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+\/\.github\/workflows\/[\w.-]+\.ya?ml@[^\s*?]*[*?]?[^\s]*$/;

/** The claim keys a customized subject may hold that the props can fill in. */
const SUBJECT_KEYS = ['repo', 'repository', 'repository_owner', 'repository_owner_id', 'repository_id', 'context', 'environment', 'ref', 'job_workflow_ref'];

/** Checks the props and builds the trust of a GitHub Actions provider. */
export function bindGitHubActions(props: GitHubActionsProviderProps, scope: Construct, id: string, errors: PropErrors): BoundWebIdentityProvider {
  checkRepository(props, errors);
  checkClaimProps(props, errors);
  const issuer = githubIssuer(props);
  const subjects = props.subjectClaimKeys ? customSubjects(props, errors) : defaultSubjects(props);
  const claims: ClaimTest[] = [{ claim: 'aud', values: [STS_AUDIENCE] }, { claim: 'sub', values: subjects }, ...claimPins(props)];
  const provider = oidcProviderArn(scope, issuer, [STS_AUDIENCE], props);
  return {
    principal: oidcPrincipal(scope, id, provider, issuer, claims),
    description: `GitHub Actions in ${props.owner}/${props.repository} (${contexts(props).join(', ')})`,
  };
}

/** The issuer: the public one, an enterprise's unique issuer URL, or a GitHub Enterprise Server's. */
function githubIssuer(props: GitHubActionsProviderProps): string {
  if (props.host) return `${props.host}/_services/token`;
  return props.enterpriseSlug ? `${GITHUB_ISSUER}/${props.enterpriseSlug}` : GITHUB_ISSUER;
}

function checkRepository(props: GitHubActionsProviderProps, errors: PropErrors): void {
  if (props.owner === '*') errors.add('provider.owner', props.owner, 'name the GitHub user or organization; "*" would trust every repository on GitHub');
  else errors.checkPattern('provider.owner', props.owner, GITHUB_OWNER, 'a GitHub owner is 1 to 39 letters, digits and hyphens, such as "octo-org" (or "octo-org@1234")');
  if (props.repository === '*') {
    if (!props.allowAllRepositories) {
      errors.add('provider.repository', props.repository, 'name the repository; "*" trusts every repository of the owner, even ones created later (set allowAllRepositories: true if that is intended)');
    } else if (props.repositoryId !== undefined) {
      errors.add('provider.repositoryId', props.repositoryId, 'a repository id pins one repository, so it cannot go with repository: "*"; name the repository');
    }
  } else {
    errors.checkPattern('provider.repository', props.repository, GITHUB_REPOSITORY, 'a repository name is letters, digits, ".", "_" and "-", such as "octo-repo" (or "octo-repo@5678")');
  }
  for (const [prop, values] of [['branches', props.branches], ['environments', props.environments], ['tags', props.tags]] as const) {
    checkFilterValues(`provider.${prop}`, values, errors);
  }
  if (!props.branches?.length && !props.environments?.length && !props.tags?.length && !props.pullRequests && !props.jobWorkflowRefs?.length) {
    errors.addConflict('provider.branches, provider.environments, provider.tags, provider.pullRequests, provider.jobWorkflowRefs: give at least one '
      + 'filter, such as branches: [\'main\'] or jobWorkflowRefs: [\'octo-org/deploy/.github/workflows/deploy.yml@refs/heads/main\']');
  }
}

function checkClaimProps(props: GitHubActionsProviderProps, errors: PropErrors): void {
  errors.checkPattern('provider.repositoryId', props.repositoryId, NUMERIC_ID, 'a repository id is the number GitHub gives the repository, such as "892418301"');
  errors.checkPattern('provider.ownerId', props.ownerId, NUMERIC_ID, 'an owner id is the number GitHub gives the user or organization, such as "72338"');
  errors.checkPattern('provider.enterpriseId', props.enterpriseId, NUMERIC_ID, 'an enterprise id is the number GitHub gives the enterprise, such as "1234"');
  for (const value of props.actorIds ?? []) errors.checkPattern('provider.actorIds', value, NUMERIC_ID, 'an actor id is a GitHub user\'s number, such as "583231"');
  for (const value of props.actors ?? []) errors.checkPattern('provider.actors', value, GITHUB_LOGIN, 'an actor is a GitHub login, such as "octocat" or "dependabot[bot]"');
  for (const value of props.jobWorkflowRefs ?? []) {
    errors.checkPattern('provider.jobWorkflowRefs', value, JOB_WORKFLOW_REF,
      'a job workflow ref is OWNER/REPO/.github/workflows/FILE.yml@REF, such as "octo-org/deploy/.github/workflows/deploy.yml@refs/heads/main"');
  }
  errors.checkPattern('provider.enterpriseSlug', props.enterpriseSlug, ENTERPRISE_SLUG, 'an enterprise slug is the enterprise\'s name in its URL, such as "octo-enterprise"');
  errors.checkPattern('provider.host', props.host, HOST, 'a GitHub Enterprise Server host name, such as "github.example.com", without https://');
  if (props.host !== undefined && props.enterpriseSlug !== undefined) {
    errors.addConflict('provider.host, provider.enterpriseSlug: give one; enterpriseSlug is GitHub Enterprise Cloud\'s unique issuer, host a GitHub Enterprise Server');
  }
  const pins = claimPinProps(props);
  if ((props.host !== undefined || props.enterpriseSlug !== undefined) && pins.length > 0) {
    errors.addConflict(`${pins.map((prop) => `provider.${prop}`).join(', ')}: AWS documents the GitHub claim keys for the issuer ${GITHUB_ISSUER} only, so with `
      + `${props.host !== undefined ? 'host' : 'enterpriseSlug'} they would never match; pin with the subject instead (subjectClaimKeys)`);
  }
}

/** The props that become claim conditions (beside aud and sub). */
function claimPinProps(props: GitHubActionsProviderProps): string[] {
  const given: Array<[string, unknown]> = [
    ['repositoryId', props.repositoryId], ['jobWorkflowRefs', props.jobWorkflowRefs?.length], ['actors', props.actors?.length],
    ['actorIds', props.actorIds?.length], ['enterpriseId', props.enterpriseId],
  ];
  return given.filter(([, value]) => value).map(([prop]) => prop);
}

/** The claim conditions IAM ANDs with aud and sub: the immutable repository id, reusable workflows, actors, enterprise. */
function claimPins(props: GitHubActionsProviderProps): ClaimTest[] {
  const tests: ClaimTest[] = [];
  if (props.repositoryId !== undefined) tests.push({ claim: 'repository_id', values: [props.repositoryId] });
  if (props.jobWorkflowRefs?.length) tests.push({ claim: 'job_workflow_ref', values: props.jobWorkflowRefs });
  if (props.actors?.length) tests.push({ claim: 'actor', values: props.actors });
  if (props.actorIds?.length) tests.push({ claim: 'actor_id', values: props.actorIds });
  if (props.enterpriseId !== undefined) tests.push({ claim: 'enterprise_id', values: [props.enterpriseId] });
  return tests;
}

/** The contexts of the default subject: a branch, environment or tag, or pull_request; any (`*`) when only claims filter. */
function contexts(props: GitHubActionsProviderProps): string[] {
  const found = [
    ...(props.branches ?? []).map((branch) => `ref:refs/heads/${branch}`),
    ...(props.environments ?? []).map((environment) => `environment:${environment}`),
    ...(props.tags ?? []).map((tag) => `ref:refs/tags/${tag}`),
    ...(props.pullRequests ? ['pull_request'] : []),
  ];
  return found.length > 0 ? found : ['*'];
}

/** GitHub's default subject: repo:OWNER/REPO:<context>. */
function defaultSubjects(props: GitHubActionsProviderProps): string[] {
  return contexts(props).map((context) => `repo:${props.owner}/${props.repository}:${context}`);
}

/**
 * The subjects of a customized template: for each key in order its values from the props (`key:value`, or the
 * context as it is), every combination. A key the props cannot fill is an error that names the prop it needs.
 */
function customSubjects(props: GitHubActionsProviderProps, errors: PropErrors): string[] {
  const keys = props.subjectClaimKeys!;
  errors.refuseListTokenElements('provider.subjectClaimKeys', keys, 'the keys decide the subject CDK writes at synth; give them');
  if (keys.length === 0) errors.add('provider.subjectClaimKeys', keys, 'give the keys of your subject template, in order, such as [\'repository_owner_id\', \'repository_id\', \'context\']');
  let subjects = [''];
  for (const key of literalValues(keys)) {
    const parts = subjectParts(props, key, errors);
    subjects = subjects.flatMap((prefix) => parts.map((part) => (prefix ? `${prefix}:${part}` : part)));
  }
  const filters: Array<[string, unknown, string[]]> = [
    ['branches', props.branches?.length, ['context', 'ref']], ['tags', props.tags?.length, ['context', 'ref']],
    ['environments', props.environments?.length, ['context', 'environment']], ['pullRequests', props.pullRequests, ['context']],
  ];
  for (const [prop, given, carriers] of filters) {
    if (given && !keys.some((key) => carriers.includes(key))) {
      errors.add(`provider.${prop}`, (props as unknown as Record<string, unknown>)[prop], `the subject template has no ${carriers.join(' or ')} key to carry it; `
        + 'add the key to the template (and to subjectClaimKeys), or leave the filter out');
    }
  }
  if (!keys.some((key) => ['repo', 'repository', 'repository_id'].includes(key)) && props.repositoryId === undefined) {
    errors.add('provider.subjectClaimKeys', keys, 'the template pins no repository (repo, repository or repository_id), so give repositoryId: '
      + 'it is then pinned by the repository_id claim');
  }
  return subjects;
}

/** The parts one key of a customized subject contributes (`key:value` each, or the context as it is). */
function subjectParts(props: GitHubActionsProviderProps, key: string, errors: PropErrors): string[] {
  const needs = (prop: string, value: string | undefined): string[] => {
    if (value === undefined) errors.add(`provider.${prop}`, undefined, `the subject template's key ${key} needs it`);
    return [`${key}:${value ?? ''}`];
  };
  switch (key) {
    case 'repo':
    case 'repository': return [`${key}:${props.owner}/${props.repository}`];
    case 'repository_owner': return [`${key}:${props.owner}`];
    case 'repository_owner_id': return needs('ownerId', props.ownerId);
    case 'repository_id': return needs('repositoryId', props.repositoryId);
    case 'context': return contexts(props);
    case 'environment': return props.environments?.length ? props.environments.map((environment) => `environment:${environment}`) : ['environment:*'];
    case 'ref': return refs(props);
    case 'job_workflow_ref': return props.jobWorkflowRefs?.length ? props.jobWorkflowRefs.map((ref) => `job_workflow_ref:${ref}`) : ['job_workflow_ref:*'];
    default:
      errors.add('provider.subjectClaimKeys', key, `the props fill in these keys only: ${SUBJECT_KEYS.join(', ')}`);
      return ['*'];
  }
}

function refs(props: GitHubActionsProviderProps): string[] {
  const found = [...(props.branches ?? []).map((branch) => `ref:refs/heads/${branch}`), ...(props.tags ?? []).map((tag) => `ref:refs/tags/${tag}`)];
  return found.length > 0 ? found : ['ref:*'];
}
