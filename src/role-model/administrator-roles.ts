import { CfnObject, isObject, renderString } from './cfn-value';
import { ModelTemplate, propertiesOf, resourcesOf, typeOf } from './template';

/**
 * The roles of the templates read that are administrators: `AdministratorAccess` attached, or an `Allow` of every
 * action on every resource (without a condition) in their own or an attached policy. A permission to pass one of
 * them to a service, or to assume one, is a way to become an administrator, however narrowly its ARN is written
 * (IAM User Guide, "Granting a user permissions to pass a role to an AWS service").
 */
export class AdministratorRoles {
  /** Each template's administrator roles by logical id, and their literal names across the templates (lower case). */
  private readonly ids = new Map<ModelTemplate, Set<string>>();
  private readonly names = new Map<string, string | undefined>();

  constructor(templates: readonly ModelTemplate[], attachedDocuments: (template: ModelTemplate, logicalId: string) => readonly unknown[]) {
    for (const template of templates) {
      const resources = resourcesOf(template.template);
      for (const logicalId in resources) {
        if (typeOf(resources[logicalId]) !== 'AWS::IAM::Role') continue;
        const properties = propertiesOf(resources[logicalId]);
        if (!isAdministrator(properties, attachedDocuments(template, logicalId))) continue;
        let ids = this.ids.get(template);
        if (!ids) this.ids.set(template, ids = new Set());
        ids.add(logicalId);
        const name = typeof properties.RoleName === 'string' ? properties.RoleName.toLowerCase() : undefined;
        if (name !== undefined) this.names.set(name, template.deployingAccount);
      }
    }
  }

  /** Whether there is any administrator role at all (most templates have none: the checks then ask nothing). */
  public get any(): boolean {
    return this.ids.size > 0;
  }

  /**
   * Whether a rendered `Resource` entry, read in `template`, names an administrator role: `Fn::GetAtt [Role, Arn]`
   * of one in the same template, or a role ARN whose name is an administrator role's literal `RoleName`.
   */
  public named(template: ModelTemplate, resource: string): boolean {
    const getAtt = GET_ATT_ARN.exec(resource);
    if (getAtt) return this.ids.get(template)?.has(getAtt[1]) === true;
    const arn = ROLE_ARN.exec(resource);
    if (!arn || arn[1].includes('{{') || /[*?]/.test(arn[1])) return false;
    const name = arn[1].split('/').pop()!.toLowerCase();
    return this.names.has(name) && (this.names.get(name) === undefined || template.deployingAccount === undefined
      || this.names.get(name) === template.deployingAccount);
  }
}

const GET_ATT_ARN = /^\{\{cfn:GetAtt:([A-Za-z0-9]+)\.Arn\}\}$/;
const ROLE_ARN = /^arn:[^:]*:iam::[^:]*:role\/(.+)$/;

/** Runs for every role of every template: it allocates nothing for a role that is no administrator. */
function isAdministrator(properties: CfnObject, attached: readonly unknown[]): boolean {
  const arns = properties.ManagedPolicyArns;
  if (Array.isArray(arns)) {
    for (const arn of arns) if (typeof arn !== 'string' ? ADMINISTRATOR_ACCESS.test(renderString(arn) ?? '') : ADMINISTRATOR_ACCESS.test(arn)) return true;
  }
  if (Array.isArray(properties.Policies)) {
    for (const policy of properties.Policies) if (isObject(policy) && allowsEverything(policy.PolicyDocument)) return true;
  }
  for (const document of attached) if (allowsEverything(document)) return true;
  return false;
}

const ADMINISTRATOR_ACCESS = /:iam::aws:policy\/AdministratorAccess$/;

/** A document with an unconditioned Allow of `*` on `*`. */
function allowsEverything(document: unknown): boolean {
  const statements = isObject(document) ? document.Statement : undefined;
  if (Array.isArray(statements)) {
    for (const statement of statements) if (allowsEverythingIn(statement)) return true;
    return false;
  }
  return allowsEverythingIn(statements);
}

function allowsEverythingIn(statement: unknown): boolean {
  return isObject(statement) && statement.Effect === 'Allow' && statement.Condition === undefined && statement.NotAction === undefined
    && isOrHasStar(statement.Action) && isOrHasStar(statement.Resource);
}

function isOrHasStar(value: unknown): boolean {
  return value === '*' || Array.isArray(value) && value.includes('*');
}
