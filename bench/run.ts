/**
 * `npm run bench`: what the safety costs. Prints each section's figures as ratios (machines here are noisy,
 * so absolute times mean little) and writes bench/results.json; each section runs in its own process, and
 * `npm run bench -- <section>` runs one. No test asserts a time; this is for reading.
 */
import { spawnSync } from 'child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { extname, join } from 'path';
import { App, Stack, aws_iam as iam } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { CrossAccountRole, RoleChecks, WebIdentityProvider, WebIdentityRole } from '../src';
import { CASES } from './cases';
import { APP_CONTEXT, median, medians, synthApp, time } from './measure';
import { checkTemplate } from '../src/checks/engine';
import { main } from '../src/cli/main';
import { CfnTemplate } from '../src/role-model/role-under-check';
import { evaluateTrust } from '../src/trust/evaluate';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
function synthOverhead() {
  return CASES.map((benchCase) => {
    const sizes = [100, 500, 1000].map((count) => {
      const [plain, ours] = medians(RUNS, [() => synthApp(count, benchCase.plain), () => synthApp(count, benchCase.ours)], true);
      return { count, plainMs: round(plain), oursMs: round(ours), ratio: round(ours / plain, 2) };
    });
    return { construct: benchCase.name, sizes };
  });
}

function growth() {
  const empty = median(RUNS, () => synthApp(0, () => undefined), true);
  const perRole = (add: (stack: Stack, i: number) => void) => [250, 500, 1000, 2000].map((count) => {
    const total = median(RUNS, () => synthApp(count, add), true);
    return { count, msPerRole: round((total - empty) / count, 3) };
  });
  const spread = (costs: Array<{ msPerRole: number }>) => round(costs[costs.length - 1].msPerRole / costs[0].msPerRole, 2);
  return CASES.map((benchCase) => {
    const ours = perRole(benchCase.ours);
    // The plain roles' own growth tells CDK's part (its construct tree and token map grow too) from ours.
    const plain = perRole(benchCase.plain);
    return { construct: benchCase.name, perRole: ours, ratio2000to250: spread(ours), plainRatio2000to250: spread(plain) };
  });
}

/**
 * The checks alone over one template holding N roles of each construct, as `RoleChecks` and the CLI run
 * them: time per role at N = 500, 2,000 and 8,000. The synth growth above checks each role in a template of
 * its own, so only this shows a rule that compares every role with every other resource of the template
 * (a quadratic step would make the per-role time 16 times larger at 8,000 than at 500).
 */
function templateGrowth() {
  return CASES.map((benchCase) => {
    const templates = [500, 2000, 8000].map((count) => ({ count, template: synthesizedTemplate(count, benchCase.ours) }));
    // A run takes milliseconds: warm the rules up on the largest template first, then take medians of many runs.
    for (let run = 0; run < 5; run++) checkTemplate(templates[templates.length - 1].template);
    const perRole = templates.map(({ count, template }) =>
      ({ count, usPerRole: round((median(Math.max(RUNS, 15), () => checkTemplate(template)) * 1000) / count, 1) }));
    return { construct: benchCase.name, perRole, ratio8000to500: round(perRole[perRole.length - 1].usPerRole / perRole[0].usPerRole, 2) };
  });
}

function synthesizedTemplate(count: number, add: (stack: Stack, i: number) => void): CfnTemplate {
  const app = new App({ context: APP_CONTEXT });
  const stack = new Stack(app, 'Bench');
  for (let i = 0; i < count; i++) add(stack, i);
  return app.synth({ skipValidation: true }).getStackByName('Bench').template;
}

/** RoleChecks against cdk-nag's AwsSolutions pack on the same synthesized app of plain roles, both by their direct API. */
function pluginCost(count: number) {
  const app = new App({ context: APP_CONTEXT, outdir: mkdtempSync(join(tmpdir(), 'bench-plugins-')) });
  const stack = new Stack(app, 'Bench');
  for (let i = 0; i < count; i++) {
    const role = new iam.Role(stack, `R${i}`, { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    role.addToPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [`arn:aws:s3:::bucket-${i}/*`] }));
  }
  const assembly = app.synth();
  const context = { templatePaths: assembly.stacks.map((artifact) => artifact.templateFullPath), appConstruct: app };
  const roleChecks = median(RUNS, () => new RoleChecks().validate(context));
  const nag = median(RUNS, () => new AwsSolutionsChecks().validateScope(app));
  return { roles: count, roleChecksMs: round(roleChecks), cdkNagMs: round(nag), ratio: round(roleChecks / nag, 2) };
}

