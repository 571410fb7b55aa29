import { AllowWithNotAction } from '../../../src/checks/rules/allow-with-not-action';
import { findingsOf } from '../fixtures';

describe('AllowWithNotAction', () => {
  test('warns on Allow with NotAction and on Allow with NotResource', () => {
    const findings = findingsOf(AllowWithNotAction, {
      permissions: [
        { Effect: 'Allow', NotAction: 'iam:*', Resource: '*' },
        { Effect: 'Allow', Action: 's3:GetObject', NotResource: 'arn:aws:s3:::secret/*' },
      ],
    });
    expect(findings.map((finding) => finding.message)).toEqual([
      expect.stringMatching(/allows with NotAction, which grants every action not listed/),
      expect.stringMatching(/allows with NotResource, which grants every resource not listed/),
    ]);
  });

  test('stays quiet on Deny with NotAction', () => {
    expect(findingsOf(AllowWithNotAction, { permissions: [{ Effect: 'Deny', NotAction: 'iam:ChangePassword', Resource: '*' }] })).toEqual([]);
  });
});
