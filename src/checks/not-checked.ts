import { RuleDescription } from './verdict-rules';
import { UnresolvedAttachment } from '../role-model/model';

/**
 * What strict mode (`--strict`, `RoleChecks({ strict: true })`) makes of each part of the templates that was not
 * checked: a template macro, a nested template that is not there, a policy naming a role that is in none of
 * the templates. Without strict mode they are notes and counted in the summary; with it, each is an error.
 */
export const NOT_CHECKED: RuleDescription = {
  name: 'NotChecked',
  severity: 'error',
  description: 'Strict mode only: a part of the templates that may make or change a role could not be read (a macro, a nested template '
    + 'that is not there or is remote, a policy that names a role in none of the templates), so the verdict does not cover it.',
  docs: {
    why: 'A gate that passes what it did not read says "no finding" where it should say "not checked": a role made by a macro, or a nested '
      + 'template at a remote URL, can trust anyone.',
    fix: 'Give the checks what they need (synthesize the nested templates, check the stack that holds the role, expand the macro before '
      + 'checking), or run without strict mode and review the notes.',
  },
};

/** A part that was not checked: the file, the resource (its path behind nested stacks) when it is in one, and why. */
export interface NotCheckedPart {
  readonly file: string;
  readonly resource?: string;
  readonly message: string;
}

/** The message of a NotChecked finding. */
export function notCheckedMessage(part: NotCheckedPart): string {
  return `not checked (strict mode): ${part.message}`;
}

/** A policy that names a role in none of the templates, as a part not checked: its statements reached no role the checks read. */
export function unresolvedAttachmentPart({ file, resource, property, reference }: UnresolvedAttachment): NotCheckedPart {
  return { file, resource, message: `${resource} ${property} names the role ${reference}, which is in none of the templates checked` };
}