function cliCost(count: number) {
  const resources: Record<string, unknown> = {};
  for (let i = 0; i < count; i++) {
    resources[`Role${i}`] = {
      Type: 'AWS::IAM::Role',
      Properties: {
        AssumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${100000000000 + i}:root` }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': `8f14e45f-ceea-467f-a0e6-${i}` } } }] },
        Policies: [{ PolicyName: 'p', PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::bucket-${i}/*` }] } }],
      },
    };
  }
  const file = join(mkdtempSync(join(tmpdir(), 'bench-')), 'template.json');
  writeFileSync(file, JSON.stringify({ Resources: resources }));
  // The CLI as a user runs it (read, parse, check, report), against reading and parsing alone; both in one
  // warm process, alternated so noise hits both, 21 runs each (a run takes milliseconds).
  const silent = { stdout: () => undefined, stderr: () => undefined };
  const [parse, cli] = medians(Math.max(RUNS, 21), [
    () => JSON.parse(readFileSync(file, 'utf8')),
    () => main(['check', file], silent),
  ]);
  return { roles: count, parseMs: round(parse), cliMs: round(cli), ratio: round(cli / parse, 2), rolesPerSecond: Math.round(count / (cli / 1000)) };
}

/**
 * The pull-request gate: the CLI with --baseline against the CLI without, on the same 5,000 roles, when no role
 * changed and when every role's trust changed (each then evaluated for its callers and near misses); and the trust
 * evaluator's requests per second.
 */
