// What "a pin works" means, for test/e2e/workflow-pin.test.ts and scripts/pin-starters.mjs (which
// runs that test): the pinned commit's reusable workflow, run with the runner model on a real
// service repository, engine and registry, calls that same commit's action (`git archive` of its
// action.yml and dist/) only with inputs it declares, and every step of the action succeeds — in
// a pull request (check, plan, build legs) and in a publishing nightly (legs pushed by digest,
// merged into one image that the registry then holds under the planned tags).

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { pinText } from '../../scripts/pin-starters.mjs';
import { REPO_ROOT } from './action.js';
import { tinyRepo } from './build-fixtures.js';
import { DOCKER } from './docker-engine.js';
import { startFakeGitHubApi } from './fake-github-api.js';
import type { TestRegistry } from './registry.js';
import { actionSteps, WorkflowRunner, type Run, type World } from './workflow-runner.js';

/**
 * The client the build legs run with: buildx, as on GitHub's runners (here its docker driver: the
 * docker-container builder GitHub's setup-buildx-action makes needs a BuildKit image that cannot
 * be pulled here), else BuildKit without buildx, as the global setup found them (builders.ts),
 * else the engine's own client. OEP45_PIN_DOCKER chooses another.
 */
export function pinDocker(): string {
  return process.env.OEP45_PIN_DOCKER ?? process.env.OEP45_TEST_CLIENT_BUILDX ?? process.env.OEP45_TEST_CLIENT_BUILDKIT ?? DOCKER;
}

function git(args: string[], cwd = REPO_ROOT): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

function has(sha: string, cwd: string): boolean {
  try {
    git(['cat-file', '-e', `${sha}^{commit}`], cwd);
    return true;
  } catch {
    return false;
  }
}

/**
 * The commit, fetched from `origin` when this clone lacks it (a shallow CI checkout has only its
 * own commit): one commit deep, by SHA, as GitHub serves any reachable commit. Never skipped:
 * a commit that cannot be had is an error naming it.
 */
export function ensureCommit(sha: string, cwd = REPO_ROOT): string {
  if (has(sha, cwd)) return git(['rev-parse', `${sha}^{commit}`], cwd);
  let why = '';
  try {
    git(['fetch', '--quiet', '--no-tags', '--depth=1', 'origin', sha], cwd);
  } catch (error) {
    why = `: ${String((error as { stderr?: string }).stderr ?? error).trim()}`;
  }
  if (!has(sha, cwd)) throw new Error(`commit ${sha} is not in this clone and could not be fetched from origin${why}`);
  return git(['rev-parse', `${sha}^{commit}`], cwd);
}

/** The commit's action.yml, dist/ and workflows, as `git archive` has them: nothing of the working tree. */
export function archiveCommit(sha: string): string {
  const dir = mkdtempSync(join(tmpdir(), `oep45-pin-${sha.slice(0, 7)}-`));
  execFileSync('sh', ['-c', `git archive "${sha}" action.yml dist .github/workflows | tar -x -C "${dir}"`], { cwd: REPO_ROOT, stdio: 'pipe' });
  return dir;
}

export interface Verdict {
  problems: string[];
  pullRequest: Run;
  nightly: Run;
  /** The README's "Use it as an action" workflow, on a pull request. */
  readme: Run;
}

/** The README's example workflow: the YAML block that calls the action by its pin. */
export function readmeWorkflow(text: string): Record<string, unknown> {
  const block = [...text.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!).find((b) => /uses: openedx\/oep45-action@/.test(b));
  if (!block) throw new Error('README.md has no YAML block that uses openedx/oep45-action@<commit>');
  return parse(block) as Record<string, unknown>;
}

function lastError(log: string): string {
  const lines = log.split('\n').filter((l) => l.trim());
  return (lines.filter((l) => l.startsWith('::error')).pop() ?? lines.slice(-3).join(' | ')).slice(0, 400);
}

function problemsOf(run: Run, scenario: string): string[] {
  const problems: string[] = [];
  const ours = new Set(actionSteps(run).map(({ step }) => step));
  for (const { job, step } of actionSteps(run)) {
    if (step.unknownInputs?.length) problems.push(`${scenario}: ${job.path} › ${step.name}: inputs the action does not declare: ${step.unknownInputs.join(', ')}`);
    if (step.outcome === 'failure') problems.push(`${scenario}: ${job.path} › ${step.name}: the action failed: ${lastError(step.log)}`);
  }
  for (const job of run.jobs.filter((j) => j.result === 'failure')) {
    for (const step of job.steps.filter((s) => s.outcome === 'failure' && !ours.has(s))) {
      problems.push(`${scenario}: ${job.path} › ${step.name} failed: ${lastError(step.log)}`);
    }
  }
  return problems;
}

