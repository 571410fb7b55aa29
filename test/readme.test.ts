import { readFileSync } from 'fs';
import { join } from 'path';
import { ALL_RULES } from '../src/checks/rules';

const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');

describe('README', () => {
  test.each(ALL_RULES.map((rule) => [rule.name, rule.severity]))('documents rule %s with its severity (%s)', (name, severity) => {
    expect(readme).toMatch(new RegExp(`\\| \`${name}\` \\| ${severity} \\|`));
  });

  test('gives the Quick start\'s two commands', () => {
    expect(readme).toContain('npm ci && npm run example');
    expect(readme).toContain('npm ci && npm test');
  });
});
