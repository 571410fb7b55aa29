import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { AwsSolutionsChecks } from 'cdk-nag';
import { EksPodIdentityRole } from '../../src';
import { synthWithValidators } from '../support/validators';

describe('EksPodIdentityRole under cdk-nag (AwsSolutions) and cfn-guard (Control Tower rules)', () => {
  const build = (stack: any) => new EksPodIdentityRole(stack, 'Role', { clusterName: 'rides-prod', namespace: 'payments', serviceAccount: 'ledger' });

  test('cdk-nag reports nothing', () => {
    expect(synthWithValidators(build, (app) => [new AwsSolutionsChecks(app)])).toEqual([]);
  });

  test('cfn-guard reports nothing', () => {
    expect(synthWithValidators(build, () => [new CfnGuardValidator()])).toEqual([]);
  });
});
