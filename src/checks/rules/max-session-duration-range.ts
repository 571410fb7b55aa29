import { hasPlaceholder, renderString } from '../../role-model/cfn-value';
import { propertySubject, Rule } from '../rule';

/** IAM accepts a MaxSessionDuration from 3,600 to 43,200 seconds (1 to 12 hours). */
export const MaxSessionDurationRange: Rule = {
  name: 'MaxSessionDurationRange',
  severity: 'error',
  description: 'MaxSessionDuration must be a whole number of seconds from 3600 to 43200.',
  docs: {
    why: 'IAM refuses the value, so the deployment fails.',
    fix: 'Use a whole number of seconds from 3600 to 43200.',
    insecure: { properties: { MaxSessionDuration: 60 } },
    secure: { properties: { MaxSessionDuration: 3600 } },
  },
  check({ role }, report) {
    const raw = renderString(role.properties.MaxSessionDuration);
    if (raw === undefined || hasPlaceholder(raw)) return;
    const seconds = Number(raw);
    if (Number.isInteger(seconds) && seconds >= 3600 && seconds <= 43200) return;
    report(`MaxSessionDuration ${raw} is outside what IAM accepts: a whole number of seconds from 3600 (1 hour) to 43200 (12 hours). `
      + 'Role chaining caps sessions at 1 hour whatever this says.', propertySubject(role, 'MaxSessionDuration'));
  },
};
