/**
 * CloudTrail events as EventBridge delivers them, written by hand in the shapes the CloudTrail User Guide documents
 * ("CloudTrail record contents", "AWS Management Console sign-in events", the IAM User Guide's "Example IAM API events
 * in CloudTrail log"), with this suite's own accounts, names and addresses.
 */
export const ACCOUNT = '111122223333';

const envelope = (source: string, detailType: string, region: string, detail: Record<string, unknown>) => ({
  'version': '0',
  'id': '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
  'detail-type': detailType,
  source,
  'account': ACCOUNT,
  'time': '2026-12-24T03:00:00Z',
  region,
  'resources': [],
  detail,
});

const alice = { type: 'IAMUser', principalId: 'AIDACKCEVSQ6C2EXAMPLE', arn: `arn:aws:iam::${ACCOUNT}:user/servicedesk/alice`, accountId: ACCOUNT, userName: 'alice' };

/** `aws sts assume-role` from the CLI, served by a region's STS endpoint. */
export function assumeRoleFromCli(roleArn: string, region = 'eu-west-1') {
  return envelope('aws.sts', 'AWS API Call via CloudTrail', region, {
    eventVersion: '1.08',
    userIdentity: alice,
    eventTime: '2026-12-24T03:00:00Z',
    eventSource: 'sts.amazonaws.com',
    eventName: 'AssumeRole',
    awsRegion: region,
    sourceIPAddress: '203.0.113.7',
    userAgent: 'aws-cli/2.22.0 md/awscrt#0.23.4 ua/2.0 os/linux#6.8 md/arch#x86_64 lang/python#3.12.6 exec-env/CloudShell',
    requestParameters: { roleArn, roleSessionName: 'alice-incident-4711', sourceIdentity: 'alice', durationSeconds: 3600 },
    responseElements: { assumedRoleUser: { arn: `${roleArn.replace(':iam::', ':sts::').replace(':role/', ':assumed-role/')}/alice-incident-4711` } },
    readOnly: true,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: ACCOUNT,
    eventCategory: 'Management',
  });
}

/** A switch role in the console: the session is the role's, the user it came from in `SwitchFrom`. */
export function consoleSwitchRole(roleName: string, region = 'us-east-1') {
  return envelope('aws.signin', 'AWS Console Sign In via CloudTrail', region, {
    eventVersion: '1.08',
    userIdentity: { type: 'AssumedRole', principalId: 'AROAEXAMPLEID:alice', arn: `arn:aws:sts::${ACCOUNT}:assumed-role/${roleName}/alice`, accountId: ACCOUNT },
    eventTime: '2026-12-24T03:01:00Z',
    eventSource: 'signin.amazonaws.com',
    eventName: 'SwitchRole',
    awsRegion: region,
    sourceIPAddress: '203.0.113.7',
    userAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
    requestParameters: null,
    responseElements: { SwitchRole: 'Success' },
    additionalEventData: { SwitchFrom: `arn:aws:iam::${ACCOUNT}:user/servicedesk/alice`, RedirectTo: 'https://console.aws.amazon.com/ec2/home' },
    eventType: 'AwsConsoleSignIn',
    managementEvent: true,
    recipientAccountId: ACCOUNT,
    eventCategory: 'Management',
  });
}

/** An IAM call on a role, from the CLI (IAM delivers its events in us-east-1). */
export function iamRoleCall(eventName: string, roleName: string, extra: Record<string, unknown> = {}) {
  return envelope('aws.iam', 'AWS API Call via CloudTrail', 'us-east-1', {
    eventVersion: '1.08',
    userIdentity: { type: 'AssumedRole', arn: `arn:aws:sts::${ACCOUNT}:assumed-role/PlatformAdmin/mallory`, accountId: ACCOUNT },
    eventTime: '2026-12-24T03:02:00Z',
    eventSource: 'iam.amazonaws.com',
    eventName,
    awsRegion: 'us-east-1',
    sourceIPAddress: '198.51.100.23',
    userAgent: 'aws-cli/2.22.0',
    requestParameters: { roleName, ...extra },
    responseElements: null,
    readOnly: false,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: ACCOUNT,
    eventCategory: 'Management',
  });
}

/** `aws iam update-assume-role-policy`: a new trust for the role. */
export const updateAssumeRolePolicy = (roleName: string) => iamRoleCall('UpdateAssumeRolePolicy', roleName, {
  policyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }] }),
});

/** `aws iam untag-role`: the break-glass tag removed, so SCPs that match it stop matching. */
export const untagRole = (roleName: string) => iamRoleCall('UntagRole', roleName, { tagKeys: ['break-glass'] });
