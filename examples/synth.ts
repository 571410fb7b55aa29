/**
 * `npm run example`: synthesizes the example app to cdk.out (no AWS account or credentials needed), prints
 * a table of its roles (what each trusts, under which key conditions, for how long, whether its use is
 * alerted, and what the role checks found), and writes the same as Markdown to cdk.out/roles.md.
 * Exits 1 when any role has an error finding.
 */
import { writeFileSync } from 'fs';
import { join } from 'path';
import { markdownReport, reportRoles, textReport } from './report';
import { buildApp } from './ride-sharing-app';

const app = buildApp('cdk.out');
const assembly = app.synth();
const roles = reportRoles(app, assembly);
const errors = roles.flatMap((role) => role.findings).filter((finding) => finding.severity === 'error').length;

console.log(textReport(roles));
writeFileSync(join(assembly.directory, 'roles.md'), markdownReport(roles));
console.log(`\n${roles.length} roles in ${assembly.stacks.length} stacks synthesized to ${assembly.directory} (report: ${join(assembly.directory, 'roles.md')}): `
  + `${errors} errors`);
process.exitCode = errors > 0 ? 1 : 0;
