import { readFileSync } from 'fs';
import { join } from 'path';
import { Duration, aws_iam as iam } from 'aws-cdk-lib';
import * as fc from 'fast-check';
import { SamlFederationRole, SamlFederationRoleProps, SamlSubjectType } from '../../src';
import { builtCleanOrNamedTheProp } from '../support/random-props';

const METADATA = readFileSync(join(__dirname, '..', 'fixtures', 'idp-metadata.xml'), 'utf8');
const PROP_NAMES = /has invalid props:\n {2}- (signInRegions|allowedSubjects|maxSessionDuration|roleName|path|metadataDocument)\b/;

const props: fc.Arbitrary<Partial<SamlFederationRoleProps>> = fc.record({
  signInRegions: fc.option(fc.array(fc.oneof(fc.constantFrom('eu-west-1', 'us-east-1', 'us-gov-west-1', 'cn-north-1'), fc.string({ maxLength: 10 })), { maxLength: 3 }), { nil: undefined }),
  allowedSubjects: fc.option(fc.array(fc.oneof(fc.emailAddress(), fc.string({ maxLength: 8 })), { maxLength: 3 }), { nil: undefined }),
  subjectType: fc.option(fc.constantFrom(SamlSubjectType.PERSISTENT, SamlSubjectType.TRANSIENT), { nil: undefined }),
  sessionTags: fc.option(fc.boolean(), { nil: undefined }),
  sourceIdentity: fc.option(fc.boolean(), { nil: undefined }),
  maxSessionDuration: fc.option(fc.integer({ min: 30, max: 800 }).map((minutes) => Duration.minutes(minutes)), { nil: undefined }),
  roleName: fc.option(fc.oneof(fc.stringMatching(/^[\w+=,.@-]{1,64}$/), fc.string({ maxLength: 70 })), { nil: undefined }),
}, { requiredKeys: [] });

describe('SamlFederationRole with random props', () => {
  test('either synthesizes a role with SAML:aud that breaks no rule, or throws an error that names the prop', () => {
    fc.assert(fc.property(props, (input) => {
      const template = builtCleanOrNamedTheProp((stack) => new SamlFederationRole(stack, 'Role', { metadataDocument: iam.SamlMetadataDocument.fromXml(METADATA), managedPolicies: [], ...input }), PROP_NAMES);
      if (!template) return;
      const role = Object.values<any>(template.Resources).find((resource) => resource.Type === 'AWS::IAM::Role');
      expect(role.Properties.AssumeRolePolicyDocument.Statement[0].Condition.StringEquals['SAML:aud'].length).toBeGreaterThan(0);
    }), { numRuns: 150 });
  });
});
