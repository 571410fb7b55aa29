import { actionMatches, hasWildcard } from './glob';

/**
 * Privilege-escalation paths: the actions that, held together, let a principal raise its own privileges.
 *
 * Sources (facts, read 2026-11-30): pathfinding.cloud's catalogue of AWS privilege-escalation paths, as
 * DataDog's pathfinding-labs scenarios list them (modules/scenarios/single-account/privesc-one-hop, commit of
 * 2026-05-16; each path keeps its pathfinding.cloud id), and Rhino Security Labs' original IAM methods (the
 * permissions-boundary and group paths that pathfinding-labs has no scenario for, marked `rhino`).
 * A path of one action is an escalation when the action is allowed on every resource it acts on; in a path of
 * several, `iam:PassRole` must be allowed on every role (so a privileged one can be passed) and the other
 * actions on any resource (the function, stack or instance they make is the attacker's own).
 */
export interface EscalationPath {
  /** pathfinding.cloud's id, such as `lambda-001`, or `rhino-...`. */
  readonly id: string;
  /** The actions, all needed. */
  readonly actions: readonly string[];
}

const PASS_ROLE = 'iam:PassRole';

/** Paths of one action. */
const SINGLE: ReadonlyArray<[string, string]> = [
  ['apprunner-002', 'apprunner:UpdateService'],
  ['cloudformation-002', 'cloudformation:UpdateStack'],
  ['codebuild-002', 'codebuild:StartBuild'],
  ['codebuild-003', 'codebuild:StartBuildBatch'],
  ['ec2-003', 'ec2-instance-connect:SendSSHPublicKey'],
  ['glue-002', 'glue:UpdateDevEndpoint'],
  ['iam-002', 'iam:CreateAccessKey'],
  ['iam-004', 'iam:CreateLoginProfile'],
  ['iam-006', 'iam:UpdateLoginProfile'],
  ['iam-012', 'iam:UpdateAssumeRolePolicy'],
  ['iam-014', 'iam:AttachRolePolicy'],
  ['iam-015', 'iam:AttachUserPolicy'],
  ['iam-016', 'iam:CreatePolicyVersion'],
  ['iam-017', 'iam:PutRolePolicy'],
  ['iam-018', 'iam:PutUserPolicy'],
  ['rhino-set-default-policy-version', 'iam:SetDefaultPolicyVersion'],
  ['rhino-attach-group-policy', 'iam:AttachGroupPolicy'],
  ['rhino-put-group-policy', 'iam:PutGroupPolicy'],
  ['rhino-add-user-to-group', 'iam:AddUserToGroup'],
  ['rhino-delete-role-permissions-boundary', 'iam:DeleteRolePermissionsBoundary'],
  ['rhino-put-role-permissions-boundary', 'iam:PutRolePermissionsBoundary'],
  ['rhino-delete-user-permissions-boundary', 'iam:DeleteUserPermissionsBoundary'],
  ['rhino-put-user-permissions-boundary', 'iam:PutUserPermissionsBoundary'],
  ['lambda-003', 'lambda:UpdateFunctionCode'],
  ['rhino-update-function-configuration', 'lambda:UpdateFunctionConfiguration'],
  ['sagemaker-004', 'sagemaker:CreatePresignedNotebookInstanceUrl'],
  ['ssm-001', 'ssm:StartSession'],
  ['ssm-002', 'ssm:SendCommand'],
  ['sts-001', 'sts:AssumeRole'],
];

