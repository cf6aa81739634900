// OEP45-W007: actions/checkout writes the job's token into .git/config unless told not to;
// every later step (and anything a build copies out of the checkout, such as a Docker build
// context or an uploaded artifact) can then read it.

import { isScalar } from 'yaml';
import type { RawFinding, Rule } from '../rule.js';
import { at, steps, value, workflowFiles } from './workflow-files.js';

export const w007CheckoutCredentials: Rule = {
  meta: {
    id: 'OEP45-W007',
    title: 'checkout with `persist-credentials: false`',
    severity: 'warning',
    area: 'workflows',
    help: 'Add `with: { persist-credentials: false }` to the checkout step; a step that must push can be given a token explicitly.',
  },
  check(ctx) {
    const findings: RawFinding[] = [];
    for (const wf of workflowFiles(ctx)) {
      for (const step of steps(wf)) {
        const uses = value(step.node, 'uses');
        if (!isScalar(uses) || !/^actions\/checkout(@|$)/i.test(String(uses.value).trim())) continue;
        const persist = value(value(step.node, 'with'), 'persist-credentials');
        if (isScalar(persist) && String(persist.value).toLowerCase() === 'false') continue;
        findings.push({ message: `the checkout in job ${step.job.id}, step ${step.index + 1} leaves the job's token in .git/config`, file: wf.file, ...at(wf, uses) });
      }
    }
    return findings;
  },
};
