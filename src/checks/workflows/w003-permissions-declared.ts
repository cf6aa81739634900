// OEP45-W003: without a top-level `permissions:` every job gets the repository's default token
// permissions, which on many repositories (and on every one created before 2023) are write-all.
// Declaring `permissions: {}` at the top and granting per job keeps each job to what it needs.

import type { RawFinding, Rule } from '../rule.js';
import { at, pair, root, workflowFiles } from './workflow-files.js';

export const w003PermissionsDeclared: Rule = {
  meta: {
    id: 'OEP45-W003',
    title: 'top-level `permissions` declared',
    severity: 'warning',
    area: 'workflows',
    help: 'Add `permissions: {}` (or `contents: read`) at the top of the workflow and grant each job only what it needs under `jobs.<id>.permissions`.',
  },
  check(ctx) {
    const findings: RawFinding[] = [];
    for (const wf of workflowFiles(ctx)) {
      if (pair(root(wf), 'permissions')) continue;
      const on = pair(root(wf), 'on')?.key;
      findings.push({
        message: 'the workflow declares no top-level `permissions`, so its jobs get the repository\'s default token permissions',
        file: wf.file,
        ...(on ? { line: at(wf, on).line } : { line: 1 }),
      });
    }
    return findings;
  },
};
