import { readFileSync } from 'fs';
import { join, resolve } from 'path';
import {
  CfnResource, IAspect, IPolicyValidationContext, IPolicyValidationPlugin, PolicyValidationPluginReport, PolicyViolation,
  Stack, Stage, Token, Validations,
} from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { acknowledgementsOn, appWideAcknowledgements, AppWideAcknowledgement } from './acknowledgements';
import { Finding } from './checks/engine';
import { RoleCheckLimits } from './checks/limits';
import { NOT_CHECKED, NotCheckedPart, notCheckedMessage, unresolvedAttachmentPart } from './checks/not-checked';
import { RULE_ID_PREFIX, ruleId } from './checks/rule';
import { ALL_RULES } from './checks/rules';
import { JudgedFinding, Summary, Verdict } from './checks/verdict';
import { VERDICT_RULES } from './checks/verdict-rules';
import { TEMPLATE_READER } from './cli/load-templates';
import { DOCUMENTED_RULES } from './cli/rules-reference';
import { closestName } from './closest-name';
import { packageVersion } from './package-version';
import { takeDeferredErrors } from './patterns/role-self-check';
import { SourcedFinding, writeRoleChecksSarif } from './role-checks-sarif';
import { expandLanguageExtensions } from './role-model/language-extensions';
import { RoleModel } from './role-model/model';
import { nestedStacks } from './role-model/nested-stacks';
import { PERMISSION_SET } from './role-model/permission-sets';
import { ModelTemplate, textHints } from './role-model/template';

/** Options of RoleChecks. */
export interface RoleChecksProps {
  /**
   * Limits to check against, when the account's quotas were raised.
   * @default - IAM's default limits
   */
  readonly limits?: RoleCheckLimits;

  /**
   * Rules not to run, by name (`WildcardResource`) or id (`cdk-iam-role-patterns:WildcardResource`).
   * @default - every rule runs
   */
  readonly disabledRules?: string[];

  /**
   * Whether warnings fail the validation like errors (acknowledged warnings still do not), the patterns' own warnings included.
   * @default false
   */
  readonly warningsAsErrors?: boolean;

  /**
   * Whether the roles aws-cdk-lib makes for its own helpers (LogRetention, a bucket's autoDeleteObjects,
   * CfnJson, AwsCustomResource, custom resource providers) are checked like any other role. By default their
   * warnings are summarized in one line per helper, with the reason, instead of one violation per hashed
   * construct id; their errors are always reported. A role counts as a helper's only when its construct path is
   * the helper's and its trust and policies are what the helper writes.
   * @default false
   */
  readonly checkCdkHelperRoles?: boolean;

  /**
   * Whether anything the checks could not read fails the validation: a template macro (`Fn::Transform`, a
   * transform other than SAM), a nested template that is not in the cloud assembly, a policy that names a role in
   * none of the app's templates. Each becomes a `NotChecked` error. Without it, each is listed in the report's
   * metadata and counted in its summary line.
   * @default false
   */
  readonly strict?: boolean;

  /**
   * A file to write the findings to as a SARIF 2.1.0 log (for GitHub code scanning), relative to the working
   * directory. Each result is at the line of the app's source that created the role, or the policy the finding is
   * about (CDK's recorded creation stack, mapped back through source maps when the app runs compiled JavaScript),
   * with the template location as a related location; paths are relative to the repository's root. The file is
   * written on every synth, with no results when nothing was found, so fixed alerts close.
   * @default - no SARIF log
   */
  readonly sarif?: string;
}

/**
 * Runs the role checks on every `AWS::IAM::Role` of an app: roles made with this library, plain `iam.Role`,
 * `CfnRole`, and roles inside third-party constructs.
 *
 * The verdict is made on the synthesized templates, so escape-hatch overrides count. Findings attach to the
 * role's construct path. A warning is acknowledged on the role or any scope above it with
 * `Validations.of(scope).acknowledge({ id: 'cdk-iam-role-patterns:<Rule>', reason })`; the report lists it
 * with its reason. Errors fail `cdk synth`.
 *
 * Use it as a validation plugin, `Validations.of(app).addPlugins(new RoleChecks())`, or as an aspect,
 * `Aspects.of(app).add(new RoleChecks())`, which registers the plugin on the stage it is added to.
 *
 * @example
 * const app = new App();
 * Validations.of(app).addPlugins(new RoleChecks({ warningsAsErrors: true }));
 */
