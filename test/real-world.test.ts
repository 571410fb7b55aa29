import { explainedErrors, realWorldReport } from '../real-world/run';

/**
 * The real-world fixture set (real-world/README.md): every error the checks report on roles nobody here wrote is
 * in real-world/errors.md with why it is right, every row there still fires, and warnings stay rare.
 */
describe('the real-world fixture set', () => {
  const report = realWorldReport();

  test('every error is explained in real-world/errors.md, and every row of it still fires', () => {
    expect({ unexplained: report.unexplained, stale: report.stale }).toEqual({ unexplained: [], stale: [] });
  });

  test('every row says why, and the set has both roles that are right and errors that are', () => {
    for (const row of explainedErrors()) expect(row.why.length).toBeGreaterThan(40);
    expect(report.roles).toBeGreaterThan(60);
    expect(report.errors.length).toBeGreaterThan(0);
  });

  test('warnings average at most 0.2 per role', () => {
    expect(report.warnings.length / report.roles).toBeLessThanOrEqual(0.2);
  });
});