function cliBaselineCost(count: number) {
  const roles = (externalId: (i: number) => string) => {
    const resources: Record<string, unknown> = {};
    for (let i = 0; i < count; i++) {
      resources[`Role${i}`] = {
        Type: 'AWS::IAM::Role',
        Properties: {
          AssumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${100000000000 + i}:root` }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': externalId(i) } } }] },
        },
      };
    }
    const file = join(mkdtempSync(join(tmpdir(), 'bench-')), 'template.json');
    writeFileSync(file, JSON.stringify({ Resources: resources }));
    return file;
  };
  const now = roles((i) => `8f14e45f-ceea-467f-a0e6-${i}`);
  const same = roles((i) => `8f14e45f-ceea-467f-a0e6-${i}`);
  const changed = roles((i) => `0a1b2c3d-ceea-467f-a0e6-${i}`);
  const silent = { stdout: () => undefined, stderr: () => undefined };
  const [plain, unchanged, everyRoleChanged] = medians(Math.max(RUNS, 11), [
    () => main(['check', now], silent),
    () => main(['check', now, '--baseline', same], silent),
    () => main(['check', now, '--baseline', changed], silent),
  ]);
  const trust = { Statement: [{ Effect: 'Allow', Principal: { AWS: '444455556666' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': 'x' } } }] };
  const request = { action: 'sts:AssumeRole', caller: { kind: 'aws' as const, arn: 'arn:aws:iam::444455556666:role/Uploader' }, context: { 'sts:ExternalId': ['x'] } };
  const evaluations = 100000;
  const evaluatorMs = median(5, () => { for (let i = 0; i < evaluations; i++) evaluateTrust(trust, request); });
  return {
    roles: count,
    cliMs: round(plain),
    unchangedBaselineMs: round(unchanged),
    unchangedRatio: round(unchanged / plain, 2),
    everyRoleChangedBaselineMs: round(everyRoleChanged),
    everyRoleChangedRatio: round(everyRoleChanged / plain, 2),
    evaluatorRequestsPerSecond: Math.round(evaluations / (evaluatorMs / 1000)),
  };
}

/** The most entries that fit a 2,048-character trust policy: ours (by search) against the theoretical maximum. */
function capacity() {
  const limit = 2048;
  const fits = (build: (stack: Stack) => void) => {
    try {
      const app = new App();
      build(new Stack(app, 'Capacity'));
      app.synth();
      return true;
    } catch {
      return false;
    }
  };
  const largest = (build: (count: number) => (stack: Stack) => void) => {
    let low = 1;
    let high = 400;
    while (low < high) {
      const mid = Math.ceil((low + high) / 2);
      if (fits(build(mid))) low = mid; else high = mid - 1;
    }
    return low;
  };
  const accounts = largest((count) => (stack) => new CrossAccountRole(stack, 'Role', {
    trustedAccounts: Array.from({ length: count }, (_, i) => String(100000000000 + i)), externalId: '8f14e45f-ceea-467f-a0e6-e1d2c3b4a596', outputs: false,
  }));
  const branches = largest((count) => (stack) => new WebIdentityRole(stack, 'Role', {
    provider: WebIdentityProvider.githubActions({ owner: 'ride-co', repository: 'api', branches: Array.from({ length: count }, (_, i) => `b${String(i).padStart(3, '0')}`) }),
  }));
  // The theoretical maximum: the smallest document IAM would accept with the same conditions, filled with entries.
  const accountSkeleton = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: [] }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': '8f14e45f-ceea-467f-a0e6-e1d2c3b4a596' } } }] });
  const accountEntry = JSON.stringify('arn:aws:iam::100000000000:root').length + 1;
  const subjectSkeleton = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Federated: 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com' }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com', 'token.actions.githubusercontent.com:sub': [] } } }] });
  const subjectEntry = JSON.stringify('repo:ride-co/api:ref:refs/heads/b000').length + 1;
  const theory = (skeleton: string, entry: number) => Math.floor((limit - skeleton.length + 1) / entry);
  const accountsMax = theory(accountSkeleton, accountEntry);
  const branchesMax = theory(subjectSkeleton, subjectEntry);
  return {
    quota: limit,
    trustedAccounts: { fit: accounts, theoretical: accountsMax, packing: round(accounts / accountsMax, 3) },
    githubBranches: { fit: branches, theoretical: branchesMax, packing: round(branches / branchesMax, 3) },
  };
}

/** Peak memory (max resident set) of synthesizing 1,000 roles, ours and plain, each in a fresh process. */
function peakMemory() {
  return CASES.map((benchCase) => {
    const rss = (variant: string) => {
      const child = join(__dirname, `peak-memory${extname(__filename)}`); // .js when compiled, .ts under tsx
      const result = spawnSync(process.execPath, [...process.execArgv, child, benchCase.name, variant, '1000'], { encoding: 'utf8' });
      return Number(result.stdout.trim());
    };
    const plain = rss('plain');
    const ours = rss('ours');
    return { construct: benchCase.name, plainMiB: plain, oursMiB: ours, ratio: round(ours / plain, 2) };
  });
}

function round(value: number, digits = 1): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

const RESULTS = join('bench', 'results.json'); // run from the project's root
const sections: [string, () => unknown][] = [
  ['synthOverhead', synthOverhead], ['growth', growth], ['templateGrowth', templateGrowth], ['roleChecksVsCdkNag', () => pluginCost(1000)], ['cli', () => cliCost(5000)], ['cliBaseline', () => cliBaselineCost(5000)],
  ['capacity', capacity], ['peakMemory', peakMemory],
];
const section = process.argv[2];
if (section === undefined) {
  // Each section in a fresh process: the heap a section leaves behind (thousands of synthesized roles)
  // would otherwise slow the next one's garbage collection and skew its ratio.
  writeFileSync(RESULTS, JSON.stringify({ machine: { node: process.version } }, undefined, 2));
  for (const [name] of sections) {
    const child = spawnSync(process.execPath, [...process.execArgv, __filename, name], { stdio: 'inherit' });
    if (child.status !== 0) process.exit(child.status ?? 1);
  }
} else {
  const run = sections.find(([name]) => name === section)?.[1];
  if (!run) throw new Error(`no section "${section}"; the sections are ${sections.map(([name]) => name).join(', ')}`);
  const results = existsSync(RESULTS) ? JSON.parse(readFileSync(RESULTS, 'utf8')) : { machine: { node: process.version } };
  const took = time(() => { results[section] = run(); });
  results.runs = { ...results.runs, [section]: RUNS }; // a section run alone may have had other BENCH_RUNS
  console.log(`\n== ${section} (${round(took / 1000)} s)`);
  console.log(JSON.stringify(results[section], undefined, 1));
  writeFileSync(RESULTS, JSON.stringify(results, undefined, 2));
}