export class RoleChecks implements IPolicyValidationPlugin, IAspect {
  /** The plugin's name in CDK's validation report. */
  public readonly name = 'cdk-iam-role-patterns';

  /** The ids of every rule this plugin runs. */
  public readonly ruleIds?: string[];

  private readonly props: RoleChecksProps;
  private readonly stages = new WeakSet<IConstruct>();

  /** @param props options of the checks */
  constructor(props: RoleChecksProps = {}) {
    refuseUnknownOptions(props);
    const disabled = new Set(props.disabledRules ?? []);
    this.ruleIds = [...ALL_RULES, ...VERDICT_RULES, ...props.strict ? [NOT_CHECKED] : []]
      .filter((rule) => !disabled.has(rule.name) && !disabled.has(ruleId(rule))).map(ruleId);
    this.props = { ...props };
  }

  /**
   * Registers this plugin on the stage of the construct the aspect was added to (once).
   * @param node a construct the aspect visits
   */
  public visit(node: IConstruct): void {
    const stage = Stage.isStage(node) ? node : Stage.of(node);
    if (!stage) return;
    for (let scope: IConstruct | undefined = stage; scope; scope = scope.node.scope) {
      if (this.stages.has(scope)) return;
    }
    this.stages.add(stage);
    Validations.of(stage).addPlugins(this);
  }

  /**
   * Checks every role in the synthesized templates (CDK calls it during synthesis).
   * @param context the templates and the app
   */
  public validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    const { resources, stacks } = iamResourcesByTemplate(context.appConstruct);
    const pluginForm = appWideAcknowledgements(context.appConstruct);
    const appWide = new Map<string, string>();
    for (const { ruleId: id, reason } of pluginForm) if (!appWide.has(id)) appWide.set(id, reason);
    const verdict = new Verdict({ ...this.props, limits: { ...this.props.limits } });
    const violations: PolicyViolation[] = [];
    const metadata: Record<string, string> = {};
    let roles = 0;
    let acknowledgedWarnings = 0;
    const helpers = new HelperSummary();
    const sourced: SourcedFinding[] = [];
    const { model, notFound } = appRoleModel(context.templatePaths);
    for (const modeled of model.roles()) {
      roles++;
      const templatePath = modeled.template.file;
      const construct = resources.get(roleKey(templatePath, modeled.logicalId));
      const judged = verdict.judge(modeled, {
        deployingAccount: accountOf(construct),
        constructPath: construct?.node.path,
        acknowledged: construct ? acknowledgementsOn(construct, appWide) : appWide,
      });
      for (const finding of judged.findings) {
        if (finding.outcome === 'acknowledged') {
          acknowledgedWarnings++;
          metadata[`acknowledged ${construct?.node.path ?? modeled.path} ${finding.ruleId}`] = finding.reason!;
        } else if (finding.outcome === 'summarized') {
          helpers.add(finding.summary!, construct?.node.path ?? modeled.path);
        } else {
          violations.push(violationOf(finding, templatePath, modeled.logicalId));
          const madeBy = subjectResource(finding, templatePath, resources) ?? construct;
          sourced.push({ finding, templatePath, logicalId: modeled.logicalId, constructPath: construct?.node.path, madeBy });
        }
      }
    }
    for (const deferred of deferredErrorsOf(stacks, context.templatePaths, sourced)) {
      violations.push(violationOf(deferred.finding, deferred.templatePath, deferred.logicalId));
      sourced.push(deferred);
    }
    if (this.props.sarif !== undefined) writeRoleChecksSarif(this.props.sarif, sourced, DOCUMENTED_RULES, packageVersion());
    const notChecked = [...notFound, ...model.notes, ...model.unresolvedAttachments.map(unresolvedAttachmentPart)];
    const notCheckedLines: Record<string, string> = {};
    if (this.props.strict && !this.props.disabledRules?.some((rule) => rule === NOT_CHECKED.name || rule === ruleId(NOT_CHECKED))) {
      violations.push(...notChecked.map(notCheckedViolation));
    } else {
      notChecked.forEach((part, i) => { notCheckedLines[`not checked ${i + 1}`] = `${part.file}: ${part.message}`; });
    }
    const helperLines = helpers.lines();
    Object.assign(metadata, appWideNotes(pluginForm), helperLines, notCheckedLines);
    metadata.summary = summaryLine(roles, violations, acknowledgedWarnings, notChecked.length);
    // CDK prints a report's metadata only when it has violations; a clean run says it ran in this one line, and what it did not read
    if (violations.length === 0) {
      console.error([metadata.summary, ...Object.entries({ ...helperLines, ...notCheckedLines }).map(([kind, line]) => `  ${kind}: ${line}`)].join('\n'));
    }
    return { success: violations.every((violation) => !FAILING_SEVERITIES.has(violation.severity ?? '')), violations, metadata };
  }
}

