// A model of GitHub's runner for our own workflows, so that a whole run — a starter, the reusable
// workflows it calls, every job, matrix entry and step — runs here on a real service repository,
// a real Docker engine and a real registry. What is real: our action (`node dist/index.js` of the
// commit under test, with INPUT_* as the runner sets them), every `run:` script (bash, jq, curl),
// git, the engine, the registry. What is modelled, because it cannot run here: GitHub's scheduler
// (jobs run one after another, in `needs` order; concurrency groups are the concurrency test's
// business), and these actions, named FAKE in the step log:
//   actions/checkout          the service is cloned from its repository; oep45-action is copied
//                             (action.yml, dist/) from the commit under test
//   actions/upload-artifact,  a folder per artifact in the run, with v4's rules: a name taken
//   actions/download-artifact is refused unless `overwrite`, `pattern` puts each in its own folder
//   docker/setup-buildx-action, docker/setup-qemu-action, docker/login-action: nothing to do here
//   actions/attest-build-provenance: its inputs are recorded (no OIDC token or Sigstore here)
//   github/codeql-action/upload-sarif: the SARIF file is read and recorded (no code scanning here)
// Expressions are evaluated by GitHub's own evaluator (gha-expressions.ts).

import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { parseOutputFile } from './action.js';
import { asString, evaluateCondition, evaluateValue, type Contexts } from './gha-expressions.js';

export interface World {
  /** A folder holding `.github/workflows/`, `action.yml` and `dist/`: a checkout, or a commit's `git archive`. */
  source: string;
  /** The commit `source` is, for `job.workflow_sha`. */
  sourceSha: string;
  /** The service's git repository, checked out as `repo/`. */
  service: string;
  repository: string;
  event: { name: string; ref: string; sha: string; payload: Record<string, unknown> };
  /** GitHub's API (a fake on loopback) for `github.api_url`. */
  apiUrl?: string;
  /** Extra environment for the action's steps (OEP45_DOCKER…). */
  actionEnv?: Record<string, string>;
  runnerArch?: string;
  runId?: number;
  runAttempt?: number;
  /** The run's artifacts; a second run given the same folder is a re-run of the first. */
  artifacts?: string;
}

export interface StepRun {
  name: string;
  id?: string;
  uses?: string;
  outcome: 'success' | 'failure' | 'skipped';
  outputs: Record<string, string>;
  log: string;
  with?: Record<string, string>;
  /** Inputs given to our action that its action.yml does not declare (GitHub only warns). */
  unknownInputs?: string[];
  summary?: string;
  seconds?: number;
}

export interface JobRun {
  /** `file:job` and the matrix entry, e.g. `oep45-image.yml:build (linux/amd64)`, behind its callers. */
  path: string;
  id: string;
  file: string;
  result: 'success' | 'failure' | 'skipped';
  outputs: Record<string, unknown>;
  steps: StepRun[];
  matrix?: Record<string, unknown>;
  /** What `runs-on` evaluated to: a label, a list of labels or a runner group. */
  runsOn?: unknown;
}

export interface Run {
  jobs: JobRun[];
  outputs: Record<string, unknown>;
  artifacts: string;
  /** Every actions/attest-build-provenance call, with its inputs (the subjects file read in). */
  attestations: Array<Record<string, string> & { subjects: string }>;
  /** Every github/codeql-action/upload-sarif call: its category and the SARIF it would upload. */
  codeScanning: Array<{ category: string; sarif: unknown }>;
}

interface WorkflowYaml {
  on?: { workflow_call?: { inputs?: Record<string, { type?: string; default?: unknown }>; outputs?: Record<string, { value: string }> } };
  jobs: Record<string, JobYaml>;
}
interface JobYaml {
  name?: string;
  'runs-on'?: unknown;
  needs?: string | string[];
  if?: unknown;
  uses?: string;
  with?: Record<string, unknown>;
  secrets?: Record<string, unknown> | 'inherit';
  strategy?: { matrix?: unknown };
  outputs?: Record<string, unknown>;
  steps?: StepYaml[];
}
interface StepYaml {
  name?: string;
  id?: string;
  if?: unknown;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
}

type Result = JobRun['result'];

const OURS = /^(?:openedx\/oep45-action\/|\.\/)(\.github\/workflows\/[\w.-]+\.ya?ml)(?:@\S+)?$/;

