import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { AwsSolutionsChecks } from 'cdk-nag';
import { WebIdentityRole } from '../../src';
import { synthWithValidators } from '../support/validators';
import { PROVIDERS } from '../support/web-identity-providers';

describe('WebIdentityRole under cdk-nag (AwsSolutions) and cfn-guard (Control Tower rules)', () => {
  test.each(PROVIDERS)('%s: nothing reported on the defaults', (_name, provider) => {
    const violations = synthWithValidators((stack) => new WebIdentityRole(stack, 'Role', { provider: provider() }),
      (app) => [new AwsSolutionsChecks(app), new CfnGuardValidator()]);
    expect(violations).toEqual([]);
  });
});
