import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { ACKNOWLEDGED_RULES_METADATA, acknowledgedRule } from '../checks/acknowledgement-ids';
import { isObject } from '../role-model/cfn-value';

/**
 * What a cloud assembly records of a stack's constructs, besides its template: each resource's construct path
 * (the `aws:cdk:logicalId` entries; a template holds `aws:cdk:path` only when path metadata is on) and the
 * acknowledgements made on each construct (`Validations.of(scope).acknowledge`). With them the CLI gives a role of
 * `cdk.out` the verdict RoleChecks gives it in the app: the same helper roles, the same acknowledged warnings.
 */
export class ConstructMetadata {
  /** Reads a stack artifact's metadata: inline (`metadata`) and in its `additionalMetadataFile`. */
  public static ofArtifact(directory: string, artifact: StackArtifactMetadata): ConstructMetadata {
    const entries: Record<string, unknown> = isObject(artifact.metadata) ? { ...artifact.metadata } : {};
    const file = artifact.additionalMetadataFile ? join(directory, artifact.additionalMetadataFile) : undefined;
    if (file && existsSync(file)) {
      try {
        const extra = JSON.parse(readFileSync(file, 'utf8'));
        if (isObject(extra)) for (const path of Object.keys(extra)) entries[path] = [...asList(entries[path]), ...asList(extra[path])];
      } catch {
        // a metadata file that cannot be read leaves the roles with no acknowledgements: they are reported, not hidden
      }
    }
    return new ConstructMetadata(entries);
  }

  private readonly pathsByLogicalId = new Map<string, string>();
  private readonly acknowledgedByPath = new Map<string, Map<string, string>>();
  /** Acknowledgements in CDK's plugin form, which CDK applies to every construct of the app. */
  public readonly appWide = new Map<string, string>();

  private constructor(entries: Record<string, unknown>) {
    for (const rawPath of Object.keys(entries)) {
      const path = rawPath.replace(/^\//, '');
      for (const entry of asList(entries[rawPath])) {
        if (!isObject(entry)) continue;
        if (entry.type === 'aws:cdk:logicalId' && typeof entry.data === 'string') this.pathsByLogicalId.set(entry.data, path);
        if (entry.type === ACKNOWLEDGED_RULES_METADATA && isObject(entry.data)) this.addAcknowledgements(path, entry.data);
      }
    }
  }

  /** The construct path of a resource of the stack's template. */
  public constructPathOf(logicalId: string): string | undefined {
    return this.pathsByLogicalId.get(logicalId);
  }

  /** The acknowledgement of a rule on a construct or any scope above it, as CDK applies them; undefined when none. */
  public acknowledgedOn(path: string, ruleId: string, appWide: ReadonlyMap<string, string>): string | undefined {
    for (let scope = path; ; scope = scope.slice(0, scope.lastIndexOf('/'))) {
      const reason = this.acknowledgedByPath.get(scope)?.get(ruleId);
      if (reason !== undefined) return reason;
      if (!scope.includes('/')) break;
    }
    return appWide.get(ruleId);
  }

  private addAcknowledgements(path: string, data: Record<string, unknown>): void {
    let here = this.acknowledgedByPath.get(path);
    if (!here) this.acknowledgedByPath.set(path, here = new Map());
    for (const id of Object.keys(data)) {
      const { ruleId, appWide } = acknowledgedRule(id);
      const reason = String(data[id]);
      if (!here.has(ruleId)) here.set(ruleId, reason);
      if (appWide && !this.appWide.has(ruleId)) this.appWide.set(ruleId, reason);
    }
  }
}

/** Where a stack artifact of the manifest keeps its constructs' metadata. */
interface StackArtifactMetadata {
  readonly metadata?: unknown;
  readonly additionalMetadataFile?: string;
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