/**
 * A finding as a violation of CDK's report. Its rule is named without the prefix, which the report's source
 * already names, so CDK's own hint reads `cdk-iam-role-patterns::<Rule>`. An error is `fatal`: the
 * severity no acknowledgement suppresses in CDK's report (an error of this library is never acknowledged).
 * A warning that fails (`warningsAsErrors`) is `error`. A warning's fix is the acknowledgement the README shows, on the role.
 */
function violationOf(finding: JudgedFinding, templatePath: string, logicalId: string): PolicyViolation {
  const nested = finding.resource === logicalId ? '' : ` [${finding.resource}]`;
  const isError = finding.severity === 'error';
  return {
    ruleName: finding.ruleId.slice(RULE_ID_PREFIX.length + 1),
    description: `${finding.message}${nested}`,
    severity: isError ? 'fatal' : finding.fails ? 'error' : 'warning',
    fix: isError ? undefined : 'Change the role, or acknowledge the warning on the role with the reason: '
      + `Validations.of(role).acknowledge({ id: '${finding.ruleId}', reason: '...' })`,
    violatingResources: [violatingResource(finding, templatePath, logicalId)],
  };
}

/**
 * Where a finding is, in CDK's terms: always the role (where it is acknowledged), at the property path of its
 * subject when the subject is in the role itself (`Properties.AssumeRolePolicyDocument.Statement.0`), the way the
 * CLI and SARIF locate it; a statement of another policy resource is named in the message.
 */
function violatingResource(finding: JudgedFinding, templatePath: string, logicalId: string): PolicyViolation['violatingResources'][number] {
  const path = finding.subject?.path;
  const inRole = path !== undefined && finding.subject?.file === undefined && path[0] === 'Resources' && path[1] === logicalId && path.length > 2;
  return { resourceLogicalId: logicalId, templatePath, locations: [inRole ? path.slice(2).join('.') : 'Properties'] };
}

/** A part that was not checked, as strict mode's error at its resource (or at the template, for a transform). */
function notCheckedViolation(part: NotCheckedPart): PolicyViolation {
  return {
    ruleName: NOT_CHECKED.name,
    description: notCheckedMessage(part),
    severity: 'error',
    fix: NOT_CHECKED.docs.fix,
    violatingResources: [{ templatePath: part.file, resourceLogicalId: part.resource?.split('/').pop(), locations: [part.resource === undefined ? 'Resources' : 'Properties'] }],
  };
}

/**
 * The findings summarized instead of listed, one line per kind with the reason: the warnings on aws-cdk-lib's helper
 * roles, and the findings on AWS managed service-role policies of roles only an AWS service can assume.
 */
class HelperSummary {
  private readonly byKind = new Map<string, { reason: string; roles: Set<string>; findings: number }>();

