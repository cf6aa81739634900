// OEP45-W002: `${{ … }}` inside `run:` is pasted into the script text before the shell parses
// it, so a value such as a pull request title or branch name becomes shell code (script
// injection). Passed through `env:`, the same value is only ever data.
// Expressions that read the event payload or the head branch name are errors (anyone who can
// open a pull request or an issue chooses them); any other expression is a warning.

import { isScalar } from 'yaml';
import type { RawFinding, Rule } from '../rule.js';
import { atOffset, steps, value, workflowFiles } from './workflow-files.js';

const UNTRUSTED = /\bgithub\s*\.\s*(event\b|head_ref\b)|\bgithub\s*\[\s*['"](event|head_ref)['"]/;

export const w002NoExpressionsInRun: Rule = {
  meta: {
    id: 'OEP45-W002',
    title: 'no `${{ }}` inside `run:`',
    severity: 'warning',
    area: 'workflows',
    help: 'Pass the value through the step\'s `env:` (e.g. `env: { TITLE: "${{ github.event.pull_request.title }}" }`) and use "$TITLE" in the script.',
  },
  check(ctx) {
    const findings: RawFinding[] = [];
    for (const wf of workflowFiles(ctx)) {
      for (const step of steps(wf)) {
        const run = value(step.node, 'run');
        if (!isScalar(run) || !run.range) continue;
        const [start, end] = run.range;
        const source = wf.text.slice(start, end);
        for (let i = source.indexOf('${{'); i >= 0; i = source.indexOf('${{', i + 3)) {
          const close = source.indexOf('}}', i);
          const expression = source.slice(i, close < 0 ? undefined : close + 2).replace(/\s+/g, ' ');
          const untrusted = UNTRUSTED.test(expression);
          findings.push({
            message: `\`${expression}\` is pasted into the script of job ${step.job.id}, step ${step.index + 1}${untrusted ? ', and its value comes from whoever triggered the event' : ''}`,
            file: wf.file,
            ...atOffset(wf, start + i),
            severity: untrusted ? 'error' : 'warning',
          });
        }
      }
    }
    return findings;
  },
};
