import { MaxSessionDurationRange } from '../../../src/checks/rules/max-session-duration-range';
import { findingsOf } from '../fixtures';

describe('MaxSessionDurationRange', () => {
  test.each([[3599], [43201], [3600.5], ['forever']])('fires on %j', (MaxSessionDuration) => {
    const findings = findingsOf(MaxSessionDurationRange, { properties: { MaxSessionDuration } });
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toMatch(/from 3600 \(1 hour\) to 43200 \(12 hours\)/);
  });

  test('stays quiet on the bounds, a parameter, and no value', () => {
    for (const MaxSessionDuration of [3600, 43200, '7200', { Ref: 'Duration' }, undefined]) {
      expect(findingsOf(MaxSessionDurationRange, { properties: { MaxSessionDuration } })).toEqual([]);
    }
  });
});
