import { createHash } from 'crypto';
import { readFileSync } from 'fs';
import { relative, sep } from 'path';
import { Document, isMap, isNode, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import { CheckReport } from './report';
import { PROJECT_URI, ruleHelpUri } from './rules-reference';
import { Finding } from '../checks/engine';
import { ruleId } from '../checks/rule';
import { RuleDescription } from '../checks/verdict-rules';
import { TemplatePath } from '../role-model/policy-document';


/** A line and column, 1-based, as SARIF counts them. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/**
 * The report as one SARIF 2.1.0 log (OASIS, "Static Analysis Results Interchange Format"), for GitHub code scanning
 * and the other tools that read it: the tool with every rule, and one result per finding at the line of its role's
 * resource (or of the policy the finding is about) in its template, relative to `baseDirectory`.
 */
export function formatSarif(report: CheckReport, rules: readonly RuleDescription[], version: string, baseDirectory: string): string {
  const ruleIds = rules.map(ruleId);
  const positions = new NodePositions();
  const seen = new Map<string, number>();
  const results = report.findings.map((finding) => {
    const file = finding.subject?.file ?? finding.file;
    const position = positions.of(file, finding.subject?.path ?? ['Resources', finding.logicalId ?? finding.resource]);
    const key = [finding.ruleId, relativeUri(baseDirectory, finding.file), finding.resource, finding.subject?.file ?? '',
      (finding.subject?.path ?? []).join('\u0001'), finding.when ?? ''];
    return {
      ...resultHead(finding, ruleIds),
      locations: [{ ...physicalLocation(baseDirectory, file, position), logicalLocations: [{ name: finding.resource, kind: 'resource' }] }],
      partialFingerprints: { 'cdkIamRolePatterns/v1': fingerprint(key, seen) },
    };
  });
  return sarifLog(rules, version, baseDirectory, results);
}

/** A SARIF log of one run of this tool: every rule, and the results, with paths relative to `baseDirectory`. */
export function sarifLog(rules: readonly RuleDescription[], version: string, baseDirectory: string, results: readonly object[]): string {
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'cdk-iam-role-patterns', version, informationUri: PROJECT_URI, rules: rules.map(sarifRule) } },
      originalUriBaseIds: { '%SRCROOT%': { uri: `${pathToFileUri(baseDirectory)}/` } },
      results,
    }],
  };
  return JSON.stringify(log, undefined, 2);
}

/** A result's rule, level and message. */
export function resultHead(finding: Finding, ruleIds: readonly string[]) {
  const index = ruleIds.indexOf(finding.ruleId);
  return { ruleId: finding.ruleId, ...(index >= 0 ? { ruleIndex: index } : {}), level: finding.severity, message: { text: finding.message } };
}

/** A SARIF physical location: the file, relative to the base directory, and the line and column. */
export function physicalLocation(baseDirectory: string, file: string, position: Position) {
  return {
    physicalLocation: {
      artifactLocation: { uri: relativeUri(baseDirectory, file), uriBaseId: '%SRCROOT%' },
      region: { startLine: position.line, startColumn: position.column },
    },
  };
}

/** A file's path relative to the base directory, with forward slashes, as SARIF's URIs are written. */
export function relativeUri(baseDirectory: string, file: string): string {
  return relative(baseDirectory, file).split(sep).join('/');
}

function sarifRule(rule: RuleDescription) {
  return {
    id: ruleId(rule),
    name: rule.name,
    shortDescription: { text: rule.description },
    fullDescription: { text: rule.description },
    help: { text: `${rule.description} Why it matters: ${rule.docs.why} How to fix: ${rule.docs.fix}` },
    helpUri: ruleHelpUri(rule),
    defaultConfiguration: { level: rule.severity },
  };
}

/**
 * A stable id for a finding across runs, made from the record, never from the message: its rule, where the role
 * is, the subject's path and the conditions it holds under. Rewording a message, or moving the statement to
 * another line, keeps it; a second finding with the same key is told apart by its order.
 */
export function fingerprint(keyParts: readonly string[], seen: Map<string, number>): string {
  const key = keyParts.join('\u0000');
  const ordinal = seen.get(key) ?? 0;
  seen.set(key, ordinal + 1);
  return createHash('sha256').update(`${key}\u0000${ordinal}`).digest('hex').slice(0, 32);
}

function pathToFileUri(path: string): string {
  const posix = path.split(sep).join('/');
  return `file://${posix.startsWith('/') ? '' : '/'}${encodeURI(posix)}`;
}

/**
 * The line and column of a node of a template, found by its path (JSON is read as YAML, which it is); each file
 * is parsed once. A path that goes further than the file (into a policy written as a JSON string, or a SAM
 * role the transform creates) stops at the deepest node the file has; a key's position is its own line.
 */
export class NodePositions {
  private readonly files = new Map<string, Document | undefined>();
  private readonly counters = new Map<string, LineCounter>();

  public of(file: string, path: TemplatePath): Position {
    const document = this.read(file);
    const counter = this.counters.get(file);
    if (!document || !counter) return FIRST_LINE;
    let node: unknown = document.contents;
    let offset: number | undefined;
    for (const step of path) {
      const next = childOf(node, step);
      if (!next) break;
      node = next.node;
      offset = next.offset ?? offset;
    }
    if (offset === undefined) return FIRST_LINE;
    const { line, col } = counter.linePos(offset);
    return { line, column: col };
  }

  private read(file: string): Document | undefined {
    if (this.files.has(file)) return this.files.get(file);
    let document: Document | undefined;
    try {
      const lineCounter = new LineCounter();
      document = parseDocument(readFileSync(file, 'utf8'), { lineCounter, uniqueKeys: false });
      this.counters.set(file, lineCounter);
    } catch {
      // unreadable here but checked: the finding points at the file
    }
    this.files.set(file, document);
    return document;
  }
}

const FIRST_LINE: Position = { line: 1, column: 1 };

/** A map's value by key (at the key's position) or a sequence's item by index (at the item's). */
function childOf(node: unknown, step: string | number): { node: unknown; offset?: number } | undefined {
  if (isMap(node) && typeof step === 'string') {
    const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === step);
    return pair ? { node: pair.value, offset: isScalar(pair.key) ? pair.key.range?.[0] : undefined } : undefined;
  }
  if (isSeq(node) && typeof step === 'number') {
    const item = node.items[step];
    return item ? { node: item, offset: isNode(item) ? item.range?.[0] : undefined } : undefined;
  }
  return undefined;
}
