import { Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

const ANNOTATION_PREFIX = /^annotation::/i;

/** The prefix of CDK's acknowledgement of a validation plugin's rule: `<plugin name>::<rule>`. */
export const PLUGIN_ACKNOWLEDGEMENT_PREFIX = 'cdk-iam-role-patterns::';

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
        // Validations.acknowledge writes `Annotation::<id>`; CDK's plugin form names the rule without our prefix
        const bare = id.startsWith(PLUGIN_ACKNOWLEDGEMENT_PREFIX)
          ? `cdk-iam-role-patterns:${id.slice(PLUGIN_ACKNOWLEDGEMENT_PREFIX.length)}` : id.replace(ANNOTATION_PREFIX, '');
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
