import { createHash } from 'crypto';
import { readFileSync } from 'fs';
import { relative, sep } from 'path';
import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import { CheckReport, FileFinding } from './report';
import { policyNamedIn } from '../checks/engine';
import { ruleId } from '../checks/rule';
import { RuleDescription } from '../checks/verdict-rules';


/** Where the rules are documented: the README's table of rules. */
export const RULES_HELP_URI = 'https://github.com/example/cdk-iam-role-patterns#the-checks';

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
  const positions = new ResourcePositions();
  const results = report.findings.map((finding) => {
    const index = ruleIds.indexOf(finding.ruleId);
    const position = positions.of(finding.file, resourceOf(finding, positions));
    const uri = relative(baseDirectory, finding.file).split(sep).join('/');
    return {
      ruleId: finding.ruleId,
      ...(index >= 0 ? { ruleIndex: index } : {}),
      level: finding.severity,
      message: { text: finding.message },
      locations: [{
        physicalLocation: { artifactLocation: { uri, uriBaseId: '%SRCROOT%' }, region: { startLine: position.line, startColumn: position.column } },
        logicalLocations: [{ name: finding.resource, kind: 'resource' }],
      }],
      partialFingerprints: { 'cdkIamRolePatterns/v1': fingerprint(finding, uri) },
    };
  });
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'cdk-iam-role-patterns', version, informationUri: RULES_HELP_URI.replace(/#.*$/, ''), rules: rules.map(sarifRule) } },
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
    help: { text: `${rule.description} See the README's table of rules for what the rule refuses and how to fix it.` },
    helpUri: `${RULES_HELP_URI}`,
    defaultConfiguration: { level: rule.severity },
  };
}

/** The resource a finding is about: the policy its message names, when it is in the same template, else the role. */
function resourceOf(finding: FileFinding, positions: ResourcePositions): string {
  const logicalId = finding.logicalId ?? finding.resource;
  const policy = policyNamedIn(finding.message);
  return policy !== undefined && positions.has(finding.file, policy) ? policy : logicalId;
}

/** A stable id for a finding across runs: its rule, file, resource and message, not its line. */
function fingerprint(finding: FileFinding, uri: string): string {
  return createHash('sha256').update([finding.ruleId, uri, finding.resource, finding.message].join('\u0000')).digest('hex').slice(0, 32);
}

function pathToFileUri(path: string): string {
  const posix = path.split(sep).join('/');
  return `file://${posix.startsWith('/') ? '' : '/'}${encodeURI(posix)}`;
}

/** The line and column of each resource of each template, read once per file (JSON is read as YAML, which it is). */
class ResourcePositions {
  private readonly files = new Map<string, Map<string, Position>>();

  public has(file: string, logicalId: string): boolean {
    return this.read(file).has(logicalId);
  }

  /** The position of a resource's key under `Resources`, or the file's first line when it cannot be found. */
  public of(file: string, logicalId: string): Position {
    return this.read(file).get(logicalId) ?? { line: 1, column: 1 };
  }

  private read(file: string): Map<string, Position> {
    let found = this.files.get(file);
    if (found) return found;
    found = new Map();
    this.files.set(file, found);
    try {
      const lineCounter = new LineCounter();
      const document = parseDocument(readFileSync(file, 'utf8'), { lineCounter, uniqueKeys: false });
      const resources = isMap(document.contents) ? document.contents.get('Resources', true) : undefined;
      if (!isMap(resources)) return found;
      for (const pair of resources.items) {
        if (!isScalar(pair.key) || pair.key.range === undefined || pair.key.range === null) continue;
        const { line, col } = lineCounter.linePos(pair.key.range[0]);
        found.set(String(pair.key.value), { line, column: col });
      }
    } catch {
      // unreadable here but checked: the finding points at the file
    }
    return found;
  }
}
