import { readdirSync, readFileSync, statSync } from 'fs';
import { join } from 'path';
import * as ts from 'typescript';

const root = join(__dirname, '..');
/** The README and every page of docs/ (whose examples users copy as much as the README's). */
function markdownFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    return statSync(path).isDirectory() ? markdownFiles(path) : name.endsWith('.md') ? [path] : [];
  });
}
// docs/rules.md is made from the rules' metadata, whose code fragments show one call each (test/rules-reference.test.ts runs its examples)
const pages = [join(root, 'README.md'), ...markdownFiles(join(root, 'docs')).filter((file) => !file.endsWith('rules.md'))]
  .map((file) => readFileSync(file, 'utf8'));
const snippets = pages.flatMap((page) => [...page.matchAll(/```ts(?: nofixture)?\n([\s\S]*?)```/g)].map((match) => match[1]));

/** Type-checks each README TypeScript block as its own module, importing the package from src/. */
function diagnosticsOf(sources: string[]): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(join(root, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined })!;
  const options: ts.CompilerOptions = {
    ...config.options,
    noEmit: true,
    noUnusedLocals: false,
    baseUrl: root,
    paths: { 'cdk-iam-role-patterns': ['src/index.ts'] },
    types: ['jest', 'node'],
  };
  const files = new Map(sources.map((source, index) => [join(root, 'readme-snippets', `snippet${index}.ts`), source]));
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile;
  host.getSourceFile = (fileName, languageVersion, ...rest) => (files.has(fileName)
    ? ts.createSourceFile(fileName, files.get(fileName)!, languageVersion)
    : getSourceFile(fileName, languageVersion, ...rest));
  const fileExists = host.fileExists;
  host.fileExists = (fileName) => files.has(fileName) || fileExists(fileName);
  const program = ts.createProgram([...files.keys()], options, host);
  return ts.getPreEmitDiagnostics(program)
    .filter((diagnostic) => diagnostic.file && files.has(diagnostic.file.fileName))
    .map((diagnostic) => `${diagnostic.file!.fileName}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`);
}

describe('README and docs TypeScript examples', () => {
  test('there are examples', () => {
    expect(snippets.length).toBeGreaterThanOrEqual(4);
  });

  test('every example type-checks against the library (and a broken one would not)', () => {
    const broken = "import { LambdaExecutionRole } from 'cdk-iam-role-patterns';\nnew LambdaExecutionRole(undefined as any, 'R', { fnName: 'x' });\n";
    const diagnostics = diagnosticsOf([...snippets, broken]);
    const brokenFile = `snippet${snippets.length}.ts`;
    expect(diagnostics.filter((line) => !line.includes(brokenFile))).toEqual([]);
    expect(diagnostics.filter((line) => line.includes(brokenFile)).join('\n')).toMatch(/fnName/);
  }, 60_000);
});
