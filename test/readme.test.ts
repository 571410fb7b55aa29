import { readFileSync } from 'fs';
import { join } from 'path';
import { ALL_RULES } from '../src/checks/rules';

const root = join(__dirname, '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const rules = readFileSync(join(root, 'docs', 'rules.md'), 'utf8');

describe('README', () => {
  test.each(ALL_RULES.map((rule) => [rule.name, rule.severity]))('the rules reference documents rule %s with its severity (%s)', (name, severity) => {
    expect(rules).toMatch(new RegExp(`\\| \\[\`${name}\`\\]\\(#${name.toLowerCase()}\\) \\| ${severity} \\|`));
  });

  test('shows how to add the library to an app, links every construct\'s page, and gives the example\'s commands with npm ci once', () => {
    expect(readme).toContain('npm install cdk-iam-role-patterns');
    expect(readme).toContain('Validations.of(app).addPlugins(new RoleChecks())');
    for (const page of ['lambda-execution-role', 'break-glass-role', 'saml-federation-role', 'web-identity-role', 'eks-pod-identity-role', 'cross-account-role']) {
      expect(readme).toContain(`(docs/constructs/${page}.md)`);
    }
    expect(readme).toContain('npm ci && npm run example');
    expect(readme.match(/npm ci/g)?.length).toBe(3); // the example's command, and the two CI workflows' synth steps
  });
});
