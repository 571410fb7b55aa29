import { readFileSync } from 'fs';
import { join } from 'path';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { aws_iam as iam } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { SamlFederationRole } from '../../src';
import { synthWithValidators } from '../support/validators';

describe('SamlFederationRole under cdk-nag (AwsSolutions) and cfn-guard (Control Tower rules)', () => {
  test('nothing reported on the defaults with an inline policy', () => {
    const violations = synthWithValidators((stack) => new SamlFederationRole(stack, 'Role', {
      metadataDocument: iam.SamlMetadataDocument.fromXml(readFileSync(join(__dirname, '..', 'fixtures', 'idp-metadata.xml'), 'utf8')),
      inlinePolicies: { Read: new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::ride-co-reports/summary.csv'] })] }) },
    }), (app) => [new AwsSolutionsChecks(app), new CfnGuardValidator()]);
    expect(violations).toEqual([]);
  });
});
