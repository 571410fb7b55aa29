import { App, Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { acknowledgedRule, Acknowledgements } from './checks/acknowledgement-ids';

/**
 * The rules acknowledged on a construct or any of its scopes, with their reasons, as recorded by
 * `Validations.of(scope).acknowledge({ id, reason })` (the metadata cdk-nag 3 reads too).
 */
export function acknowledgedRules(scope: IConstruct): Map<string, string> {
  const found = new Map<string, string>();
  for (let current: IConstruct | undefined = scope; current; current = current.node.scope) {
    for (const entry of current.node.metadata) {
      if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY || typeof entry.data !== 'object' || entry.data === null) continue;
      for (const [id, reason] of Object.entries(entry.data as Record<string, unknown>)) {
        const bare = acknowledgedRule(id).ruleId;
        if (!found.has(bare)) found.set(bare, String(reason));
      }
    }
  }
  return found;
}

/**
 * Records an acknowledgement in the same metadata `Validations.acknowledge` writes. Used for ids that
 * `Validations.acknowledge` refuses because they hold more than one `::`, such as cdk-nag's findings on
 * resources whose ARN has a partition token (`AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:...]`).
 */
export function recordAcknowledgement(scope: IConstruct, id: string, reason: string): void {
  scope.node.addMetadata(Validations.ACKNOWLEDGED_RULES_METADATA_KEY, { [id]: reason });
}


/** What CDK records for an acknowledgement made with `Annotations.of(scope).acknowledgeWarning(id)`, which keeps no reason. */
export const ANNOTATION_ACKNOWLEDGEMENT = 'acknowledged with Annotations.of(scope).acknowledgeWarning (CDK keeps no reason)';

/**
 * Every way an app can acknowledge a warning of ours on a role, read the way CDK applies them:
 * `Validations.of(scope).acknowledge({ id, reason })` on the role or a scope above it (metadata cdk-nag reads
 * too); CDK's plugin form `cdk-iam-role-patterns::<Rule>`, which CDK applies to every role of the app wherever it
 * is written (`appWide`); and `Annotations.of(scope).acknowledgeWarning(id)` with the id CDK prints after the
 * warning (`annotation::cdk-iam-role-patterns:<Rule>`) or the rule id alone.
 */
export function acknowledgementsOn(scope: IConstruct, appWide?: ReadonlyMap<string, string>): Acknowledgements {
  const recorded = acknowledgedRules(scope);
  const annotated = annotationAcknowledgements(scope);
  return {
    get(ruleId) {
      const reason = recorded.get(ruleId) ?? appWide?.get(ruleId);
      if (reason !== undefined || !annotated) return reason;
      return annotated(`annotation::${ruleId}`) || annotated(ruleId) ? ANNOTATION_ACKNOWLEDGEMENT : undefined;
    },
  };
}

/** An acknowledgement in CDK's plugin form (`cdk-iam-role-patterns::<Rule>`), where it was written. */
export interface AppWideAcknowledgement {
  readonly ruleId: string;
  readonly reason: string;
  /** The id as written, and the construct path it was written at. */
  readonly id: string;
  readonly at: string;
}

/**
 * The acknowledgements in CDK's plugin form anywhere in the app, found in one walk: CDK suppresses such a
 * violation of the plugin on every construct, so the verdict counts it acknowledged on every role.
 */
export function appWideAcknowledgements(app: IConstruct): AppWideAcknowledgement[] {
  const found: AppWideAcknowledgement[] = [];
  for (const node of app.node.findAll()) {
    for (const entry of node.node.metadata) {
      if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY || typeof entry.data !== 'object' || entry.data === null) continue;
      for (const [id, reason] of Object.entries(entry.data as Record<string, unknown>)) {
        const { ruleId, appWide } = acknowledgedRule(id);
        if (appWide) found.push({ ruleId, reason: String(reason), id, at: node.node.path || '(app)' });
      }
    }
  }
  return found;
}

/** The registry `Annotations.acknowledgeWarning` writes to: one per app, under a global symbol CDK declares for it. */
interface CdkAcknowledgementRegistry {
  /** The ids acknowledged on each construct path (how the registry keeps them today). */
  readonly acks?: unknown;
  /** Whether the id was acknowledged on a scope above the path. */
  has(path: string, id: string): boolean;
}

/**
 * Whether an id was acknowledged with `Annotations.acknowledgeWarning` on the scope or a scope above it; undefined
 * when nothing was. The ids on the scope's paths are gathered once (a pattern's record asks for every rule), from
 * the registry's table when it has one, else by asking it for each id.
 */
function annotationAcknowledgements(scope: IConstruct): ((id: string) => boolean) | undefined {
  const app = App.of(scope) as unknown as Record<symbol, unknown> | undefined;
  const registry = app?.[Symbol.for('@aws-cdk/core.Acknowledgements')] as CdkAcknowledgementRegistry | undefined;
  if (typeof registry?.has !== 'function') return undefined;
  // CDK's registry looks an id up on the scopes above a path, not on the path itself: ask for a child of the scope
  const below = `${scope.node.path}/_`;
  if (!(registry.acks instanceof Map)) return (id) => registry.has(below, id);
  if (registry.acks.size === 0) return undefined;
  const ids = new Set<string>();
  for (let path = scope.node.path; ; path = path.slice(0, path.lastIndexOf('/'))) {
    const here = registry.acks.get(path);
    if (here instanceof Set) for (const id of here) ids.add(String(id));
    if (!path.includes('/')) break;
  }
  return ids.size === 0 ? undefined : (id) => ids.has(id);
}