/** Paths of several actions. */
const COMBINED: ReadonlyArray<[string, string[]]> = [
  ['apprunner-001', [PASS_ROLE, 'apprunner:CreateService']],
  ['bedrock-001', [PASS_ROLE, 'bedrock-agentcore:CreateCodeInterpreter', 'bedrock-agentcore:StartCodeInterpreterSession', 'bedrock-agentcore:InvokeCodeInterpreter']],
  ['bedrock-002', ['bedrock-agentcore:StartCodeInterpreterSession', 'bedrock-agentcore:InvokeCodeInterpreter']],
  ['cloudformation-001', [PASS_ROLE, 'cloudformation:CreateStack']],
  ['cloudformation-003', [PASS_ROLE, 'cloudformation:CreateStackSet', 'cloudformation:CreateStackInstances']],
  ['cloudformation-004', [PASS_ROLE, 'cloudformation:UpdateStackSet']],
  ['cloudformation-005', ['cloudformation:CreateChangeSet', 'cloudformation:ExecuteChangeSet']],
  ['codebuild-001', [PASS_ROLE, 'codebuild:CreateProject', 'codebuild:StartBuild']],
  ['codebuild-004', [PASS_ROLE, 'codebuild:CreateProject', 'codebuild:StartBuildBatch']],
  ['ec2-001', [PASS_ROLE, 'ec2:RunInstances']],
  ['ec2-002', ['ec2:ModifyInstanceAttribute', 'ec2:StopInstances', 'ec2:StartInstances']],
  ['ec2-004', [PASS_ROLE, 'ec2:RequestSpotInstances']],
  ['ec2-005', ['ec2:CreateLaunchTemplateVersion', 'ec2:ModifyLaunchTemplate']],
  ['ecs-003', [PASS_ROLE, 'ecs:RegisterTaskDefinition', 'ecs:CreateService']],
  ['ecs-004', [PASS_ROLE, 'ecs:RegisterTaskDefinition', 'ecs:RunTask']],
  ['ecs-005', [PASS_ROLE, 'ecs:RegisterTaskDefinition', 'ecs:StartTask']],
  ['ecs-006', ['ecs:ExecuteCommand', 'ecs:DescribeTasks']],
  ['ecs-008', [PASS_ROLE, 'ecs:RunTask']],
  ['ecs-009', [PASS_ROLE, 'ecs:StartTask']],
  ['glue-001', [PASS_ROLE, 'glue:CreateDevEndpoint']],
  ['glue-003', [PASS_ROLE, 'glue:CreateJob', 'glue:StartJobRun']],
  ['glue-004', [PASS_ROLE, 'glue:CreateJob', 'glue:CreateTrigger']],
  ['glue-005', [PASS_ROLE, 'glue:UpdateJob', 'glue:StartJobRun']],
  ['glue-006', [PASS_ROLE, 'glue:UpdateJob', 'glue:CreateTrigger']],
  ['glue-007', [PASS_ROLE, 'glue:CreateSession', 'glue:RunStatement']],
  ['lambda-001', [PASS_ROLE, 'lambda:CreateFunction', 'lambda:InvokeFunction']],
  ['lambda-002', [PASS_ROLE, 'lambda:CreateFunction', 'lambda:CreateEventSourceMapping']],
  ['lambda-006', [PASS_ROLE, 'lambda:CreateFunction', 'lambda:AddPermission']],
  ['sagemaker-001', [PASS_ROLE, 'sagemaker:CreateNotebookInstance']],
  ['sagemaker-002', [PASS_ROLE, 'sagemaker:CreateTrainingJob']],
  ['sagemaker-003', [PASS_ROLE, 'sagemaker:CreateProcessingJob']],
  ['sagemaker-005', ['sagemaker:CreateNotebookInstanceLifecycleConfig', 'sagemaker:StopNotebookInstance', 'sagemaker:UpdateNotebookInstance',
    'sagemaker:StartNotebookInstance']],
];

/** Where the paths come from, for messages and the README. */
export const ESCALATION_CATALOGUE = 'pathfinding.cloud (via DataDog pathfinding-labs, 2026-05-16) and Rhino Security Labs';

/** The paths of one action. */
export const SINGLE_ACTION_PATHS: readonly EscalationPath[] = SINGLE.map(([id, action]) => ({ id, actions: [action] }));

/** The paths of several actions. */
export const COMBINED_PATHS: readonly EscalationPath[] = COMBINED.map(([id, actions]) => ({ id, actions }));

/** The single-action paths by service prefix (lower case): a statement is tested only against its own services' paths. */
export const SINGLE_ACTION_PATHS_BY_SERVICE: ReadonlyMap<string, readonly EscalationPath[]> = groupByService(SINGLE_ACTION_PATHS);

function groupByService(paths: readonly EscalationPath[]): ReadonlyMap<string, readonly EscalationPath[]> {
  const byService = new Map<string, EscalationPath[]>();
  for (const path of paths) {
    const service = path.actions[0].split(':')[0].toLowerCase();
    byService.set(service, [...byService.get(service) ?? [], path]);
  }
  return byService;
}

const EVERY_ESCALATION_ACTION: readonly string[] = [...new Set([...SINGLE_ACTION_PATHS, ...COMBINED_PATHS].flatMap((path) => path.actions))];

/**
 * Whether an action pattern from a policy is one the permission rules act on: every action (`*`), a whole
 * service (`s3:*`), or one that matches an action of an escalation path (`iam:Put*` matches `iam:PutRolePolicy`).
 */
export function isRelevantToPermissionRules(pattern: string): boolean {
  if (pattern === '*' || /^[^:]+:\*$/.test(pattern)) return true;
  if (!hasWildcard(pattern)) return EVERY_ESCALATION_ACTION.some((action) => action.toLowerCase() === pattern.toLowerCase());
  return EVERY_ESCALATION_ACTION.some((action) => actionMatches(pattern, action));
}
