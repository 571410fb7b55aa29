import { ConditionValues, describeCombination } from '../role-model/fn-if';
import { RoleVariant } from '../role-model/model';

/** A finding of one rule on one role, before it is tied to a resource: what the engine's rules report. */
export interface VariantFinding {
  readonly ruleId: string;
  readonly severity: 'error' | 'warning';
  readonly message: string;
  readonly when?: string;
}

/**
 * Merges the findings of a role's variants (one per combination of the conditions its `Fn::If`s test). A
 * finding of every variant is reported as it is; one of some variants only says when it holds, in the
 * fewest words that are exact: `(when condition OpenAccess is true)`, or the combinations listed.
 */
export function mergeVariantFindings<T extends VariantFinding>(variants: readonly RoleVariant[], findings: readonly (readonly T[])[]): T[] {
  if (findings.length === 1) return findings[0] as T[];
  const byKey = new Map<string, { finding: T; variants: Set<number> }>();
  findings.forEach((list, index) => {
    for (const finding of list) {
      const key = `${finding.ruleId}\u0000${finding.message}`;
      const entry = byKey.get(key) ?? { finding, variants: new Set<number>() };
      entry.variants.add(index);
      byKey.set(key, entry);
    }
  });
  const merged: T[] = [];
  for (const { finding, variants: holding } of byKey.values()) {
    if (holding.size === variants.length) {
      merged.push(finding);
    } else {
      const when = describeWhen(variants.map((variant) => variant.when ?? NO_VALUES), holding);
      merged.push({ ...finding, message: `${finding.message} (when ${when})`, when });
    }
  }
  return merged;
}

const NO_VALUES: ConditionValues = new Map();

/** The combinations with the finding, in words: one condition's value when that alone tells them apart. */
function describeWhen(combinations: readonly ConditionValues[], holding: ReadonlySet<number>): string {
  const names = [...combinations[0].keys()];
  for (const name of names) {
    for (const value of [true, false]) {
      const matching = combinations.every((values, i) => (values.get(name) === value) === holding.has(i));
      if (matching) return `condition ${name} is ${value}`;
    }
  }
  if (holding.size <= 2) return [...holding].map((i) => describeCombination(combinations[i])).join(', or ');
  const first = combinations[[...holding][0]];
  return `${holding.size} of the ${combinations.length} combinations of conditions checked, such as ${describeCombination(first)}`;
}
