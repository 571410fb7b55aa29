import { aws_events as events } from 'aws-cdk-lib';

/**
 * The IAM calls that change a role: its trust, its policies, its boundary, its settings, its tags (an SCP that
 * matches the `break-glass` tag stops matching when the tag goes), or the role itself.
 */
export const ROLE_CHANGE_EVENT_NAMES: readonly string[] = [
  'UpdateAssumeRolePolicy', 'AttachRolePolicy', 'DetachRolePolicy', 'PutRolePolicy', 'DeleteRolePolicy',
  'PutRolePermissionsBoundary', 'DeleteRolePermissionsBoundary', 'UpdateRole', 'TagRole', 'UntagRole', 'DeleteRole',
];

/** The console sign-in events that start a console session as a role: switch role, and a federated sign-in. */
export const CONSOLE_EVENT_NAMES: readonly string[] = ['SwitchRole', 'ConsoleLogin'];

/**
 * The region whose EventBridge receives the CloudTrail events of IAM, a global service, in the commercial partition:
 * "Why does my EventBridge rule for IAM events only trigger in the us-east-1 Region?" (AWS Knowledge Center). The
 * library claims it for the `aws` partition only.
 */
export const IAM_EVENTS_REGION = 'us-east-1';

/** The detail type of CloudTrail API events in EventBridge. */
const API_CALL = 'AWS API Call via CloudTrail';

/**
 * An `AssumeRole` of the role, from the CLI, an SDK or another role (CloudTrail `AssumeRole` events of `sts.amazonaws.com`,
 * recorded in the region whose STS endpoint served the call). The ARN is compared without case: it is the caller's
 * input, and IAM names are not distinguished by case ("IAM identifiers", IAM User Guide).
 */
export function assumeRolePattern(roleArn: string): events.EventPattern {
  return {
    source: ['aws.sts'],
    detailType: [API_CALL],
    detail: { eventSource: ['sts.amazonaws.com'], eventName: ['AssumeRole'], requestParameters: { roleArn: [{ 'equals-ignore-case': roleArn }] } },
  };
}

/**
 * A console session as the role: a switch role, or a federated console sign-in, whose `userIdentity.arn` is a session
 * of the role (`arn:<partition>:sts::<account>:assumed-role/<name>/<session>`; "AWS Management Console sign-in events",
 * CloudTrail User Guide). CloudTrail records a sign-in in the region of the sign-in endpoint used.
 */
export function consoleUsePattern(assumedRolePrefix: string): events.EventPattern {
  return {
    source: ['aws.signin'],
    detailType: ['AWS Console Sign In via CloudTrail'],
    detail: { eventSource: ['signin.amazonaws.com'], eventName: [...CONSOLE_EVENT_NAMES], userIdentity: { arn: [{ prefix: assumedRolePrefix }] } },
  };
}

/** An IAM call that changes the role, matched by the role's name as the caller gave it (without case). */
export function roleChangePattern(roleName: string): events.EventPattern {
  return {
    source: ['aws.iam'],
    detailType: [API_CALL],
    detail: { eventSource: ['iam.amazonaws.com'], eventName: [...ROLE_CHANGE_EVENT_NAMES], requestParameters: { roleName: [{ 'equals-ignore-case': roleName }] } },
  };
}
