// OEP45-W005: `pull_request_target` runs with the base repository's secrets and a write token
// while the pull request may come from anyone's fork; one step that checks out or runs the
// pull request's code hands both to its author ("pwn request"). That is an error, at the step.
// A workflow on `pull_request_target` whose jobs check out no pull-request code and run none of it
// (labelling, commenting, adding the pull request to a project board) is a warning: safe as it
// is, one edit away from not being. A workflow of the same repository that a job calls counts as
// part of it; another repository's workflow cannot be seen into, and the warning names it.

import { isMap, isScalar } from 'yaml';
import type { RawFinding, Rule } from '../rule.js';
import { at, events, jobs, steps, value, workflowFiles, type WorkflowFile } from './workflow-files.js';

/** Expressions and refs that name the pull request's own code. */
const PR_CODE = /github\s*\.\s*(event\s*\.\s*pull_request\s*\.\s*(head|merge_commit_sha)|head_ref)|refs\/pull\/|\bpull\/\$|\bpull\/\d/;
/** Shell commands that fetch or check out a pull request. */
const PR_CHECKOUT = /\bgh\s+pr\s+checkout\b|\bgit\s+(fetch|checkout|switch|pull)\b[^\n]*(refs\/pull|pull\/|github\s*\.\s*(event\s*\.\s*pull_request|head_ref)|\$\{?\{?\s*(PR_|HEAD_))/;

function scalarText(node: unknown): string {
  if (isScalar(node)) return String(node.value ?? '');
  if (isMap(node)) return node.items.map((p) => `${isScalar(p.key) ? String(p.key.value) : ''}: ${scalarText(p.value)}`).join('\n');
  return '';
}

/** The steps (and reusable-workflow calls) of a workflow that bring the pull request's code in. */
function prCodeSteps(wf: WorkflowFile, all: WorkflowFile[], seen = new Set<string>()): { node: unknown; where: string }[] {
  seen.add(wf.file);
  const found: { node: unknown; where: string }[] = [];
  for (const step of steps(wf)) {
    const uses = value(step.node, 'uses');
    const withText = scalarText(value(step.node, 'with'));
    const run = scalarText(value(step.node, 'run'));
    const checkout = isScalar(uses) && /^actions\/checkout@/.test(String(uses.value)) && PR_CODE.test(withText);
    if (checkout || PR_CHECKOUT.test(run)) found.push({ node: checkout ? uses : value(step.node, 'run'), where: `job ${step.job.id}, step ${step.index + 1}` });
  }
  for (const job of jobs(wf)) {
    const uses = value(job.node, 'uses');
    if (!isScalar(uses)) continue;
    if (PR_CODE.test(scalarText(value(job.node, 'with')))) {
      found.push({ node: uses, where: `job ${job.id}` });
      continue;
    }
    // A workflow of this repository runs in the caller's context: what it checks out counts here.
    const local = localWorkflow(String(uses.value), all);
    if (local && !seen.has(local.file) && prCodeSteps(local, all, seen).length) found.push({ node: uses, where: `job ${job.id} (through ${local.file})` });
  }
  return found;
}

/** `./.github/workflows/build.yml` → that file, when the project has it. */
function localWorkflow(uses: string, all: WorkflowFile[]): WorkflowFile | undefined {
  if (!uses.startsWith('./')) return undefined;
  const path = uses.slice(2).replace(/@.*$/, '');
  return all.find((wf) => wf.file === path || path.endsWith(`/${wf.file}`) || wf.file.endsWith(`/${path}`));
}

/** Jobs that call another repository's workflow: what it runs is decided there, out of sight. */
function remoteCalls(wf: WorkflowFile): { node: unknown; job: string; uses: string }[] {
  const out: { node: unknown; job: string; uses: string }[] = [];
  for (const job of jobs(wf)) {
    const uses = value(job.node, 'uses');
    if (isScalar(uses) && !String(uses.value).startsWith('./')) out.push({ node: uses, job: job.id, uses: String(uses.value).replace(/@.*$/, '') });
  }
  return out;
}

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
      const event = events(wf).find((e) => e.name === 'pull_request_target');
      if (!event) continue;
      const code = prCodeSteps(wf, workflowFiles(ctx));
      if (code.length) {
        for (const c of code) {
          findings.push({
            message: `the workflow runs on \`pull_request_target\` and ${c.where} checks out the pull request's code: a fork's author runs it with the repository's secrets and write token`,
            file: wf.file,
            ...at(wf, c.node),
          });
        }
        continue;
      }
      const calls = remoteCalls(wf);
      const called = calls.length ? ` (nor may ${calls[0]!.uses}, which job ${calls[0]!.job} calls${calls.length > 1 ? `, nor the ${calls.length - 1} other called workflow${calls.length > 2 ? 's' : ''}` : ''})` : '';
      findings.push({
        message: `the workflow runs on \`pull_request_target\` (the repository's secrets and write token for fork pull requests); no job checks out or runs the pull request's code here${called}, so it is safe as long as none ever does`,
        file: wf.file,
        ...at(wf, event.node),
        severity: 'warning',
        help: 'Keep it so: never check out or run the pull request\'s code here. Where the job only needs the event (labels, comments, a project board), `pull_request` with the needed `permissions:` or a `workflow_run` workflow is safer still.',
      });
    }
    return findings;
  },
};