function needsOf(job: JobYaml): string[] {
  return job.needs === undefined ? [] : Array.isArray(job.needs) ? job.needs : [job.needs];
}

/** Jobs in an order where every job comes after the jobs it needs. */
function ordered(jobs: Record<string, JobYaml>): string[] {
  const done: string[] = [];
  const pending = Object.keys(jobs);
  while (pending.length) {
    const next = pending.findIndex((id) => needsOf(jobs[id]!).every((n) => done.includes(n)));
    if (next < 0) throw new Error(`jobs that need each other: ${pending.join(', ')}`);
    done.push(...pending.splice(next, 1));
  }
  return done;
}

function matrixEntries(strategy: JobYaml['strategy'], contexts: Contexts): Array<Record<string, unknown> | undefined> {
  if (!strategy?.matrix) return [undefined];
  const matrix = evaluateValue(strategy.matrix, contexts) as { include?: Array<Record<string, unknown>> };
  return matrix.include ?? [];
}

function combined(results: Result[]): Result {
  if (results.some((r) => r === 'failure')) return 'failure';
  if (results.length && results.every((r) => r === 'skipped')) return 'skipped';
  return 'success';
}

/** `*` globs of artifact patterns. */
function glob(pattern: string): RegExp {
  return new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
}

/** A process run to its end without blocking this one (the fake API answers from here meanwhile). */
function runProcess(program: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(program, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', (e) => err.push(Buffer.from(String(e))));
    child.on('close', (code) => resolve({ status: code ?? 1, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
  });
}

export class WorkflowRunner {
  readonly run: Run;
  private readonly world: World;

  constructor(world: World) {
    this.world = world;
    this.run = { jobs: [], outputs: {}, artifacts: world.artifacts ?? mkdtempSync(join(tmpdir(), 'oep45-artifacts-')), attestations: [], codeScanning: [] };
  }

  /** Runs a workflow file of ours (by path in `source`) or a caller's text, with its inputs and secrets. */
  async runWorkflow(workflow: string | WorkflowYaml, inputs: Record<string, unknown> = {}, secrets: Record<string, string> = {}, path = ''): Promise<Record<string, unknown>> {
    const file = typeof workflow === 'string' ? workflow : 'caller';
    const doc = typeof workflow === 'string' ? (parse(readFileSync(join(this.world.source, workflow), 'utf8')) as WorkflowYaml) : workflow;
    const declared = doc.on?.workflow_call?.inputs ?? {};
    const typed: Record<string, unknown> = { ...inputs };
    for (const [name, spec] of Object.entries(declared)) {
      const given = inputs[name];
      const value = given === undefined || given === null ? spec.default : given;
      typed[name] = spec.type === 'boolean' ? value === true || value === 'true' : spec.type === 'number' ? Number(value ?? 0) : value === undefined ? '' : asString(value);
    }
    const needs: Record<string, { result: Result; outputs: Record<string, unknown> }> = {};
    for (const id of ordered(doc.jobs)) {
      const job = doc.jobs[id]!;
      const jobNeeds = Object.fromEntries(needsOf(job).map((n) => [n, needs[n]!]));
      const results = Object.values(jobNeeds).map((n) => n.result);
      const contexts = this.contexts({ inputs: typed, secrets, needs: jobNeeds });
      const status = { success: results.every((r) => r === 'success'), failure: results.some((r) => r === 'failure') };
      const label = `${path}${basename(file)}:${id}`;
      if (!evaluateCondition(job.if, contexts, status)) {
        needs[id] = { result: 'skipped', outputs: {} };
        this.run.jobs.push({ path: label, id, file, result: 'skipped', outputs: {}, steps: [] });
        continue;
      }
      const runs: Array<{ result: Result; outputs: Record<string, unknown> }> = [];
      for (const matrix of matrixEntries(job.strategy, contexts)) {
        const withMatrix = { ...contexts, matrix: matrix ?? {}, strategy: { 'fail-fast': false } };
        const name = matrix ? `${label} (${asString(matrix.platform ?? matrix.image ?? JSON.stringify(matrix))})` : label;
        runs.push(job.uses ? await this.callJob(job, withMatrix, `${name} / `) : await this.stepsJob(id, file, job, withMatrix, name, matrix));
      }
      needs[id] = { result: combined(runs.map((r) => r.result)), outputs: runs[runs.length - 1]?.outputs ?? {} };
    }
    const outputs: Record<string, unknown> = {};
    for (const [name, spec] of Object.entries(doc.on?.workflow_call?.outputs ?? {})) {
      outputs[name] = asString(evaluateValue(spec.value, this.contexts({ inputs: typed, secrets, jobs: needs })));
    }
    return outputs;
  }

  private contexts(extra: Contexts): Contexts {
    const w = this.world;
    const ref = w.event.ref;
    return {
      github: {
        event_name: w.event.name,
        event: w.event.payload,
        ref,
        ref_name: ref.replace(/^refs\/(heads|tags)\//, ''),
        sha: w.event.sha,
        repository: w.repository,
        repository_owner: w.repository.split('/')[0],
        run_id: String(w.runId ?? 4242),
        run_attempt: String(w.runAttempt ?? 1),
        api_url: w.apiUrl ?? 'http://127.0.0.1:9/api',
        server_url: 'https://github.com',
        token: 'fake-github-token',
        workflow: 'caller',
      },
      job: { workflow_sha: w.sourceSha, workflow_repository: 'openedx/oep45-action', status: 'success' },
      vars: {},
      env: {},
      ...extra,
    };
  }

  private async callJob(job: JobYaml, contexts: Contexts, path: string): Promise<{ result: Result; outputs: Record<string, unknown> }> {
    const target = OURS.exec(job.uses ?? '')?.[1];
    if (!target) throw new Error(`the model runs only our own reusable workflows, not ${job.uses}`);
    const inputs = evaluateValue(job.with ?? {}, contexts) as Record<string, unknown>;
    const secrets =
      job.secrets === 'inherit'
        ? (contexts.secrets as Record<string, string>)
        : Object.fromEntries(Object.entries(job.secrets ?? {}).map(([k, v]) => [k, asString(evaluateValue(v, contexts))]));
    const before = this.run.jobs.length;
    const outputs = await this.runWorkflow(target, inputs, secrets, path);
    const called = this.run.jobs.slice(before);
    return { result: combined(called.map((j) => j.result).filter((r) => r !== 'skipped')), outputs };
  }

  private async stepsJob(id: string, file: string, job: JobYaml, contexts: Contexts, path: string, matrix?: Record<string, unknown>): Promise<{ result: Result; outputs: Record<string, unknown> }> {
    const workspace = mkdtempSync(join(tmpdir(), 'oep45-workspace-'));
    const temp = mkdtempSync(join(tmpdir(), 'oep45-runner-temp-'));
    const steps: Record<string, { outputs: Record<string, string>; outcome: string; conclusion: string }> = {};
    const record: JobRun = { path, id, file, result: 'success', outputs: {}, steps: [], ...(matrix ? { matrix } : {}), runsOn: evaluateValue(job['runs-on'], contexts) };
    this.run.jobs.push(record);
    let failed = false;
    for (const [i, step] of (job.steps ?? []).entries()) {
      const stepContexts = { ...contexts, steps, runner: { temp, arch: this.world.runnerArch ?? 'X64', os: 'Linux' } };
      const name = asString(evaluateValue(step.name ?? step.uses ?? `step ${i + 1}`, stepContexts));
      let run: StepRun;
      if (!evaluateCondition(step.if, stepContexts, { success: !failed, failure: failed })) {
        run = { name, outcome: 'skipped', outputs: {}, log: '' };
      } else {
        const started = Date.now();
        run = step.run !== undefined ? await this.script(step, stepContexts, workspace, temp, name) : await this.uses(step, stepContexts, workspace, temp, name);
        run.seconds = (Date.now() - started) / 1000;
      }
      if (step.id) run.id = step.id;
      if (step.id) steps[step.id] = { outputs: run.outputs, outcome: run.outcome, conclusion: run.outcome };
      if (run.outcome === 'failure') failed = true;
      record.steps.push(run);
    }
    record.result = failed ? 'failure' : 'success';
    // A job's outputs are strings, whatever their expression's type (`legs: ${{ a && b }}` is "true").
    const outputs = evaluateValue(job.outputs ?? {}, { ...contexts, steps, runner: { temp } }) as Record<string, unknown>;
    record.outputs = Object.fromEntries(Object.entries(outputs).map(([k, v]) => [k, asString(v)]));
    return { result: record.result, outputs: record.outputs };
  }

  private baseEnv(workspace: string, temp: string, files: { output: string; summary: string }): NodeJS.ProcessEnv {
    const w = this.world;
    const eventFile = join(temp, 'event.json');
    writeFileSync(eventFile, JSON.stringify(w.event.payload));
    return {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      GITHUB_EVENT_NAME: w.event.name,
      GITHUB_EVENT_PATH: eventFile,
      GITHUB_REF: w.event.ref,
      GITHUB_SHA: w.event.sha,
      GITHUB_REPOSITORY: w.repository,
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_WORKSPACE: workspace,
      GITHUB_OUTPUT: files.output,
      GITHUB_STEP_SUMMARY: files.summary,
      RUNNER_TEMP: temp,
      RUNNER_ARCH: w.runnerArch ?? 'X64',
    };
  }

  private files(temp: string): { output: string; summary: string } {
    const dir = mkdtempSync(join(temp, 'step-'));
    const files = { output: join(dir, 'output'), summary: join(dir, 'summary') };
    writeFileSync(files.output, '');
    writeFileSync(files.summary, '');
    return files;
  }

  private async script(step: StepYaml, contexts: Contexts, workspace: string, temp: string, name: string): Promise<StepRun> {
    const env = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, asString(evaluateValue(v, contexts))]));
    const files = this.files(temp);
    const script = join(temp, `script-${Math.random().toString(36).slice(2)}.sh`);
    writeFileSync(script, step.run!);
    const r = await runProcess('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], { cwd: workspace, env: { ...this.baseEnv(workspace, temp, files), ...env } });
    return {
      name,
      outcome: r.status === 0 ? 'success' : 'failure',
      outputs: parseOutputFile(readFileSync(files.output, 'utf8')),
      log: `${r.stdout}${r.stderr}`,
      summary: readFileSync(files.summary, 'utf8'),
    };
  }

  private async uses(step: StepYaml, contexts: Contexts, workspace: string, temp: string, name: string): Promise<StepRun> {
    const uses = step.uses!;
    const given = Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, asString(evaluateValue(v, contexts))]));
    const done = (outcome: StepRun['outcome'], log: string, outputs: Record<string, string> = {}): StepRun => ({ name, uses, outcome, outputs, log, with: given });
    if (uses.startsWith('./')) return this.ourAction(join(workspace, uses), uses, given, workspace, temp, name);
    const pinned = /^openedx\/oep45-action@([0-9a-f]{40})$/.exec(uses);
    if (pinned) {
      // The action called by its pin, as the README shows it: only the commit under test is here.
      if (pinned[1] !== this.world.sourceSha) return done('failure', `the model has oep45-action only at ${this.world.sourceSha}, not ${pinned[1]}`);
      return this.ourAction(this.world.source, uses, given, workspace, temp, name);
    }
    const action = uses.split('@')[0]!;
    switch (action) {
      case 'actions/checkout':
        return this.checkout(given, contexts, workspace, done);
      case 'actions/upload-artifact': {
        const target = join(this.run.artifacts, given.name!);
        // A relative path is the workspace's, as on a runner.
        const file = resolve(workspace, given.path!);
        if (existsSync(target) && given.overwrite !== 'true') {
          return done('failure', 'FAKE upload-artifact: Failed to CreateArtifact: (409) Conflict: an artifact with this name already exists on the workflow run');
        }
        if (!existsSync(file)) return done(given['if-no-files-found'] === 'error' ? 'failure' : 'success', `FAKE upload-artifact: no file at ${given.path}`);
        mkdirSync(target, { recursive: true });
        cpSync(file, join(target, basename(file)));
        return done('success', `FAKE upload-artifact: ${given.name}`);
      }
      case 'actions/download-artifact': {
        const into = resolve(workspace, given.path || '.');
        const names = existsSync(this.run.artifacts) ? readdirSync(this.run.artifacts) : [];
        if (given.name) {
          if (!names.includes(given.name)) return done('failure', `FAKE download-artifact: Artifact not found: ${given.name}`);
          cpSync(join(this.run.artifacts, given.name), into, { recursive: true });
          return done('success', `FAKE download-artifact: ${given.name}`);
        }
        const matched = names.filter((n) => glob(given.pattern ?? '*').test(n));
        for (const n of matched) cpSync(join(this.run.artifacts, n), join(into, n), { recursive: true });
        return done('success', `FAKE download-artifact: ${matched.join(', ') || 'nothing matched'}`);
      }
      case 'actions/attest-build-provenance': {
        const subjects = given['subject-checksums'] && existsSync(given['subject-checksums']) ? readFileSync(given['subject-checksums'], 'utf8') : '';
        this.run.attestations.push({ ...given, subjects });
        return done('success', 'FAKE attest-build-provenance: recorded');
      }
      case 'github/codeql-action/upload-sarif': {
        const file = resolve(workspace, given.sarif_file ?? '');
        if (!given.sarif_file || !existsSync(file)) return done('failure', `FAKE upload-sarif: no SARIF file at ${given.sarif_file}`);
        this.run.codeScanning.push({ category: given.category ?? '', sarif: JSON.parse(readFileSync(file, 'utf8')) as unknown });
        return done('success', 'FAKE upload-sarif: recorded');
      }
      case 'docker/setup-buildx-action':
      case 'docker/setup-qemu-action':
      case 'docker/login-action':
        return done('success', `FAKE ${action}: nothing to do here`);
      default:
        return done('failure', `the model has no fake for ${uses}`);
    }
  }

  private checkout(given: Record<string, string>, contexts: Contexts, workspace: string, done: (o: StepRun['outcome'], log: string) => StepRun): StepRun {
    const into = join(workspace, given.path || '.');
    if (given.repository && given.repository !== this.world.repository) {
      const job = contexts.job as { workflow_sha: string };
      if (given.ref !== job.workflow_sha) return done('failure', `FAKE checkout: ${given.repository}@${given.ref} is not the workflow's commit ${job.workflow_sha}`);
      mkdirSync(into, { recursive: true });
      for (const part of ['action.yml', 'dist']) cpSync(join(this.world.source, part), join(into, part), { recursive: true });
      return done('success', `FAKE checkout: oep45-action at ${given.ref} (action.yml, dist)`);
    }
    execFileSync('git', ['clone', '-q', this.world.service, into], { stdio: 'pipe' });
    execFileSync('git', ['-C', into, 'checkout', '-q', '--detach', this.world.event.sha], { stdio: 'pipe' });
    return done('success', `FAKE checkout: ${this.world.repository} at ${this.world.event.sha}`);
  }

  private async ourAction(dir: string, uses: string, given: Record<string, string>, workspace: string, temp: string, name: string): Promise<StepRun> {
    const manifest = parse(readFileSync(join(dir, 'action.yml'), 'utf8')) as { inputs?: Record<string, { default?: unknown }>; runs: { main: string } };
    const declared = manifest.inputs ?? {};
    const env: NodeJS.ProcessEnv = {};
    for (const [input, spec] of Object.entries(declared)) {
      const value = given[input] ?? (spec.default === undefined ? undefined : asString(spec.default));
      if (value !== undefined) env[`INPUT_${input.replace(/ /g, '_').toUpperCase()}`] = value;
    }
    const unknownInputs = Object.keys(given).filter((k) => !(k in declared));
    const files = this.files(temp);
    const r = await runProcess(process.execPath, [join(dir, manifest.runs.main)], { cwd: workspace, env: { ...this.baseEnv(workspace, temp, files), ...this.world.actionEnv, ...env } });
    return {
      name,
      uses,
      outcome: r.status === 0 ? 'success' : 'failure',
      outputs: parseOutputFile(readFileSync(files.output, 'utf8')),
      log: `${r.stdout}${r.stderr}`,
      with: given,
      unknownInputs,
      summary: readFileSync(files.summary, 'utf8'),
    };
  }
}

/** Every step of our action in a run (from its checkout beside the service, or by its pin), with the job it ran in. */
export function actionSteps(run: Run): Array<{ job: JobRun; step: StepRun }> {
  const ours = (uses = ''): boolean => uses === './.oep45-action' || /^openedx\/oep45-action@[0-9a-f]{40}$/.test(uses);
  return run.jobs.flatMap((job) => job.steps.filter((s) => ours(s.uses)).map((step) => ({ job, step })));
}
