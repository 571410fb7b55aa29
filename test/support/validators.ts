import { readFileSync } from 'fs';
import { join } from 'path';
import { App, IPolicyValidationPlugin, Stack, StackProps, Validations } from 'aws-cdk-lib';

/** One violation as CDK's validation report writes it. */
export interface ReportedViolation {
  readonly plugin: string;
  readonly ruleName: string;
  readonly constructPaths: string[];
}

/**
 * Synthesizes an app with validation plugins and returns what they reported. Validation plugins set
 * `process.exitCode` instead of throwing, which would fail jest with every test green, so the context
 * turns that off and the exit code is restored.
 */
export function synthWithValidators(
  build: (stack: Stack) => void, plugins: (app: App) => IPolicyValidationPlugin[], stackProps?: StackProps,
): ReportedViolation[] {
  const app = new App({ context: { '@aws-cdk/core:failSynthOnValidationErrors': false } });
  const stack = new Stack(app, 'Stack', stackProps);
  build(stack);
  Validations.of(app).addPlugins(...plugins(app));
  const exitCode = process.exitCode;
  const { log, error } = console;
  console.log = console.error = () => undefined; // the plugins print their report; the test reads the JSON instead
  try {
    const assembly = app.synth();
    const report = JSON.parse(readFileSync(join(assembly.directory, 'validation-report.json'), 'utf8'));
    return (report.pluginReports ?? []).flatMap((pluginReport: any) => (pluginReport.violations ?? []).map((violation: any) => ({
      plugin: pluginReport.pluginName,
      ruleName: violation.ruleName,
      constructPaths: (violation.violatingConstructs ?? []).map((construct: any) => construct.constructPath),
    })));
  } finally {
    console.log = log;
    console.error = error;
    process.exitCode = exitCode;
  }
}
