import { existsSync, mkdirSync, writeFileSync } from 'fs';
import { dirname, join, resolve } from 'path';
import { CfnElement } from 'aws-cdk-lib';
import { ruleId } from './checks/rule';
import { JudgedFinding } from './checks/verdict';
import { RuleDescription } from './checks/verdict-rules';
import { fingerprint, NodePositions, physicalLocation, relativeUri, resultHead, sarifLog } from './cli/sarif';
import { framePosition, SourceMaps, SourcePosition } from './source-positions';
import { firstUserFrame } from './user-frames';

/** A finding RoleChecks reported, with where it is in the template and which construct made its subject. */
export interface SourcedFinding {
  readonly finding: JudgedFinding;
  /** The template the role is in, and the role's logical id there. */
  readonly templatePath: string;
  readonly logicalId: string;
  /** The role's construct path, when the app holds it. */
  readonly constructPath?: string;
  /** The construct that made the finding's subject: the policy its statement is in, else the role. */
  readonly madeBy?: CfnElement;
}

/** How deep to look for the repository's root above the working directory. */
const MAX_FOLDER_DEPTH = 64;

/**
 * RoleChecks' findings as a SARIF 2.1.0 log whose results point at the app's own source: the line of the user's
 * code that created the role or the policy the finding is about (the first frame of CDK's recorded creation stack
 * that is not a library's), mapped back through the compiled file's source map when the app runs compiled
 * JavaScript. The template location is a related location. A construct with no recorded stack (CDK's
 * `@aws-cdk/core:disableCreationStackTraces`, or `CDK_DISABLE_STACK_TRACE`) is located in the template. Paths are
 * relative to the repository that holds the working directory (its `.git`), else to the working directory, so
 * GitHub code scanning opens the committed file.
 */
export function writeRoleChecksSarif(file: string, findings: readonly SourcedFinding[], rules: readonly RuleDescription[], version: string): void {
  const base = repositoryRoot(process.cwd());
  const ruleIds = rules.map(ruleId);
  const templates = new NodePositions();
  const sourceMaps = new SourceMaps();
  const seen = new Map<string, number>();
  const results = findings.map(({ finding, templatePath, logicalId, constructPath, madeBy }) => {
    const templateFile = finding.subject?.file ?? templatePath;
    const inTemplate = physicalLocation(base, templateFile, templates.of(templateFile, finding.subject?.path ?? ['Resources', logicalId]));
    const source = madeBy ? sourcePosition(madeBy, sourceMaps) : undefined;
    const logical = [{ name: constructPath ?? finding.resource, kind: 'resource' }];
    const key = [finding.ruleId, constructPath ?? `${relativeUri(base, templatePath)}#${logicalId}`, (finding.subject?.path ?? []).join('\u0001'), finding.when ?? ''];
    return {
      ...resultHead(finding, ruleIds),
      locations: [{ ...(source ? physicalLocation(base, source.file, source) : inTemplate), logicalLocations: logical }],
      ...(source ? { relatedLocations: [{ id: 1, ...inTemplate, message: { text: 'where the synthesized template holds it' } }] } : {}),
      partialFingerprints: { 'cdkIamRolePatterns/v1': fingerprint(key, seen) },
    };
  });
  const path = resolve(file);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, sarifLog(rules, version, base, results));
}

/** The user's source line that created a construct, mapped to its source; undefined when CDK recorded none. */
function sourcePosition(element: CfnElement, sourceMaps: SourceMaps): SourcePosition | undefined {
  const frame = firstUserFrame(element.creationStack);
  const position = frame === undefined ? undefined : framePosition(frame);
  return position && sourceMaps.original(position);
}

/** The folder above `start` that holds `.git`, else `start`. */
function repositoryRoot(start: string): string {
  let folder = resolve(start);
  for (let depth = 0; depth < MAX_FOLDER_DEPTH; depth++) {
    if (existsSync(join(folder, '.git'))) return folder;
    const parent = dirname(folder);
    if (parent === folder) break;
    folder = parent;
  }
  return resolve(start);
}
