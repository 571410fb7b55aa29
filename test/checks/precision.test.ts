import { App, Stack, aws_autoscaling as autoscaling, aws_ec2 as ec2, aws_ecs as ecs, aws_iam as iam, aws_sqs as sqs } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as fc from 'fast-check';
import { check } from '../../src/cli/main';

/**
 * The classes of false findings on real apps, each next to its true twin: who can use a permission decides its
 * severity; what aws-cdk-lib wrote is summarized, what the app added is judged; conditions narrow permissions by
 * value; one finding per problem; actions AWS documents on "*".
 */

const rulesOf = (template: object): string[] => check([{ file: 'template.json', template }], {}).findings
  .map((finding) => `${finding.ruleId.split(':')[1]} ${finding.severity}`).sort();

const role = (trust: unknown, properties: object = {}) => ({
  Resources: {
    R: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: trust, Action: 'sts:AssumeRole' }] }, ...properties } },
  },
});
const withStatements = (statements: unknown[], trust: unknown = { Service: 'lambda.amazonaws.com' }) =>
  role(trust, { Policies: [{ PolicyName: 'p', PolicyDocument: { Version: '2012-10-17', Statement: statements } }] });

describe('who can use a permission decides its severity', () => {
  const backupPolicy = ['arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup', 'arn:aws:iam::aws:policy/service-role/AWSBatchServiceRole'];

  test('AWS managed service-role policies on a role only the service can assume: no error, summarized with the reason', () => {
    const report = check([{ file: 't.json', template: role({ Service: 'batch.amazonaws.com' }, { ManagedPolicyArns: backupPolicy }) }], {});
    expect(report.findings.filter((finding) => finding.severity === 'error')).toEqual([]);
    expect(report.summary.summarized).toBeGreaterThan(0);
  });

  test('the same policies on a role people of another account assume: the errors stay', () => {
    expect(rulesOf(role({ AWS: 'arn:aws:iam::444455556666:root' }, { ManagedPolicyArns: backupPolicy }))).toContain('PrivilegeEscalation error');
  });
});