  public add(summary: Summary, path: string): void {
    const entry = this.byKind.get(summary.kind) ?? { reason: summary.reason, roles: new Set<string>(), findings: 0 };
    entry.roles.add(path);
    entry.findings++;
    this.byKind.set(summary.kind, entry);
  }

  public lines(): Record<string, string> {
    const lines: Record<string, string> = {};
    for (const [kind, { reason, roles, findings }] of this.byKind) {
      if (kind.startsWith(AWS_MANAGED_KIND)) {
        lines[kind] = `${findings} finding(s) on ${roles.size} role(s) not listed: ${reason}`;
      } else {
        lines[`aws-cdk-lib helper ${kind}`] = `${findings} warning(s) on ${roles.size} role(s) not listed: ${reason} `
          + '(RoleChecks({ checkCdkHelperRoles: true }) reports them like any other role\'s)';
      }
    }
    return lines;
  }
}

const AWS_MANAGED_KIND = 'AWS managed policy ';

/** RoleChecks' options, each once: the compiler checks the list against RoleChecksProps. */
const OPTIONS: Readonly<Record<keyof Required<RoleChecksProps>, true>> = {
  limits: true, disabledRules: true, warningsAsErrors: true, checkCdkHelperRoles: true, strict: true, sarif: true,
};

