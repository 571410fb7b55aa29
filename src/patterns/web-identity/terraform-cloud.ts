import { Construct } from 'constructs';
import { BoundWebIdentityProvider } from './binding';
import { HOST, oidcPrincipal, oidcProviderArn } from './oidc-trust';
import { TerraformCloudProviderProps } from './provider-props';
import { PropErrors } from '../prop-errors';

/*
 * HCP Terraform (HashiCorp docs, "Dynamic credentials with the AWS provider" and "Workload identity"): the issuer is
 * the host (https://app.terraform.io), the default audience aws.workload.identity, the subject
 * organization:<org>:project:<project>:workspace:<workspace>:run_phase:<plan|apply>; project names may hold spaces
 * ("Default Project").
 */
/** A Terraform organization, project or workspace name as it appears in the subject: no `:` (the separator), no wildcard. */
const TERRAFORM_NAME = /^[^:*?]{1,90}$/;
const RUN_PHASES = ['plan', 'apply'];

/** The trust of HCP Terraform runs: every combination of the projects, workspaces and run phases. */
export function bindTerraform(props: TerraformCloudProviderProps, scope: Construct, id: string, errors: PropErrors): BoundWebIdentityProvider {
  const host = props.host ?? 'app.terraform.io';
  const audience = props.audience ?? 'aws.workload.identity';
  errors.checkPattern('provider.host', host, HOST, 'a host name, such as "app.terraform.io" or "tfe.example.com", without https://');
  errors.checkPattern('provider.audience', audience, /^\S{1,255}$/, 'an audience has no spaces, such as "aws.workload.identity"');
  errors.checkPattern('provider.organization', props.organization, TERRAFORM_NAME, 'an organization name, such as "ride-co", without ":" or wildcards');
  for (const prop of ['projects', 'workspaces', 'runPhases'] as const) {
    errors.refuseListTokenElements(`provider.${prop}`, props[prop], 'each value becomes part of a subject CDK writes at synth; give the values');
  }
  for (const project of props.projects ?? []) errors.checkPattern('provider.projects', project, TERRAFORM_NAME, 'a project name, such as "Default Project", without ":" or wildcards');
  for (const workspace of props.workspaces ?? []) errors.checkPattern('provider.workspaces', workspace, TERRAFORM_NAME, 'a workspace name, such as "networking-prod", without ":" or wildcards');
  for (const phase of props.runPhases ?? []) {
    if (!RUN_PHASES.includes(phase)) errors.add('provider.runPhases', phase, 'a run phase is "plan" or "apply"');
  }
  if (!props.projects?.length && !props.workspaces?.length) {
    errors.addConflict('provider.projects, provider.workspaces: give at least one, such as workspaces: [\'networking-prod\']; without them every run of the organization could assume the role');
  }
  const choices = (values: string[] | undefined) => (values?.length ? values : ['*']);
  const subjects = choices(props.projects).flatMap((project) => choices(props.workspaces).flatMap((workspace) =>
    choices(props.runPhases).map((phase) => `organization:${props.organization}:project:${project}:workspace:${workspace}:run_phase:${phase}`)));
  const provider = oidcProviderArn(scope, host, [audience], props);
  return {
    principal: oidcPrincipal(scope, id, provider, host, [{ claim: 'aud', values: [audience] }, { claim: 'sub', values: subjects }]),
    description: `HCP Terraform runs of ${props.organization} (${[...props.workspaces ?? [], ...props.projects ?? []].join(', ')})`,
  };
}
