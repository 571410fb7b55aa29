import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as fc from 'fast-check';
import { WebIdentityProvider, WebIdentityRole } from '../../src';

/** IAM's StringLike: `*` any run of characters, `?` one character; StringEquals compares literally. */
function matches(operator: string, pattern: string, value: string): boolean {
  if (operator === 'StringEquals') return pattern === value;
  const body = pattern.split('').map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('');
  return new RegExp(`^${body}$`).test(value);
}

const name = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9-]{0,12}$/);
const filter = fc.stringMatching(/^[A-Za-z0-9*?/._-]{1,12}$/);
const filters = fc.record({
  branches: fc.option(fc.array(filter, { maxLength: 3 }), { nil: undefined }),
  environments: fc.option(fc.array(filter, { maxLength: 3 }), { nil: undefined }),
  tags: fc.option(fc.array(filter, { maxLength: 3 }), { nil: undefined }),
  pullRequests: fc.option(fc.boolean(), { nil: undefined }),
}, { requiredKeys: [] });
/** Subjects GitHub issues for workflows of some repository: any ref, environment or event. */
const otherSubject = (owner: string, repository: string) => fc.oneof(
  filter.map((branch) => `repo:${owner}/${repository}:ref:refs/heads/${branch}`),
  filter.map((environment) => `repo:${owner}/${repository}:environment:${environment}`),
  filter.map((tag) => `repo:${owner}/${repository}:ref:refs/tags/${tag}`),
  fc.constant(`repo:${owner}/${repository}:pull_request`),
);

describe('GitHub Actions subjects from random filters', () => {
  test('never match a workflow of another repository or another owner', () => {
    const scenario = fc.record({ owner: name, repository: name, filters, otherOwner: name, otherRepository: name })
      .filter(({ owner, repository, otherOwner, otherRepository }) => owner !== otherOwner && repository !== otherRepository)
      .chain((input) => fc.record({
        input: fc.constant(input),
        strangers: fc.array(fc.oneof(
          otherSubject(input.owner, input.otherRepository),
          otherSubject(input.otherOwner, input.repository),
          otherSubject(input.otherOwner, input.otherRepository),
        ), { minLength: 1, maxLength: 5 }),
      }));
    fc.assert(fc.property(scenario, ({ input, strangers }) => {
      const stack = new Stack(new App(), 'Stack');
      try {
        new WebIdentityRole(stack, 'Role', { provider: WebIdentityProvider.githubActions({ owner: input.owner, repository: input.repository, ...input.filters }) });
      } catch (error) {
        expect((error as Error).message).toMatch(/give at least one filter/);
        return;
      }
      const role = Object.values(Template.fromStack(stack).findResources('AWS::IAM::Role'))[0];
      const condition = role.Properties.AssumeRolePolicyDocument.Statement[0].Condition;
      const [operator, keys] = Object.entries<any>(condition).find(([, tests]) => 'token.actions.githubusercontent.com:sub' in tests)!;
      const subjects: string[] = keys['token.actions.githubusercontent.com:sub'];
      for (const stranger of strangers) {
        expect(subjects.filter((subject) => matches(operator, subject, stranger))).toEqual([]);
      }
    }), { numRuns: 200 });
  });
});
