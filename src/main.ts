// The action's edge: GitHub inputs → PipelineInputs, then outputs, annotations and the job
// summary from the result. No decisions are made here.

import * as core from '@actions/core';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { MODES, type BuildSecret, type PipelineInputs, type RegistryCredential } from './config/inputs.js';
import { runPipeline, type PipelineResult } from './pipeline.js';
import { writeActionFindings } from './report/action-findings.js';
import { repositoryRoot } from './report/paths.js';
import { buildMatrix, imageMatrix } from './plan/matrix.js';
import { checkWorkflowLimits } from './plan/limits.js';
import { parseRunnerMapping } from './plan/runners.js';
import { summaryMarkdown } from './report/markdown.js';
import { checkJson, planJson } from './report/json.js';
import { credentialForms } from './registry/secrets.js';
import { describeError, UserError } from './util/errors.js';
import { failureAnnotation } from './report/failure-annotation.js';
import { oneOf, parseBoolean, parseKeyValues, parseList } from './util/lists.js';
import type { Log } from './util/log.js';
import { FAIL_ON } from './model/project.js';
import { actionUpgradeNotes } from './report/upgrade-notes-action.js';
import { inlineText } from './report/escape/text.js';
import { guardLine } from './report/escape/workflow-commands.js';
import { privateDir, removePrivateDirs } from './util/private-dirs.js';

const input = (name: string): string | undefined => core.getInput(name) || undefined;

/**
 * core.info writes its text as it is, so a message (which may quote a repository's names or a
 * build's output) is made one line and kept from being a workflow command first; core.warning
 * and core.debug escape their data themselves, and get one line for the same reading.
 */
const actionLog: Log = {
  info: (m) => core.info(guardLine(inlineText(m))),
  warning: (m) => core.warning(inlineText(m)),
  debug: (m) => core.debug(inlineText(m)),
  group: (title, fn) => core.group(title, fn),
  secret: (v) => core.setSecret(v),
};

/** `id=value` secrets go to private files under RUNNER_TEMP: never argv, never the environment. */
function buildSecrets(): BuildSecret[] {
  const secrets: BuildSecret[] = [];
  const inline = parseKeyValues(parseList(input('secrets'), false), 'secrets');
  if (Object.keys(inline).length) {
    // Removed when the step ends, also when it fails or is cancelled (util/private-dirs.ts).
    const dir = privateDir(process.env.RUNNER_TEMP || tmpdir(), 'oep45-secrets-');
    for (const [id, value] of Object.entries(inline)) {
      core.setSecret(value);
      const file = join(dir, id.replace(/[^A-Za-z0-9_.-]/g, '_'));
      writeFileSync(file, value, { mode: 0o600 });
      secrets.push({ id, file });
    }
  }
  for (const [id, env] of Object.entries(parseKeyValues(parseList(input('secret-envs')), 'secret-envs'))) {
    const value = process.env[env];
    if (value) core.setSecret(value);
    secrets.push({ id, env });
  }
  for (const [id, file] of Object.entries(parseKeyValues(parseList(input('secret-files'), false), 'secret-files'))) {
    secrets.push({ id, file });
  }
  return secrets;
}

/** The registry credential; the password and every form the run sends it in are masked before anything runs. */
function credentials(): RegistryCredential[] {
  const username = input('registry-username');
  const password = input('registry-password');
  if (password) for (const form of credentialForms(username ?? '', password)) core.setSecret(form);
  if (!username && !password) return [];
  const registry = input('registry') ?? parseList(input('registries'))[0]?.split('/')[0] ?? 'docker.io';
  return [{ registry, username: username ?? '', password: password ?? '' }];
}

export function readInputs(): PipelineInputs {
  return {
    mode: oneOf(input('mode'), MODES, 'mode') ?? 'check',
    dir: input('working-directory') ?? '.',
    config: input('config'),
    failOn: oneOf(input('fail-on'), FAIL_ON, 'fail-on'),
    baseline: input('baseline'),
    image: input('image'),
    context: input('context'),
    file: input('file'),
    target: input('target'),
    platforms: parseList(input('platforms')),
    buildArgs: parseKeyValues(parseList(input('build-args'), false), 'build-args'),
    only: parseList(input('images')),
    push: parseBoolean(input('push'), 'push'),
    tags: parseList(input('tags')),
    labels: parseKeyValues(parseList(input('labels'), false), 'labels'),
    registries: parseList(input('registries')),
    cache: oneOf(input('cache'), ['registry', 'gha', 'inline', 'none'] as const, 'cache'),
    cacheFrom: parseList(input('cache-from'), false),
    cacheTo: parseList(input('cache-to'), false),
    force: parseBoolean(input('force'), 'force'),
    maxAge: input('max-age'),
    allowOverwrite: parseBoolean(input('allow-overwrite'), 'allow-overwrite'),
    pushByDigest: parseBoolean(input('push-by-digest'), 'push-by-digest'),
    digests: parseList(input('digests')),
    release: input('release'),
    event: {
      eventName: process.env.GITHUB_EVENT_NAME,
      ref: process.env.GITHUB_REF,
      sha: process.env.GITHUB_SHA,
      payloadPath: process.env.GITHUB_EVENT_PATH,
      repository: process.env.GITHUB_REPOSITORY,
      serverUrl: process.env.GITHUB_SERVER_URL,
      nightly: parseBoolean(input('nightly'), 'nightly'),
      date: input('date'),
    },
    secrets: buildSecrets(),
    credentials: credentials(),
  };
}

