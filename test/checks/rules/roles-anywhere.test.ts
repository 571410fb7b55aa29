import { RolesAnywhereSubjectUnpinned } from '../../../src/checks/rules/roles-anywhere-subject-unpinned';
import { RolesAnywhereWithoutSourceArn } from '../../../src/checks/rules/roles-anywhere-without-source-arn';
import { findingsOf } from '../fixtures';

const ANCHOR = 'arn:aws:rolesanywhere:eu-west-1:111122223333:trust-anchor/0a1b2c3d-4e5f-6789-abcd-ef0123456789';
const trust = (condition?: Record<string, unknown>, service: unknown = 'rolesanywhere.amazonaws.com') => ({
  trust: [{ Effect: 'Allow', Principal: { Service: service }, Action: ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity'], ...condition ? { Condition: condition } : {} }],
});

describe('RolesAnywhereWithoutSourceArn', () => {
  test('fires on a Roles Anywhere trust with no aws:SourceArn, or with one that names every trust anchor', () => {
    expect(findingsOf(RolesAnywhereWithoutSourceArn, trust())[0].message).toMatch(/no condition on aws:SourceArn, so a certificate of any trust anchor/);
    expect(findingsOf(RolesAnywhereWithoutSourceArn, trust({ StringEquals: { 'aws:SourceAccount': '111122223333' } }))).toHaveLength(1);
    expect(findingsOf(RolesAnywhereWithoutSourceArn, trust({ ArnLike: { 'aws:SourceArn': '*' } }), {})).toHaveLength(1);
    expect(findingsOf(RolesAnywhereWithoutSourceArn, trust(undefined, ['ec2.amazonaws.com', 'rolesanywhere.amazonaws.com']))).toHaveLength(1);
  });

  test('stays quiet with the trust anchor named, and on trusts of other services', () => {
    expect(findingsOf(RolesAnywhereWithoutSourceArn, trust({ ArnEquals: { 'aws:SourceArn': ANCHOR } }))).toEqual([]);
    expect(findingsOf(RolesAnywhereWithoutSourceArn, trust(undefined, 'ec2.amazonaws.com'))).toEqual([]);
  });
});

describe('RolesAnywhereSubjectUnpinned', () => {
  test('fires when no condition pins the certificate subject', () => {
    expect(findingsOf(RolesAnywhereSubjectUnpinned, trust({ ArnEquals: { 'aws:SourceArn': ANCHOR } }))[0].message).toMatch(/every certificate the trust anchor's CA has issued/);
    expect(findingsOf(RolesAnywhereSubjectUnpinned, trust({ ArnEquals: { 'aws:SourceArn': ANCHOR }, StringLike: { 'aws:PrincipalTag/x509Subject/CN': '*' } }))).toHaveLength(1);
  });

  test.each([
    ['the common name', { 'aws:PrincipalTag/x509Subject/CN': 'backup-agent.onprem.example' }],
    ['the organizational unit', { 'aws:PrincipalTag/x509Subject/OU': 'Backup' }],
    ['the source identity (the common name, as Roles Anywhere sets it)', { 'sts:SourceIdentity': 'backup-agent.onprem.example' }],
  ])('stays quiet with %s pinned', (_name, pin) => {
    expect(findingsOf(RolesAnywhereSubjectUnpinned, trust({ ArnEquals: { 'aws:SourceArn': ANCHOR }, StringEquals: pin }))).toEqual([]);
  });

  test('stays quiet on trusts of other services', () => {
    expect(findingsOf(RolesAnywhereSubjectUnpinned, trust(undefined, 'ec2.amazonaws.com'))).toEqual([]);
  });
});
