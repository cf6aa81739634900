// OEP45-W005: `pull_request_target` runs with the base repository's secrets and a write token
// while the pull request may come from anyone's fork; one step that checks out or runs the
// pull request's code hands both to its author ("pwn request").

import type { RawFinding, Rule } from '../rule.js';
import { at, events, workflowFiles } from './workflow-files.js';

export const w005NoPullRequestTarget: Rule = {
  meta: {
    id: 'OEP45-W005',
    title: 'no `pull_request_target` trigger',
    severity: 'error',
    area: 'workflows',
    help: 'Use `pull_request` (no secrets, read-only token for forks). Work that needs a write token, such as commenting, goes in a separate `workflow_run` workflow that never runs the pull request\'s code.',
  },
  check(ctx) {
    const findings: RawFinding[] = [];
    for (const wf of workflowFiles(ctx)) {
      for (const event of events(wf)) {
        if (event.name !== 'pull_request_target') continue;
        findings.push({ message: 'the workflow runs on `pull_request_target`: fork pull requests run with the repository\'s secrets and write token', file: wf.file, ...at(wf, event.node) });
      }
    }
    return findings;
  },
};
