import { CfnResource, Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { reportVerdict, renderResources } from './role-self-check';
import { acknowledgementsOn } from '../acknowledgements';
import { Verdict } from '../checks/verdict';
import { RoleModel } from '../role-model/model';

/** The verdict of every permission set's own check, shared (its rule checkers are prepared once). */
const SELF_CHECK = new Verdict();

/**
 * Checks a permission set at synth as RoleChecks and the CLI do: its resource rendered as the template will hold it
 * (escape hatches included), read by the role model as the role Identity Center makes of it, judged by the one
 * verdict, and reported like a role pattern's findings (errors fail synth, warnings are acknowledgeable; with
 * RoleChecks on the app, both go to its report).
 */
export function registerPermissionSet(scope: IConstruct, resource: CfnResource): void {
  scope.node.addValidation({
    validate: () => {
      if (scope.node.tryFindChild(resource.node.id) !== resource) return [];
      const stack = Stack.of(resource);
      const { template } = renderResources(stack, [resource]);
      const account = stack.account;
      const model = new RoleModel([{ file: stack.templateFile, template, deployingAccount: /^\d{12}$/.test(account) ? account : undefined }]);
      const errors: string[] = [];
      for (const modeled of model.roles()) {
        errors.push(...reportVerdict(scope, resource, SELF_CHECK.judge(modeled, { acknowledged: acknowledgementsOn(scope) })));
      }
      return errors;
    },
  });
}