describe('conditions narrow permissions by value', () => {
  const passRole = (condition?: object) => ({ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*', ...(condition ? { Condition: condition } : {}) });
  const toService = (service: string) => ({ StringEquals: { 'iam:PassedToService': service } });

  test('iam:PassRole on every role: an error without iam:PassedToService, none with it', () => {
    expect(rulesOf(withStatements([passRole()]))).toContain('PassRoleOnEveryResource error');
    expect(rulesOf(withStatements([passRole(toService('ecs-tasks.amazonaws.com'))]))).not.toContain('PassRoleOnEveryResource error');
  });

  test('PassRole to Lambda with lambda:CreateFunction and InvokeFunction is still lambda-001; PassRole to ECS tasks without ecs:RunTask is no path', () => {
    const lambda = { Effect: 'Allow', Action: ['lambda:CreateFunction', 'lambda:InvokeFunction'], Resource: '*' };
    expect(rulesOf(withStatements([passRole(toService('lambda.amazonaws.com')), lambda]))).toContain('PrivilegeEscalation error');
    expect(rulesOf(withStatements([passRole(toService('ecs-tasks.amazonaws.com')), lambda]))).not.toContain('PrivilegeEscalation error');
    const runTask = { Effect: 'Allow', Action: ['ecs:RegisterTaskDefinition', 'ecs:RunTask'], Resource: '*' };
    expect(rulesOf(withStatements([passRole(toService('ecs-tasks.amazonaws.com')), runTask]))).toContain('PrivilegeEscalation error');
  });

  test('sts:AssumeRole on role/* limited by a resource tag is not every role (CDK Pipelines\' bootstrap roles)', () => {
    const assume = (condition?: object) => ({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: 'arn:*:iam::111122223333:role/*', ...(condition ? { Condition: condition } : {}) });
    expect(rulesOf(withStatements([assume()]))).toContain('PrivilegeEscalation error');
    const tagged = assume({ 'ForAnyValue:StringEquals': { 'iam:ResourceTag/aws-cdk:bootstrap-role': ['deploy', 'file-publishing'] } });
    expect(rulesOf(withStatements([tagged]))).toEqual([]);
    const anyTag = assume({ StringLike: { 'iam:ResourceTag/aws-cdk:bootstrap-role': '*' } });
    expect(rulesOf(withStatements([anyTag]))).toContain('PrivilegeEscalation error');
  });

  test('ssm:SendCommand with one named document on every instance runs that document only; on every document it is a path', () => {
    const send = (document: string) => ({ Effect: 'Allow', Action: 'ssm:SendCommand', Resource: [document, 'arn:aws:ec2:*:*:instance/*'] });
    expect(rulesOf(withStatements([send('arn:aws:ssm:*:*:document/AWSEC2-CreateVssSnapshot')]))).toEqual([]);
    expect(rulesOf(withStatements([send('arn:aws:ssm:*:*:document/*')]))).toContain('PrivilegeEscalation error');
  });

  test('a condition that pins an ARN (ecs:cluster) or kms:ViaService narrows "*"; the same statement without it draws the warning', () => {
    const poll = (condition?: object) => ({ Effect: 'Allow', Action: ['ecs:Poll'], Resource: '*', ...(condition ? { Condition: condition } : {}) });
    expect(rulesOf(withStatements([poll()]))).toEqual(['WildcardResource warning']);
    expect(rulesOf(withStatements([poll({ ArnEquals: { 'ecs:cluster': 'arn:aws:ecs:eu-west-1:111122223333:cluster/prod' } })]))).toEqual([]);
    expect(rulesOf(withStatements([poll({ ArnLike: { 'ecs:cluster': 'arn:aws:ecs:*:*:*' } })]))).toEqual(['WildcardResource warning']);
    const decrypt = { Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*', Condition: { StringEquals: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com' } } };
    expect(rulesOf(withStatements([decrypt]))).toEqual([]);
    expect(rulesOf(withStatements([{ ...decrypt, Condition: { StringEqualsIfExists: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com' } } }]))).toEqual(['WildcardResource warning']);

  });

  test('a KMS alias condition (kms:RequestAlias, kms:ResourceAliases) narrows "*" to the keys the alias names; a wildcard alias does not', () => {
    const decrypt = (condition: object) => ({ Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*', Condition: condition });
    expect(rulesOf(withStatements([decrypt({ StringLike: { 'kms:RequestAlias': 'alias/stackpanel-secrets' } })]))).toEqual([]);
    expect(rulesOf(withStatements([decrypt({ 'ForAnyValue:StringEquals': { 'kms:ResourceAliases': 'alias/payments' } })]))).toEqual([]);
    expect(rulesOf(withStatements([decrypt({ StringLike: { 'kms:RequestAlias': 'alias/*' } })]))).toEqual(['WildcardResource warning']);
  });
});

describe('one finding per problem', () => {
  test('iam:* on "*": the escalation error alone, no wildcard-action or wildcard-resource warning for the same statement', () => {
    expect(rulesOf(withStatements([{ Effect: 'Allow', Action: 'iam:*', Resource: '*' }]))).toEqual(['PrivilegeEscalation error']);
  });

  test('s3:* on "*" has no escalation path: both warnings stay', () => {
    expect(rulesOf(withStatements([{ Effect: 'Allow', Action: 's3:*', Resource: '*' }]))).toEqual(['ServiceWideWildcardAction warning', 'WildcardResource warning']);
  });
});

describe('actions AWS documents on "*"', () => {
  test('cloudwatch:PutMetricData and s3-object-lambda:WriteGetObjectResponse on "*" draw no warning; sqs:SendMessage does', () => {
    expect(rulesOf(withStatements([{ Effect: 'Allow', Action: ['cloudwatch:PutMetricData', 's3-object-lambda:WriteGetObjectResponse'], Resource: '*' }]))).toEqual([]);
    expect(rulesOf(withStatements([{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '*' }]))).toEqual(['WildcardResource warning']);
  });
});

describe('what aws-cdk-lib wrote is summarized, what the app added is judged', () => {
  const ecsCapacity = (extra?: iam.PolicyStatement) => {
    const stack = new Stack(new App({ context: { 'aws:cdk:enable-path-metadata': true } }), 'Ecs', { env: { account: '111122223333', region: 'eu-west-1' } });
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 1, natGateways: 0 });
    const group = new autoscaling.AutoScalingGroup(stack, 'Group', { vpc, instanceType: new ec2.InstanceType('t3.micro'), machineImage: ecs.EcsOptimizedImage.amazonLinux2023() });
    new ecs.Cluster(stack, 'Cluster', { vpc }).addAsgCapacityProvider(new ecs.AsgCapacityProvider(stack, 'Capacity', { autoScalingGroup: group }));
    if (extra) group.role.addToPrincipalPolicy(extra);
    new sqs.Queue(stack, 'Q');
    return Template.fromStack(stack).toJSON();
  };

  test('the ECS instance role\'s agent permissions on "*": summarized with the construct and the reason', () => {
    const report = check([{ file: 'ecs.json', template: ecsCapacity() }], {});
    expect(report.findings).toEqual([]);
    expect(report.summary.summarized).toBe(2);
  });

  test('the app\'s own statement on the same role is judged', () => {
    const report = check([{ file: 'ecs.json', template: ecsCapacity(new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: ['*'] })) }], {});
    expect(report.findings.map((finding) => finding.ruleId.split(':')[1])).toEqual(['WildcardResource']);
    expect(report.findings[0].message).toMatch(/sqs:SendMessage/);
  });
});

/** Conditions with one more test: under the same operator, its keys are added to those already there. */
function withCondition(conditions: Record<string, object>, added: object): Record<string, object> {
  const merged = { ...conditions };
  for (const [operator, keys] of Object.entries(added)) merged[operator] = { ...merged[operator], ...keys };
  return merged;
}

/**
 * Each finding with its rule, severity and places: the statement's path, and, for an escalation path the role holds
 * across statements, the path's id (the finding sits at whichever statement opens it, which a condition may change).
 */
function findingsAt(template: object): Array<{ rule: string; severity: string; places: string[] }> {
  return check([{ file: 'template.json', template }], {}).findings.map((finding) => ({
    rule: finding.ruleId.split(':')[1],
    severity: finding.severity,
    places: [(finding.subject?.path ?? []).join('/'), ...escalationPathIds(finding.message)],
  }));
}

/** The ids of the combined escalation paths a finding names (one, or each of the paths that open at its statement). */
function escalationPathIds(message: string): string[] {
  const ids: string[] = [];
  const one = /[Tt]he role holds the privilege-escalation path (\S+)/.exec(message)?.[1];
  if (one !== undefined) ids.push(one);
  const several = /[Tt]he role holds \d+ privilege-escalation paths .*? that start at .*?: (.*?)\. Each lets it/.exec(message)?.[1];
  if (several !== undefined) ids.push(...[...several.matchAll(/(?:^|; )([a-z0-9-]+) \(/g)].map((match) => match[1]));
  return ids;
}

describe('property: a narrowing condition never adds a finding, and removing one never removes an error', () => {
  const ACTIONS = ['iam:PassRole', 'sts:AssumeRole', 'ssm:SendCommand', 'ecs:Poll', 'kms:Decrypt', 'sqs:SendMessage', 'iam:*', 's3:*', 'lambda:CreateFunction', 'lambda:InvokeFunction'];
  const RESOURCES = ['*', 'arn:aws:iam::111122223333:role/*', 'arn:aws:ssm:*:*:document/AWS-RunShellScript', 'arn:aws:ec2:*:*:instance/*', 'arn:aws:sqs:eu-west-1:111122223333:q'];
  const CONDITIONS: object[] = [
    { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } },
    { StringEquals: { 'aws:ResourceTag/team': 'payments' } },
    { StringEquals: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com' } },
    { ArnEquals: { 'ecs:cluster': 'arn:aws:ecs:eu-west-1:111122223333:cluster/prod' } },
    { 'ForAnyValue:StringEquals': { 'aws:CalledVia': 'cloudformation.amazonaws.com' } },
  ];
  const statement = fc.record({
    actions: fc.subarray(ACTIONS, { minLength: 1 }),
    resources: fc.subarray(RESOURCES, { minLength: 1 }),
    condition: fc.option(fc.constantFrom(...CONDITIONS), { nil: undefined }),
  });

  test('for random statements', () => {
    const statements3 = fc.array(statement, { minLength: 1, maxLength: 3 });
    fc.assert(fc.property(statements3, fc.nat(), fc.constantFrom(...CONDITIONS), (statements, which, added) => {
      const plain = statements.map(({ actions, resources, condition }) => ({ Effect: 'Allow', Action: actions, Resource: resources, ...(condition ? { Condition: condition } : {}) }));
      const index = which % plain.length;
      const narrowed = plain.map((entry, i) => (i === index ? { ...entry, Condition: withCondition((entry as any).Condition ?? {}, added) } : entry));
      const before = findingsAt(withStatements(plain));
      const after = findingsAt(withStatements(narrowed));
      // a statement (or the role) with no finding gains none, and no error appears that was not there before; an error
      // that the condition narrows may become the warning it subsumed (one finding per problem), never the reverse
      // (a finding is matched by any of its places: its statement, or a path id when the path's opening statement moved)
      const placesBefore = new Set(before.flatMap((finding) => finding.places));
      const errorsBefore = new Set(before.filter((finding) => finding.severity === 'error').flatMap((finding) => finding.places.map((place) => `${finding.rule} ${place}`)));
      return after.every((finding) => finding.places.some((place) => placesBefore.has(place))
        && (finding.severity !== 'error' || finding.places.some((place) => errorsBefore.has(`${finding.rule} ${place}`))));
    }), { numRuns: 300 });
  });
});

describe('knowledge: administrator roles of the templates, and write actions the catalogue cannot place', () => {
  const app = (statements: unknown[], adminManaged = ['arn:aws:iam::aws:policy/AdministratorAccess']) => ({
    Resources: {
      Admin: {
        Type: 'AWS::IAM::Role',
        Properties: {
          AssumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
          ManagedPolicyArns: adminManaged,
        },
      },
      Deployer: {
        Type: 'AWS::IAM::Role',
        Properties: {
          AssumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { Service: 'codebuild.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
          Policies: [{ PolicyName: 'p', PolicyDocument: { Statement: statements } }],
        },
      },
    },
  });
  const deployerFindings = (template: object) => check([{ file: 't.json', template }], {}).findings
    .filter((finding) => finding.resource === 'Deployer' && finding.severity === 'error').map((finding) => finding.message);
  const adminArn = { 'Fn::GetAtt': ['Admin', 'Arn'] };
  const createAndInvoke = { Effect: 'Allow', Action: ['lambda:CreateFunction', 'lambda:InvokeFunction'], Resource: '*' };

  test('iam:PassRole on one role that is an administrator, with lambda:CreateFunction and InvokeFunction, is lambda-001', () => {
    const messages = deployerFindings(app([{ Effect: 'Allow', Action: 'iam:PassRole', Resource: adminArn }, createAndInvoke]));
    expect(messages).toEqual([expect.stringMatching(/lambda-001.*start a service with the administrator role <Admin\.Arn>/)]);
  });

  test('the same grant on a role that is no administrator is no path', () => {
    expect(deployerFindings(app([{ Effect: 'Allow', Action: 'iam:PassRole', Resource: adminArn }, createAndInvoke], []))).toEqual([]);
  });

  test('sts:AssumeRole on an administrator role is an error; on another role it is not', () => {
    expect(deployerFindings(app([{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: adminArn }])))
      .toEqual([expect.stringMatching(/allows sts:AssumeRole on <Admin\.Arn>, a role with administrator access/)]);
    expect(deployerFindings(app([{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: adminArn }], []))).toEqual([]);
  });

  test('a write action whose resource types the catalogue names but does not describe is still a warning on "*"', () => {
    expect(rulesOf(withStatements([{ Effect: 'Allow', Action: 'access-analyzer:CreateAnalyzer', Resource: '*' }]))).toEqual(['WildcardResource warning']);
  });
});

describe('a service-role policy counts as AWS\'s design only for the service it was written for', () => {
  const batchPolicy = { ManagedPolicyArns: ['arn:aws:iam::aws:policy/service-role/AWSBatchServiceRole'] };

  test('AWS Batch\'s policy on a role Lambda assumes is judged: the function\'s code would hold it', () => {
    const onLambda = check([{ file: 't.json', template: role({ Service: 'lambda.amazonaws.com' }, batchPolicy) }], {});
    expect(onLambda.summary.summarized).toBe(0);
    expect(onLambda.findings.some((finding) => finding.severity === 'error')).toBe(true);
  });

  test('on a role only Batch assumes, the same policy\'s findings are summarized', () => {
    const onBatch = check([{ file: 't.json', template: role({ Service: 'batch.amazonaws.com' }, batchPolicy) }], {});
    expect(onBatch.findings.filter((finding) => finding.severity === 'error')).toEqual([]);
    expect(onBatch.summary.summarized).toBeGreaterThan(0);
  });
});
