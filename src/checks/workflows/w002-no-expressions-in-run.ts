// OEP45-W002: `${{ … }}` inside `run:` is pasted into the script text before the shell parses
// it, so a value such as a pull request title or branch name becomes shell code (script
// injection). Passed through `env:`, the same value is only ever data.
// Only values an outsider can set are reported, by where they come from:
//   * error: the event payload's text (a title, a body, a branch name: `github.event.…`,
//     `github.head_ref`), directly or through an `env:` value that holds it;
//   * warning: values that may carry such text — a step's or a job's outputs, a matrix that is not
//     written in the workflow (`fromJSON(…)` of an output), a reusable workflow's string input;
//   * nothing: values the repository or the runner chose — a matrix written in the workflow,
//     numbers, ids and SHAs of the event (`github.event.pull_request.number`, `github.run_id`),
//     the repository's own names (`github.event.repository.name`), workflow_dispatch inputs,
//     secrets, vars, `runner.*`, an env value set in the workflow or by a step (`$GITHUB_ENV`).

import { isMap, isScalar, isSeq } from 'yaml';
import type { RawFinding, Rule } from '../rule.js';
import type { Severity } from '../../model/finding.js';
import { atOffset, root, steps, value, workflowFiles, type JobRef, type StepRef, type WorkflowFile } from './workflow-files.js';

type Level = 'error' | 'warning' | undefined;

const REFERENCE = /\b(github|env|matrix|steps|needs|inputs|secrets|vars|runner|job|jobs|strategy)((?:\s*\.\s*[\w-]+|\[\s*['"][^'"]+['"]\s*\]|\.\*)*)/g;

/** Event fields a pull request's author cannot write text into: numbers, ids, SHAs, flags, times, logins. */
const SAFE_EVENT_FIELD = /(^|\.)(number|id|\w+_id|node_id|sha|before|after|merged|draft|locked|fork|private|size|additions|deletions|changed_files|commits|comments|action|\w+_at|login|type|state|default_branch|full_name|visibility)$/;

/**
 * Parts of the payload the repository's own people write: workflow_dispatch inputs, and the
 * repository, organization or enterprise the workflow runs in (`github.event.repository.name`).
 */
const OWN_EVENT_PART = /^event\.(inputs|repository|organization|enterprise|installation)(\.|$)/;

function path(rest: string): string {
  return rest.replace(/\s+/g, '').replace(/\[['"]([^'"]+)['"]\]/g, '.$1').replace(/^\./, '');
}

function worse(a: Level, b: Level): Level {
  return a === 'error' || b === 'error' ? 'error' : a ?? b;
}

interface Scope {
  wf: WorkflowFile;
  job: JobRef;
  step?: StepRef;
}

/** The text of a key's scalar value, if it is one. */
function text(node: unknown): string | undefined {
  return isScalar(node) && typeof node.value === 'string' ? node.value : undefined;
}

/** The `env:` value of a variable as the step sees it: the step's, else the job's, else the workflow's. */
function envValue(scope: Scope, name: string): string | undefined {
  for (const holder of [scope.step?.node, scope.job.node, root(scope.wf)]) {
    const env = value(holder, 'env');
    if (isMap(env)) {
      const pair = env.items.find((p) => isScalar(p.key) && String(p.key.value) === name);
      if (pair) return isScalar(pair.value) ? String(pair.value.value ?? '') : '';
    }
  }
  return undefined;
}

/** How a `matrix.X` of the job is written: in the workflow (its values), or from an expression. */
function matrixValue(scope: Scope, key: string): { literal: boolean; text: string } {
  const matrix = value(value(scope.job.node, 'strategy'), 'matrix');
  if (isScalar(matrix)) return { literal: false, text: String(matrix.value ?? '') };
  if (!isMap(matrix)) return { literal: false, text: '' };
  const texts: string[] = [];
  const collect = (node: unknown): void => {
    if (isScalar(node)) texts.push(String(node.value ?? ''));
    else if (isSeq(node)) node.items.forEach(collect);
    else if (isMap(node)) node.items.forEach((p) => collect(p.value));
  };
  const direct = value(matrix, key);
  if (direct !== undefined) collect(direct);
  const include = value(matrix, 'include');
  if (isSeq(include)) for (const entry of include.items) if (isMap(entry) && value(entry, key) !== undefined) collect(value(entry, key));
  const written = direct !== undefined || texts.length > 0;
  return { literal: written, text: texts.join(' ') };
}

/** A reusable workflow's inputs of a type that carries text (`string`, or no type). */
function stringInput(wf: WorkflowFile, name: string): boolean {
  const on = value(root(wf), 'on');
  const call = isMap(on) ? value(on, 'workflow_call') : undefined;
  const input = value(value(call, 'inputs'), name);
  if (!call || input === undefined) return false;
  const type = text(value(input, 'type'));
  return type === undefined || type === 'string';
}

/** Who can set the value of an expression, as a level; `seen` stops env/matrix cycles. */
function levelOf(expression: string, scope: Scope, seen: Set<string> = new Set()): Level {
  let level: Level;
  for (const m of expression.matchAll(REFERENCE)) {
    const context = m[1]!;
    const rest = path(m[2] ?? '');
    const first = rest.split('.')[0] ?? '';
    switch (context) {
      case 'github':
        if (first === 'head_ref') level = 'error';
        else if (first === 'event' && rest !== 'event' && !OWN_EVENT_PART.test(rest) && !SAFE_EVENT_FIELD.test(rest)) level = 'error';
        else if (rest === 'event' || rest === '') level = 'error'; // toJSON(github.event), the whole payload
        break;
      case 'env': {
        const key = `env.${first}`;
        if (seen.has(key)) break;
        seen.add(key);
        const defined = envValue(scope, first);
        if (defined) level = worse(level, levelOf(defined, scope, seen));
        break;
      }
      case 'matrix': {
        const key = `matrix.${first}`;
        if (seen.has(key)) break;
        seen.add(key);
        const m2 = matrixValue(scope, first);
        level = worse(level, m2.literal ? levelOf(m2.text, scope, seen) : m2.text ? worse('warning', levelOf(m2.text, scope, seen)) : 'warning');
        break;
      }
      case 'steps':
      case 'needs':
      case 'jobs':
        // An output may hold anything a step read; `outcome`, `conclusion` and `result` are statuses.
        if (/(^|\.)outputs(\.|$)/.test(rest)) level = worse(level, 'warning');
        break;
      case 'inputs':
        if (stringInput(scope.wf, first)) level = worse(level, 'warning');
        break;
      default:
        break;
    }
  }
  return level;
}

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
          const level = levelOf(expression, { wf, job: step.job, step });
          if (!level) continue;
          const why = level === 'error' ? 'and its value comes from whoever triggered the event' : 'and its value may carry text an outsider wrote (an output, a matrix or an input made from the event)';
          findings.push({
            message: `\`${expression}\` is pasted into the script of job ${step.job.id}, step ${step.index + 1}, ${why}`,
            file: wf.file,
            ...atOffset(wf, start + i),
            severity: level as Severity,
          });
        }
      }
    }
    return findings;
  },
};