/** Mode of each of our action's steps that ran, in order. */
export function modes(run: Run): string[] {
  return actionSteps(run)
    .filter(({ step }) => step.outcome !== 'skipped')
    .map(({ step }) => step.with?.mode ?? '');
}

const FIXTURE_REPOSITORY = 'openedx/pin-fixture';

function pullRequestEvent(head: string): World['event'] {
  return {
    name: 'pull_request',
    ref: 'refs/pull/7/merge',
    sha: head,
    payload: {
      number: 7,
      pull_request: { number: 7, head: { sha: head, ref: 'feature', repo: { full_name: FIXTURE_REPOSITORY } }, base: { repo: { full_name: FIXTURE_REPOSITORY } } },
      repository: { full_name: FIXTURE_REPOSITORY, default_branch: 'master', visibility: 'public' },
    },
  };
}

/**
 * Runs the reusable workflow of commit `sha` (already in this clone) twice on a tiny service whose
 * images go to `registry` — a pull request, and a scheduled nightly — and the README's example
 * workflow, with the action at `sha`, on a pull request. Every problem is one line.
 */
export async function verifyCommit(sha: string, registry: TestRegistry): Promise<Verdict> {
  const source = archiveCommit(sha);
  const service = tinyRepo();
  const namespace = `pin-${sha.slice(0, 7)}-${Date.now().toString(36)}`;
  // fail-on: never — a fixture of one Dockerfile has no changelog or settings to check.
  service.write('.oep45.yml', `name: app\nregistries: [${registry.host}/${namespace}]\nplatforms: [linux/amd64]\nfail-on: never\n`);
  const head = service.commit('the service');
  const repository = FIXTURE_REPOSITORY;
  const api = await startFakeGitHubApi({ full_name: repository, visibility: 'public', pushed_at: new Date().toISOString() });
  const world = (event: World['event']): World => ({ source, sourceSha: sha, service: service.dir, repository, event, apiUrl: api.url, actionEnv: { OEP45_DOCKER: pinDocker() } });
  try {
    const pullRequest = new WorkflowRunner(world(pullRequestEvent(head)));
    await pullRequest.runWorkflow('.github/workflows/oep45-images.yml', { push: false, 'fail-on': 'never' });
    const nightly = new WorkflowRunner(world({ name: 'schedule', ref: 'refs/heads/master', sha: head, payload: { schedule: '17 3 * * 1-5' } }));
    await nightly.runWorkflow('.github/workflows/oep45-images.yml', { nightly: true, 'fail-on': 'never' });

    // The README's snippet, as a service would paste it, on a pull request (it builds; a publish
    // would push to Docker Hub, which this machine cannot reach).
    const readme = new WorkflowRunner(world(pullRequestEvent(head)));
    // Pinned to the commit under test, as scripts/pin-starters.mjs would write it.
    await readme.runWorkflow(readmeWorkflow(pinText(readFileSync(join(REPO_ROOT, 'README.md'), 'utf8'), sha, 'v0.0.0-under-test')) as never);

    const problems = [...problemsOf(pullRequest.run, 'pull request'), ...problemsOf(nightly.run, 'nightly'), ...problemsOf(readme.run, 'README')];
    if (!modes(readme.run).includes('build')) problems.push(`README: its workflow built nothing (modes: ${modes(readme.run).join(', ') || 'none'})`);
    const pr = modes(pullRequest.run);
    if (!pr.includes('build')) problems.push(`pull request: no build leg ran (modes: ${pr.join(', ') || 'none'})`);
    const night = modes(nightly.run);
    if (!night.includes('merge')) problems.push(`nightly: no merge ran (modes: ${night.join(', ') || 'none'})`);
    const latest = await fetch(`http://${registry.host}/v2/${namespace}/app/manifests/latest`, {
      method: 'HEAD',
      headers: { accept: 'application/vnd.oci.image.index.v1+json, application/vnd.docker.distribution.manifest.list.v2+json' },
    });
    const type = latest.headers.get('content-type') ?? '';
    if (latest.status !== 200 || !/index|manifest\.list/.test(type)) {
      problems.push(`nightly: ${registry.host}/${namespace}/app:latest is not a multi-platform index (HTTP ${latest.status}, ${type || 'no content type'})`);
    }
    return { problems, pullRequest: pullRequest.run, nightly: nightly.run, readme: readme.run };
  } finally {
    await api.stop();
  }
}
