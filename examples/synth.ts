/**
 * `npm run example`: synthesizes the example app to cdk.out (no AWS account or credentials needed) and prints,
 * for each role, what it trusts, under which conditions, for how long, and what the role checks found.
 * Exits 1 when any role has an error finding.
 */
import { CfnResource } from 'aws-cdk-lib';
import { buildApp } from './ride-sharing-app';
import { acknowledgedRules } from '../src/acknowledgements';
import { checkRole } from '../src/checks/engine';
import { summarizeRole } from '../src/checks/role-summary';
import { rolesInTemplate } from '../src/checks/role-under-check';

const app = buildApp('cdk.out');
const assembly = app.synth();

/** The construct that made each role, by stack and logical id, to read its acknowledgements. */
const roleConstructs = new Map<string, CfnResource>();
for (const node of app.node.findAll()) {
  if (CfnResource.isCfnResource(node) && node.cfnResourceType === 'AWS::IAM::Role') {
    roleConstructs.set(`${node.stack.artifactId}/${node.stack.resolve(node.logicalId)}`, node);
  }
}

let errors = 0;
let warnings = 0;
let acknowledged = 0;
const lines: string[] = [];
for (const stack of assembly.stacks) {
  for (const role of rolesInTemplate(stack.template)) {
    const construct = roleConstructs.get(`${stack.id}/${role.logicalId}`);
    const path = construct?.node.scope?.node.path ?? `${stack.id}/${role.logicalId}`;
    const acks = construct?.node.scope ? acknowledgedRules(construct.node.scope) : new Map<string, string>();
    const summary = summarizeRole(role);
    lines.push(`Role ${path}`);
    lines.push(`  trusts:      ${summary.trusts.join(', ') || '(nobody)'}  [${summary.actions.join(', ')}]`);
    lines.push(`  conditions:  ${summary.conditions.join('; ') || 'none'}`);
    lines.push(`  max session: ${summary.maxSession}`);
    if (summary.alerts.length > 0) lines.push(`  alerting:    EventBridge rule ${summary.alerts.join(', ')} on every AssumeRole`);
    const findings = checkRole(role, { deployingAccount: stack.environment.account === 'unknown-account' ? undefined : stack.environment.account });
    if (findings.length === 0) lines.push('  findings:    none');
    for (const finding of findings) {
      const reason = acks.get(finding.ruleId);
      if (finding.severity === 'error') errors++;
      else if (reason !== undefined) acknowledged++;
      else warnings++;
      const label = reason !== undefined && finding.severity === 'warning' ? 'acknowledged' : finding.severity;
      lines.push(`  ${label.padEnd(12)} ${finding.ruleId}: ${finding.message}${reason ? ` (reason: ${reason})` : ''}`);
    }
    lines.push('');
  }
}
const roles = assembly.stacks.reduce((count, stack) => count + rolesInTemplate(stack.template).length, 0);
lines.push(`${roles} roles in ${assembly.stacks.length} stacks synthesized to ${assembly.directory}: ${errors} errors, ${warnings} warnings, ${acknowledged} acknowledged`);
console.log(lines.join('\n'));
process.exitCode = errors > 0 ? 1 : 0;
