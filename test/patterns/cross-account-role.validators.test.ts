import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { aws_iam as iam } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { CrossAccountRole, CrossAccountRoleProps } from '../../src';
import { synthWithValidators } from '../support/validators';

const UUID = '8f14e45f-ceea-467f-a0e6-e1d2c3b4a596';
const MODES: [string, CrossAccountRoleProps][] = [
  ['principal ARNs', { trustedPrincipalArns: ['arn:aws:iam::444455556666:role/LabUploader'] }],
  ['organization', { organizationId: 'o-a1b2c3d4e5' }],
  ['vendor', { trustedAccounts: ['444455556666'], thirdParty: true, externalId: UUID }],
];
const validators = (app: any) => [new AwsSolutionsChecks(app), new CfnGuardValidator()];

describe('CrossAccountRole under cdk-nag (AwsSolutions) and cfn-guard (Control Tower rules)', () => {
  test.each(MODES)('%s: nothing reported on the defaults', (_name, props) => {
    expect(synthWithValidators((stack) => new CrossAccountRole(stack, 'Role', props), validators)).toEqual([]);
  });

  test('what the user adds is still reported: an AWS managed policy draws AwsSolutions-IAM4', () => {
    const violations = synthWithValidators((stack) => new CrossAccountRole(stack, 'Role', {
      trustedAccounts: ['444455556666'], externalId: UUID, managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('SecurityAudit')],
    }), validators);
    expect(violations.map((violation) => violation.ruleName)).toEqual(['AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/SecurityAudit]']);
  });
});