/**
 * Plan mode, for the reusable workflow: the build matrix and the per-image matrix, checked against
 * what one run can carry before any output is set; with `plan-file`, the whole plan as a file too
 * (the workflow hands it on as an artifact: too large for a job output or an environment variable).
 */
function planOutputs(result: PipelineResult, context: unknown, images: unknown): Record<string, string> {
  if (result.mode !== 'plan') return {};
  const runners = parseRunnerMapping(core.getInput('runners'));
  const matrix = buildMatrix(result.images, runners);
  const perImage = imageMatrix(result.images, runners);
  const out = { matrix: JSON.stringify(matrix), 'image-matrix': JSON.stringify(perImage) };
  checkWorkflowLimits(result.images, [out['image-matrix'], JSON.stringify(context)]);
  const file = input('plan-file');
  if (file) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify({ context, images, matrix, imageMatrix: perImage }));
  }
  return out;
}

export function writeOutputs(result: PipelineResult): void {
  const check = checkJson(result) as { findings: unknown[]; summary: unknown };
  const plan = planJson(result) as { context: unknown; images: PipelineResult['images'] };
  const matrices = planOutputs(result, plan.context, plan.images);
  core.setOutput('findings', JSON.stringify(check.findings));
  core.setOutput('summary', JSON.stringify(check.summary));
  core.setOutput('errors', String(result.counts.errors));
  core.setOutput('warnings', String(result.counts.warnings));
  core.setOutput('context', JSON.stringify(plan.context));
  core.setOutput('images', JSON.stringify(plan.images));
  core.setOutput('tags', result.images.flatMap((i) => i.tags).join('\n'));
  core.setOutput('digest', result.images.length === 1 ? (result.images[0]?.digest ?? '') : '');
  for (const [name, value] of Object.entries(matrices)) core.setOutput(name, value);
  core.setOutput('result', result.failures.length ? 'failure' : 'success');
}

/**
 * The `upgrade-notes` input: Markdown notes from the previous named release (or a given ref) to
 * this one, as the `upgrade-notes` output, in `upgrade-notes-file` and, returned, for the job
 * summary. When none can be made (not a release tag, no release before it) the outputs are empty
 * and the log says why; an explicit ref that is not one fails the step.
 */
async function upgradeNotesOutputs(result: PipelineResult): Promise<string | undefined> {
  const spec = input('upgrade-notes');
  core.setOutput('upgrade-notes', '');
  core.setOutput('upgrade-from', '');
  if (!spec || spec === 'false') return undefined;
  const outcome = await actionUpgradeNotes({
    spec: spec === 'true' ? 'auto' : spec,
    project: result.project,
    ref: process.env.GITHUB_REF,
    serverUrl: process.env.GITHUB_SERVER_URL,
    repository: process.env.GITHUB_REPOSITORY,
  });
  if (!outcome.made) {
    actionLog.info(`No upgrade notes: ${outcome.reason}.`);
    return undefined;
  }
  core.setOutput('upgrade-notes', outcome.markdown);
  core.setOutput('upgrade-from', outcome.from);
  const file = input('upgrade-notes-file');
  if (file) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, outcome.markdown);
    core.setOutput('upgrade-notes-file', file);
  }
  return outcome.markdown;
}

export async function run(): Promise<void> {
  const workspace = process.env.GITHUB_WORKSPACE || process.cwd();
  try {
    const inputs = readInputs();
    const result = await runPipeline(inputs, { log: actionLog });
    const repoRoot = repositoryRoot(result.project.root, workspace);
    const reported = await writeActionFindings(result, { repoRoot, workspace, sarif: input('sarif'), env: process.env });
    writeOutputs(result);
    const notes = await upgradeNotesOutputs(result);
    if (process.env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(summaryMarkdown(result, reported) + (notes ? `\n${notes}\n` : '')).write();
    if (result.failures.length) core.setFailed(result.failures.join('; '));
  } catch (error) {
    const at = error instanceof UserError ? failureAnnotation(error.position, resolve(input('working-directory') ?? '.'), workspace) : undefined;
    if (at) {
      core.error(describeError(error), at);
      process.exitCode = core.ExitCode.Failure;
    } else {
      core.setFailed(describeError(error));
    }
  } finally {
    removePrivateDirs();
  }
}
