// OEP45-W004: a write permission at the top of a workflow goes to every job in it, including the
// ones that run third-party code (linters, test tools, build scripts). Write access belongs to
// the one job that needs it.

import { isMap, isScalar } from 'yaml';
import type { RawFinding, Rule } from '../rule.js';
import { at, root, value, workflowFiles } from './workflow-files.js';

export const w004NoWorkflowWrite: Rule = {
  meta: {
    id: 'OEP45-W004',
    title: 'no write permission at workflow level',
    severity: 'error',
    area: 'workflows',
    help: 'Set `permissions: {}` (or read-only scopes) at the top and move each `write` grant into the job that needs it.',
  },
  check(ctx) {
    const findings: RawFinding[] = [];
    for (const wf of workflowFiles(ctx)) {
      const permissions = value(root(wf), 'permissions');
      if (isScalar(permissions) && String(permissions.value) === 'write-all') {
        findings.push({ message: '`permissions: write-all` at workflow level gives every job write access to everything', file: wf.file, ...at(wf, permissions) });
      }
      if (!isMap(permissions)) continue;
      for (const p of permissions.items) {
        if (isScalar(p.value) && String(p.value.value) === 'write') {
          const scope = isScalar(p.key) ? String(p.key.value) : '?';
          findings.push({ message: `\`${scope}: write\` at workflow level gives every job that permission`, file: wf.file, ...at(wf, p.key) });
        }
      }
    }
    return findings;
  },
};
