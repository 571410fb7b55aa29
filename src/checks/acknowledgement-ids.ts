import { RULE_ID_PREFIX } from './rule';

/** The metadata type CDK records acknowledgements under (`Validations.ACKNOWLEDGED_RULES_METADATA_KEY`). */
export const ACKNOWLEDGED_RULES_METADATA = 'aws:cdk:acknowledged-rules';

/** The prefix of CDK's acknowledgement of a validation plugin's rule: `<plugin name>::<rule>`. */
export const PLUGIN_ACKNOWLEDGEMENT_PREFIX = `${RULE_ID_PREFIX}::`;

const ANNOTATION_PREFIX = /^annotation::/i;

/** The warnings acknowledged on a role, rule id to reason, whichever way the app acknowledged them. */
export interface Acknowledgements {
  get(ruleId: string): string | undefined;
}

/**
 * The rule an acknowledgement names, whichever form CDK recorded it in: `Validations.acknowledge` writes
 * `annotation::<id>` for our ids; CDK's plugin form `cdk-iam-role-patterns::<Rule>` names the rule without our
 * prefix, and CDK applies it to every construct of the app (`appWide`).
 */
export function acknowledgedRule(id: string): { readonly ruleId: string; readonly appWide: boolean } {
  if (id.startsWith(PLUGIN_ACKNOWLEDGEMENT_PREFIX)) return { ruleId: `${RULE_ID_PREFIX}:${id.slice(PLUGIN_ACKNOWLEDGEMENT_PREFIX.length)}`, appWide: true };
  return { ruleId: id.replace(ANNOTATION_PREFIX, ''), appWide: false };
}
