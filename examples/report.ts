/**
 * The role report of the example app: a compact table (role, what it trusts, key conditions, session,
 * alerting, findings) as text for the terminal and as Markdown for a pull-request comment.
 */
import { basename, join } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { IConstruct } from 'constructs';
import { BreakGlassAlerting, RegionalTemplate, RoleSummary, summarizeAlerting, summarizeRole } from './role-summary';
import { acknowledgementsOn } from '../src/acknowledgements';
import { JudgedFinding, Verdict } from '../src/checks/verdict';
import { TEMPLATE_READER } from '../src/cli/load-templates';
import { readable } from '../src/role-model/cfn-value';
import { RoleModel } from '../src/role-model/model';
import { nestedStacks } from '../src/role-model/nested-stacks';
import { isPermissionSet, PERMISSION_SET, permissionSetAssignments } from '../src/role-model/permission-sets';
import { ModelTemplate } from '../src/role-model/template';
import { generatedRequests } from '../src/trust/callers';
import { evaluateTrust } from '../src/trust/evaluate';
import { deployedDocument } from '../src/trust/render';
import { trustDocument } from '../src/trust/statements';

/** One role of the report. */
export interface ReportedRole {
  readonly path: string;
  readonly summary: RoleSummary;
  /** Whether it is an IAM Identity Center permission set (the roles Identity Center makes of it are not in the template). */
  readonly permissionSet: boolean;
  /** For a permission set: who gets it where, from the template's assignments (`group <id> in <account>`). */
  readonly assignedTo?: readonly string[];
  /** For a break-glass role: the regions alerted, the doors watched, whether changes alert. */
  readonly alerting?: BreakGlassAlerting;
  /** Its findings with the verdict on each, as every door gives it. */
  readonly findings: readonly JudgedFinding[];
  /** Its intended callers and near misses, each with the evaluator's decision. */
  readonly whoGetsIn: readonly WhoGetsIn[];
}

/** One generated request to a role, and whether it gets in. */
export interface WhoGetsIn {
  readonly request: string;
  readonly allowed: boolean;
  readonly reason: string;
}

/**
 * Every role of the assembly, nested stacks' included, with its summary, its findings, and the
 * acknowledgements recorded on its construct; read through the role model, as the checks read them.
 */
export function reportRoles(app: IConstruct, assembly: CloudAssembly): ReportedRole[] {
  const constructs = new Map<string, CfnResource>();
  for (const node of app.node.findAll()) {
    if (CfnResource.isCfnResource(node) && (node.cfnResourceType === 'AWS::IAM::Role' || node.cfnResourceType === PERMISSION_SET)) {
      constructs.set(`${join(assembly.directory, node.stack.templateFile)}#${node.stack.resolve(node.logicalId)}`, node);
    }
  }
  const stacks: ModelTemplate[] = assembly.stacks.map((stack) => ({
    file: stack.templateFullPath,
    template: stack.template,
    deployingAccount: stack.environment.account === 'unknown-account' ? undefined : stack.environment.account,
  }));
  const model = new RoleModel([...stacks, ...nestedStacks(stacks, TEMPLATE_READER).templates]);
  const regional = new Map<string, RegionalTemplate>(assembly.stacks.map((stack) => [stack.templateFullPath, {
    region: stack.environment.region === 'unknown-region' ? undefined : stack.environment.region,
    resources: stack.template.Resources ?? {},
  }]));
  const verdict = new Verdict();
  return [...model.roles()].map((modeled) => {
    const resource = constructs.get(`${modeled.template.file}#${modeled.logicalId}`);
    const construct = resource?.node.scope;
    return {
      path: construct?.node.path ?? `${basename(modeled.template.file)}/${modeled.path}`,
      summary: summarizeRole(modeled.variants[0].role),
      permissionSet: isPermissionSet(modeled.template.template, modeled.logicalId),
      assignedTo: isPermissionSet(modeled.template.template, modeled.logicalId)
        ? permissionSetAssignments(modeled.template.template, modeled.logicalId).map(readable) : undefined,
      alerting: summarizeAlerting(modeled.variants[0].role, regional.get(modeled.template.file) ?? { resources: {} }, [...regional.values()]),
      whoGetsIn: whoGetsIn(modeled.variants[0].role.properties.AssumeRolePolicyDocument, modeled.template.deployingAccount),
      findings: verdict.judge(modeled, {
        constructPath: resource?.node.path,
        acknowledged: resource ? acknowledgementsOn(resource) : undefined,
      }).findings,
    };
  });
}

const HEADINGS = ['Role', 'Trusts', 'Key conditions', 'Session', 'Alerting', 'Findings'];

