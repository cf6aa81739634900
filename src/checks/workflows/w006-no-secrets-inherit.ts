// OEP45-W006: `secrets: inherit` hands every secret of the caller to the called workflow, not
// just the ones it uses; a compromised or careless reusable workflow then leaks them all.
// Naming each secret keeps the grant visible and minimal.

import { isScalar } from 'yaml';
import type { RawFinding, Rule } from '../rule.js';
import { at, jobs, value, workflowFiles } from './workflow-files.js';

export const w006NoSecretsInherit: Rule = {
  meta: {
    id: 'OEP45-W006',
    title: 'no `secrets: inherit`',
    severity: 'error',
    area: 'workflows',
    help: 'List the secrets the called workflow needs, e.g. `secrets: { registry-username: "${{ secrets.DOCKERHUB_USERNAME }}", registry-password: "${{ secrets.DOCKERHUB_PASSWORD }}" }`.',
  },
  check(ctx) {
    const findings: RawFinding[] = [];
    for (const wf of workflowFiles(ctx)) {
      for (const job of jobs(wf)) {
        const secrets = value(job.node, 'secrets');
        if (isScalar(secrets) && String(secrets.value) === 'inherit') {
          findings.push({ message: `job ${job.id} passes every secret of the repository to the workflow it calls`, file: wf.file, ...at(wf, secrets) });
        }
      }
    }
    return findings;
  },
};
