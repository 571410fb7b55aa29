import { ModeledRole } from '../role-model/model';
import { generatedRequests } from '../trust/callers';
import { evaluateTrust } from '../trust/evaluate';
import { deployedDocument } from '../trust/render';
import { trustDocument } from '../trust/statements';

/** A caller who was kept out by the baseline's trust and gets in now. */
export interface CallerWidening {
  /** The request in words: the caller, the action and the context. */
  readonly request: string;
  /** Why it gets in now: the statement that allows it. */
  readonly reason: string;
}

/**
 * The callers a role lets in now that its baseline kept out: both versions' intended callers and near misses
 * (`generatedRequests`), each evaluated against every variant of each version's trust. A rewrite that changes no
 * decision (`"AWS": "444455556666"` as `arn:aws:iam::444455556666:root`) lets no one new in; a removed `Deny` guardrail
 * or an `Action` rewritten as `NotAction` does. A role whose trust documents did not change is not evaluated.
 */
export function callerWidenings(before: ModeledRole, after: ModeledRole): CallerWidening[] {
  const documentsBefore = documentsOf(before);
  const documentsAfter = documentsOf(after);
  if (JSON.stringify(documentsBefore) === JSON.stringify(documentsAfter)) return [];
  const widenings: CallerWidening[] = [];
  const seen = new Set<string>();
  for (const document of [...documentsBefore, ...documentsAfter]) {
    for (const { request, description } of generatedRequests(trustDocument(document))) {
      if (seen.has(description)) continue;
      seen.add(description);
      if (documentsBefore.some((old) => evaluateTrust(old, request).allowed)) continue;
      const now = documentsAfter.map((current) => evaluateTrust(current, request)).find((decision) => decision.allowed);
      if (now) widenings.push({ request: description, reason: now.reason });
    }
  }
  return widenings;
}

/** Each variant's trust policy as deployed in the role's account. */
function documentsOf(role: ModeledRole): unknown[] {
  const values = { account: role.template.deployingAccount };
  return role.variants.map((variant) => deployedDocument(variant.role.properties.AssumeRolePolicyDocument, values));
}
