import { createHash } from 'crypto';
import { readFileSync } from 'fs';
import { relative, sep } from 'path';
import { Document, isMap, isNode, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import { CheckReport, FileFinding } from './report';
import { PROJECT_URI, ruleHelpUri } from './rules-reference';
import { ruleId } from '../checks/rule';
import { RuleDescription } from '../checks/verdict-rules';
import { TemplatePath } from '../role-model/policy-document';


/** A line and column, 1-based, as SARIF counts them. */
interface Position {
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
    const index = ruleIds.indexOf(finding.ruleId);
    const file = finding.subject?.file ?? finding.file;
    const position = positions.of(file, finding.subject?.path ?? ['Resources', finding.logicalId ?? finding.resource]);
    const uri = relative(baseDirectory, file).split(sep).join('/');
    return {
      ruleId: finding.ruleId,
      ...(index >= 0 ? { ruleIndex: index } : {}),
      level: finding.severity,
      message: { text: finding.message },
      locations: [{
        physicalLocation: { artifactLocation: { uri, uriBaseId: '%SRCROOT%' }, region: { startLine: position.line, startColumn: position.column } },
        logicalLocations: [{ name: finding.resource, kind: 'resource' }],
      }],
      partialFingerprints: { 'cdkIamRolePatterns/v1': fingerprint(finding, relative(baseDirectory, finding.file).split(sep).join('/'), seen) },
    };
  });
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
 * A stable id for a finding across runs, made from the record, never from the message: its rule, the role's file
 * and path, the subject's path and the conditions it holds under. Rewording a message, or moving the statement to
 * another line, keeps it; a second finding of the same rule on the same subject is told apart by its order.
 */
function fingerprint(finding: FileFinding, uri: string, seen: Map<string, number>): string {
  const key = [finding.ruleId, uri, finding.resource, finding.subject?.file ?? '', (finding.subject?.path ?? []).join('\u0001'), finding.when ?? ''].join('\u0000');
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
class NodePositions {
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
