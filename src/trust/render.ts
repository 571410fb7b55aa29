import { isIntrinsic, renderString } from '../role-model/cfn-value';

/** What a deployment fills in: the stack's account, partition and region when they are known. */
export interface DeploymentValues {
  readonly account?: string;
  readonly partition?: string;
  readonly region?: string;
}

/**
 * A policy document as IAM will hold it: each intrinsic function rendered to the string it makes, with the
 * deployment's account, partition, region and URL suffix filled in. A value known only at deployment keeps its
 * placeholder (`{{cfn:Ref:Issuer}}`), which no request matches: the evaluator then errs towards keeping out.
 */
export function deployedDocument(document: unknown, values: DeploymentValues, depth = 0): unknown {
  if (depth > 64 || typeof document !== 'object' || document === null) return document;
  if (Array.isArray(document)) return document.map((item) => deployedDocument(item, values, depth + 1));
  if (isIntrinsic(document)) {
    const text = renderString(document);
    return text === undefined ? document : fill(text, values);
  }
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(document)) result[fill(key, values)] = deployedDocument(value, values, depth + 1);
  return result;
}

function fill(text: string, values: DeploymentValues): string {
  if (!text.includes('{{cfn:')) return text;
  let filled = text.replace(/\{\{cfn:AWS::Partition\}\}/g, values.partition ?? 'aws').replace(/\{\{cfn:AWS::URLSuffix\}\}/g, 'amazonaws.com');
  if (values.account !== undefined) filled = filled.replace(/\{\{cfn:AWS::AccountId\}\}/g, values.account);
  if (values.region !== undefined) filled = filled.replace(/\{\{cfn:AWS::Region\}\}/g, values.region);
  return filled;
}