/** Refuses an option RoleChecks does not have (a misspelt one, from plain JavaScript), naming the closest it has. */
function refuseUnknownOptions(props: RoleChecksProps): void {
  const unknown = Object.keys(props ?? {}).filter((key) => (props as Record<string, unknown>)[key] !== undefined && !(key in OPTIONS));
  if (unknown.length === 0) return;
  const named = unknown.map((key) => {
    const closest = closestName(key, Object.keys(OPTIONS));
    return `\`${key}\` is not an option of RoleChecks${closest === undefined ? '' : `; did you mean \`${closest}\`?`}`;
  });
  throw new Error(`${named.join('\n')}\nThe options are: ${Object.keys(OPTIONS).join(', ')}.`);
}

/** The severities that fail the validation. */
const FAILING_SEVERITIES: ReadonlySet<string> = new Set(['fatal', 'error']);

/** One line that says the checks ran and what they found, for the report's metadata (shown even when nothing was found). */
function summaryLine(roles: number, violations: readonly PolicyViolation[], acknowledged: number, notChecked: number): string {
  const count = (severities: string[]) => violations.filter((violation) => severities.includes(violation.severity ?? '')).length;
  const unread = violations.filter((violation) => violation.ruleName === NOT_CHECKED.name).length;
  return `cdk-iam-role-patterns RoleChecks: ${roles} role(s) checked, ${count(['fatal'])} error(s), ${count(['error', 'warning']) - unread} warning(s), `
    + `${acknowledged} warning(s) acknowledged${notChecked > 0 ? `, ${notChecked} part(s) not checked` : ''}`;
}

/**
 * Acknowledgements in CDK's plugin form (`cdk-iam-role-patterns::<Rule>`), which CDK applies to every role of
 * the app, whichever construct holds them: each is listed with what it does, so nobody mistakes it for one role's.
 */
function appWideNotes(found: readonly AppWideAcknowledgement[]): Record<string, string> {
  const notes: Record<string, string> = {};
  for (const { id, at, ruleId: acknowledged } of found) {
    notes[`app-wide acknowledgement ${id} at ${at}`] = 'CDK applies this form to every role of the app: it silences that warning everywhere '
      + `(never an error). To acknowledge one role, use Validations.of(role).acknowledge({ id: '${acknowledged}', reason }).`;
  }
  return notes;
}

/**
 * The role model of an app's synthesized templates: every stack's, and every nested stack's (CDK writes
 * those beside the stacks and names them in the asset manifests), with references across stacks followed.
 */
function appRoleModel(templatePaths: readonly string[]): { model: RoleModel; notFound: readonly NotCheckedPart[] } {
  const unexpanded: NotCheckedPart[] = [];
  const stacks: ModelTemplate[] = templatePaths.map((file) => {
    const text = readFileSync(file, 'utf8');
    const { template, notes } = expandLanguageExtensions(JSON.parse(text));
    unexpanded.push(...notes.map((message) => ({ file, message })));
    return { file, template, ...textHints(text) };
  });
  const nested = nestedStacks(stacks, TEMPLATE_READER);
  const nestedFiles = new Set(nested.templates.map((template) => resolve(template.file)));
  const model = new RoleModel([...stacks.filter((stack) => !nestedFiles.has(resolve(stack.file))), ...nested.templates]);
  return { model, notFound: [...unexpanded, ...nested.notFound] };
}

/** The key of a role in a template: the template's absolute path and the role's logical id. */
function roleKey(templatePath: string, logicalId: string): string {
  return `${resolve(templatePath)}#${logicalId}`;
}

/**
 * Every IAM resource construct of the app (roles, the policies that reach them, and Identity Center permission
 * sets), by template path and logical id, and every stack, found in one walk of the tree (templates carry
 * construct paths only when the CDK CLI turns path metadata on).
 */
function iamResourcesByTemplate(app: IConstruct): { resources: Map<string, CfnResource>; stacks: Stack[] } {
  const resources = new Map<string, CfnResource>();
  const stacks: Stack[] = [];
  for (const node of app.node.findAll()) {
    if (Stack.isStack(node)) stacks.push(node);
    if (!CfnResource.isCfnResource(node) || !(node.cfnResourceType.startsWith('AWS::IAM::') || node.cfnResourceType === PERMISSION_SET)) continue;
    const key = templateKeyOf(node);
    if (key !== undefined) resources.set(roleKey(key, node.stack.resolve(node.logicalId)), node);
  }
  return { resources, stacks };
}

/** The template file a construct's stack writes, when its stage has an output folder. */
function templateKeyOf(node: IConstruct): string | undefined {
  const stack = Stack.of(node);
  const outdir = Stage.of(stack)?.outdir;
  return outdir === undefined ? undefined : join(outdir, stack.templateFile);
}

/** The policy resource a finding's statement is in, when it is another resource of the role's template. */
function subjectResource(finding: Finding, templatePath: string, resources: ReadonlyMap<string, CfnResource>): CfnResource | undefined {
  const path = finding.subject?.file === undefined ? finding.subject?.path : undefined;
  return path?.[0] === 'Resources' && typeof path[1] === 'string' ? resources.get(roleKey(templatePath, path[1])) : undefined;
}

/**
 * The errors the app's pattern roles left for RoleChecks to report (see the self-check), in the templates of this
 * validation, each once: one RoleChecks found itself on the same role and subject is not repeated.
 */
function deferredErrorsOf(stacks: readonly Stack[], templatePaths: readonly string[], found: readonly SourcedFinding[]): SourcedFinding[] {
  const inValidation = new Set(templatePaths.map((path) => resolve(path)));
  const keyOf = (templatePath: string, logicalId: string, finding: Finding) =>
    [resolve(templatePath), logicalId, finding.ruleId, (finding.subject?.path ?? []).join('.')].join('|');
  const known = new Set(found.map(({ templatePath, logicalId, finding }) => keyOf(templatePath, logicalId, finding)));
  const deferred: SourcedFinding[] = [];
  for (const stack of stacks) {
    const templatePath = templateKeyOf(stack);
    if (templatePath === undefined || !inValidation.has(resolve(templatePath))) continue;
    for (const { role, finding, message } of takeDeferredErrors(stack)) {
      const logicalId = stack.resolve(role.logicalId);
      const key = keyOf(templatePath, logicalId, finding);
      if (known.has(key)) continue;
      known.add(key);
      deferred.push({ finding: { ...finding, message }, templatePath, logicalId, constructPath: role.node.path, madeBy: role });
    }
  }
  return deferred;
}

function accountOf(construct: IConstruct | undefined): string | undefined {
  if (!construct) return undefined;
  const account = Stack.of(construct).account;
  return Token.isUnresolved(account) ? undefined : account;
}
