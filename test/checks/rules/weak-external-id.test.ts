import { WeakExternalId } from '../../../src/checks/rules/weak-external-id';
import { findingsOf, trustStatement } from '../fixtures';

const vendor = (externalId: unknown) => trustStatement({
  Principal: { AWS: 'arn:aws:iam::444455556666:root' },
  Condition: { StringEquals: { 'sts:ExternalId': externalId } },
});

describe('WeakExternalId', () => {
  test.each([
    ['short', 'abc123', /is shorter than 12 characters/],
    ['one character repeated', 'aaaaaaaaaaaaaaaa', /is one character repeated/],
    ['guessable', 'ExternalId', /a word or number anyone would guess/],
    ['a counting number', '123456789', /a word or number anyone would guess/],
  ])('warns on a %s external id', (_name, externalId, why) => {
    const findings = findingsOf(WeakExternalId, { trust: [vendor(externalId)] });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'warning' });
    expect(findings[0].message).toMatch(why);
    expect(findings[0].message).toMatch(/confused deputy.*UUID/);
  });

  test('stays quiet on a UUID and on a parameter', () => {
    expect(findingsOf(WeakExternalId, { trust: [vendor('8f14e45f-ceea-467f-a0e6-e1d2c3b4a596')] })).toEqual([]);
    expect(findingsOf(WeakExternalId, { trust: [vendor({ Ref: 'ExternalId' })] })).toEqual([]);
  });
});