function cells(role: ReportedRole): string[] {
  const open = role.findings.filter((finding) => finding.outcome === 'reported');
  const errors = open.filter((finding) => finding.severity === 'error').length;
  const warnings = open.length - errors;
  const acknowledged = role.findings.length - open.length;
  const findings = [errors && `${errors} error(s)`, warnings && `${warnings} warning(s)`, acknowledged && `${acknowledged} acknowledged`].filter(Boolean).join(', ');
  return [
    role.path,
    role.permissionSet ? permissionSetCell(role.assignedTo ?? []) : role.summary.trusts.join(', ') || '(nobody)',
    role.summary.keyConditions.join(', ') || '-',
    role.summary.maxSession,
    alertingCell(role),
    findings || 'none',
  ];
}

/** Who signs in with a permission set through IAM Identity Center, and where, as its assignments in the template say. */
function permissionSetCell(assignedTo: readonly string[]): string {
  return `IAM Identity Center sign-in: ${assignedTo.length > 0 ? assignedTo.join(', ') : 'no assignment in the template'}`;
}

/** A role's alerting in a few words: the doors, how many regions, whether changes alert. */
function alertingCell(role: ReportedRole): string {
  if (!role.alerting) return role.summary.alerts.length > 0 ? 'AssumeRole alert' : '-';
  const { doors, regions, changes } = role.alerting;
  if (doors.length === 0) return 'none';
  const uses = doors.filter((door) => door !== 'changes').join('+');
  return `${uses} in ${regions.length} region(s)${changes ? ', changes' : ''}`;
}

/** Each break-glass role's alerting in full, for the Markdown report. */
function alertingDetails(roles: ReportedRole[]): string[] {
  return roles.filter((role) => role.alerting).map((role) => {
    const { doors, regions, changes } = role.alerting!;
    return `- ${role.path}: regions alerted: ${regions.join(', ') || 'none known at synth'}; doors watched: ${doors.join(', ') || 'none'}; `
      + `changes to the role: ${changes ? 'alerted' : 'not alerted'}`;
  });
}

function details(roles: ReportedRole[]): string[] {
  return roles.flatMap((role) => role.findings.map((finding) => {
    const label = finding.outcome === 'acknowledged' ? `acknowledged (${finding.reason})` : finding.outcome === 'summarized' ? 'aws-cdk-lib helper' : finding.severity;
    return `${role.path}: ${label} ${finding.ruleId}: ${finding.message}`;
  }));
}

/** The report as an aligned text table, then one line per finding. */
export function textReport(roles: ReportedRole[]): string {
  const rows = [HEADINGS, ...roles.map(cells)];
  const widths = HEADINGS.map((_, column) => Math.min(60, Math.max(...rows.map((row) => row[column].length))));
  const line = (row: string[]) => row.map((cell, column) => (cell.length > widths[column] ? `${cell.slice(0, widths[column] - 1)}…` : cell.padEnd(widths[column]))).join('  ').trimEnd();
  return [line(rows[0]), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.slice(1).map(line), '', ...details(roles)].join('\n').trimEnd();
}

/**
 * Who can get in, proven: the role's intended callers and their near misses, generated from its trust policy, each
 * with the evaluator's decision and the statement that decided.
 */
function whoGetsIn(trust: unknown, account: string | undefined): WhoGetsIn[] {
  // an environment-agnostic stack's account is a stand-in, so the callers of "this account" can be named
  const document = deployedDocument(trust, { account: account ?? '123456789012' });
  return generatedRequests(trustDocument(document)).map(({ request, description }) => {
    const decision = evaluateTrust(document, request);
    return { request: description, allowed: decision.allowed, reason: decision.reason };
  });
}

/** The report as Markdown: the full table, the findings, and who can get in to each role. */
export function markdownReport(roles: ReportedRole[]): string {
  const escape = (cell: string) => cell.replace(/\|/g, '\\|');
  const table = [HEADINGS, HEADINGS.map(() => '---'), ...roles.map(cells)].map((row) => `| ${row.map(escape).join(' | ')} |`);
  const findings = details(roles);
  const who = roles.filter((role) => !role.permissionSet).flatMap((role) => [`### ${role.path}`, '', '| request | decision |', '|---|---|',
    ...role.whoGetsIn.map((entry) => `| ${escape(entry.request)} | ${entry.allowed ? '**allowed**' : 'denied'}: ${escape(entry.reason)} |`), '']);
  const alerting = alertingDetails(roles);
  return ['# IAM roles', '', ...table, '', '## Findings', '', ...(findings.length > 0 ? findings.map((finding) => `- ${finding}`) : ['None.']), '',
    ...(alerting.length > 0 ? ['## Break-glass alerts', '', ...alerting, ''] : []),
    '## Who can get in', '', 'Each role\'s intended callers and their near misses, generated from its trust policy, with the decision of the '
    + 'library\'s trust evaluator (the caller\'s own identity policy taken to allow the call).', '', ...who].join('\n');
}
