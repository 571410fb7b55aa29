import { spawnSync } from 'child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, relative } from 'path';

/**
 * The package as a user gets it: the tarball `npx projen package` made (dist/js), unpacked into a fresh folder's
 * node_modules next to aws-cdk-lib and constructs (linked from this project's node_modules, so no network is
 * needed), used by a plain JavaScript app and by its CLI.
 */
const root = join(__dirname, '..', '..');
const distJs = join(root, 'dist', 'js');
const tarball = existsSync(distJs) ? readdirSync(distJs).find((name) => name.endsWith('.tgz')) : undefined;

const fresh = mkdtempSync(join(tmpdir(), 'installed-'));
const modules = join(fresh, 'node_modules');
const installed = join(modules, 'cdk-iam-role-patterns');

beforeAll(() => {
  if (!tarball) throw new Error(`no tarball in ${distJs}: run npx projen package (the build does) before test:package`);
  mkdirSync(modules, { recursive: true });
  const untar = spawnSync('tar', ['xzf', join(distJs, tarball), '-C', modules], { encoding: 'utf8' });
  if (untar.status !== 0) throw new Error(untar.stderr);
  renameSync(join(modules, 'package'), installed);
  for (const dependency of ['aws-cdk-lib', 'constructs']) symlinkSync(join(root, 'node_modules', dependency), join(modules, dependency), 'dir');
});

function filesUnder(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [relative(installed, path)];
  });
}

const node = (args: string[]) => spawnSync(process.execPath, args, { cwd: fresh, encoding: 'utf8' });

describe('the packed tarball', () => {
  test('holds the compiled library, its types, the jsii assembly, the docs and the bundled dependencies, and nothing else', () => {
    const unexpected = filesUnder(installed).filter((file) => !(
      /^lib\/.*\.(js|d\.ts)$/.test(file)
      || ['.jsii', 'API.md', 'README.md', 'LICENSE', 'package.json'].includes(file)
      || /^node_modules\//.test(file) // the bundled dependencies (yaml, fast-xml-parser) and theirs
    ));
    expect(unexpected).toEqual([]);
    expect(filesUnder(installed)).toEqual(expect.arrayContaining(['lib/index.js', 'lib/index.d.ts', 'lib/cli/index.js', '.jsii', 'API.md']));
  });

  test('states the Node versions it supports', () => {
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
    expect(manifest.engines).toEqual({ node: '>= 20.0.0' });
  });

  test('a plain JavaScript app synthesizes one role of each construct; the CLI from the package checks its cloud assembly', () => {
    writeFileSync(join(fresh, 'app.js'), `
      const { App, Stack, aws_cloudtrail: cloudtrail, aws_iam: iam } = require('aws-cdk-lib');
      const patterns = require('cdk-iam-role-patterns');
      const app = new App({ outdir: 'cdk.out' });
      const stack = new Stack(app, 'Installed', { env: { account: '111122223333', region: 'eu-west-1' } });
      const readOnly = [iam.ManagedPolicy.fromAwsManagedPolicyName('ReadOnlyAccess')];
      new patterns.LambdaExecutionRole(stack, 'Lambda', { functionName: 'orders' });
      const trail = patterns.AlertTrail.fromTrailRef(cloudtrail.CfnTrail.fromTrailArn(stack, 'OrgTrail', 'arn:aws:cloudtrail:us-east-1:111122223333:trail/org'));
      new patterns.BreakGlassRole(stack, 'BreakGlass', { trustedPrincipalArns: ['arn:aws:iam::111122223333:user/servicedesk/*'], managedPolicies: readOnly, trail });
      const anchor = patterns.RolesAnywhereTrustAnchor.fromTrustAnchorArn('arn:aws:rolesanywhere:eu-west-1:111122223333:trust-anchor/0a1b2c3d-4e5f-6789-abcd-ef0123456789');
      new patterns.RolesAnywhereRole(stack, 'Agent', { trustAnchor: anchor, subject: { commonName: 'agent.example' }, managedPolicies: readOnly });
      new patterns.CrossAccountRole(stack, 'Vendor', { trustedAccounts: ['444455556666'], thirdParty: true, externalId: 'a1b2c3d4e5f6a7b8', managedPolicies: readOnly });
      new patterns.WebIdentityRole(stack, 'GitHub', { provider: patterns.WebIdentityProvider.githubActions({ owner: 'ride-co', repository: 'api', branches: ['main'] }) });
      new patterns.SamlFederationRole(stack, 'Staff', { samlProvider: iam.SamlProvider.fromSamlProviderArn(stack, 'Idp', 'arn:aws:iam::111122223333:saml-provider/Corp'), managedPolicies: readOnly });
      new patterns.EksPodIdentityRole(stack, 'Pods', { clusterName: 'rides-prod', namespace: 'payments', serviceAccount: 'ledger' });
      app.synth();
      console.log('synthesized');
      const roles = patterns.RoleAssertions.fromStack(stack);
      roles.assertAllowed('Vendor', { principal: 'arn:aws:iam::444455556666:role/Auditor', context: { 'sts:ExternalId': 'a1b2c3d4e5f6a7b8' } });
      roles.assertDenied('Vendor', { principal: 'arn:aws:iam::444455556666:role/Auditor' });
      console.log(roles.evaluate('Lambda', { principal: 'ec2.amazonaws.com' }).reason);
    `);
    const synth = node(['app.js']);
    expect({ status: synth.status, stderr: synth.stderr }).toEqual({ status: 0, stderr: '' });
    expect(synth.stdout).toContain('synthesized');
    expect(synth.stdout).toContain('no statement allows it'); // RoleAssertions from plain JavaScript
    const cli = node([join(installed, 'lib', 'cli', 'index.js'), 'check', 'cdk.out']);
    expect(cli.status).toBe(0);
    // the break-glass role's change alerts come from us-east-1: a second stack, with its EventBridge role
    expect(cli.stdout).toMatch(/2 files, 8 roles: 0 errors, 0 warnings/);
    const version = node([join(installed, 'lib', 'cli', 'index.js'), 'check', '--version']);
    expect(version.stdout).toMatch(/^cdk-iam-role-patterns \d+\.\d+\.\d+/);
  });
});
