import { CfnResource, Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { forgetDeferredErrors, reportVerdict, renderResources } from './role-self-check';
import { acknowledgementsOn } from '../acknowledgements';
import { Verdict } from '../checks/verdict';
import { ModeledRole, RoleModel } from '../role-model/model';

/** The verdict of every permission set's own check, shared (its rule checkers are prepared once). */
const SELF_CHECK = new Verdict();

/** The permission sets of each stack, and the model of its last validation (one rendering and one model per stack). */
const registered = new WeakMap<Stack, Set<CfnResource>>();
const models = new WeakMap<Stack, ReadonlyMap<CfnResource, ModeledRole>>();

/**
 * Checks a permission set at synth as RoleChecks and the CLI do: its resource rendered as the template will hold it
 * (escape hatches included), read by the role model as the role Identity Center makes of it, judged by the one
 * verdict, and reported like a role pattern's findings (errors fail synth, warnings are acknowledgeable; with
 * RoleChecks on the app, both go to its report). The stack's permission sets are rendered and modeled together,
 * once per validation.
 */
export function registerPermissionSet(scope: IConstruct, resource: CfnResource): void {
  const stack = Stack.of(resource);
  let sets = registered.get(stack);
  if (!sets) {
    registered.set(stack, sets = new Set());
    // CDK validates a stack before its children: each validation models the permission sets as they are then
    stack.node.addValidation({ validate: () => { models.delete(stack); forgetDeferredErrors(stack); return []; } });
  }
  sets.add(resource);
  scope.node.addValidation({
    validate: () => {
      const modeled = modelOf(stack).get(resource);
      return modeled ? reportVerdict(scope, resource, SELF_CHECK.judge(modeled, { acknowledged: acknowledgementsOn(scope) })) : [];
    },
  });
}

function modelOf(stack: Stack): ReadonlyMap<CfnResource, ModeledRole> {
  const known = models.get(stack);
  if (known) return known;
  const present = [...registered.get(stack) ?? []].filter((resource) => resource.node.scope?.node.tryFindChild(resource.node.id) === resource);
  const { template, logicalIds } = renderResources(stack, present);
  const account = stack.account;
  const model = new RoleModel([{ file: stack.templateFile, template, deployingAccount: /^\d{12}$/.test(account) ? account : undefined }]);
  const byLogicalId = new Map<string, ModeledRole>();
  for (const modeled of model.roles()) byLogicalId.set(modeled.logicalId, modeled);
  const byResource = new Map<CfnResource, ModeledRole>();
  for (const resource of present) {
    const modeled = byLogicalId.get(logicalIds.get(resource) ?? '');
    if (modeled) byResource.set(resource, modeled);
  }
  models.set(stack, byResource);
  return byResource;
}
