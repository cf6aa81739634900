// The workflow files this repository ships and runs, read once for the workflow tests: its own
// (.github/workflows/), the starters an IDA copies (workflows/) and the examples' copies.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { REPO_ROOT } from './action.js';

/** The entry a service calls; it calls REUSABLE_IMAGE once per image. */
export const REUSABLE = '.github/workflows/oep45-images.yml';
export const REUSABLE_IMAGE = '.github/workflows/oep45-image.yml';
export const REUSABLE_ATTEST = '.github/workflows/oep45-attest.yml';
export const REUSABLE_CODE_SCANNING = '.github/workflows/oep45-code-scanning.yml';
export const REUSABLES = [REUSABLE, REUSABLE_IMAGE, REUSABLE_ATTEST, REUSABLE_CODE_SCANNING];

/**
 * The reusable workflow of ours (`oep45-*.yml`) a `uses:` calls: `openedx/oep45-action/.github/workflows/X@ref`
 * or, inside this repository, `./.github/workflows/X` (GitHub resolves that here, at the same commit).
 */
export function calledFile(uses: string | undefined): string | undefined {
  const m = /^(?:openedx\/oep45-action\/|\.\/)(\.github\/workflows\/oep45-[\w-]+\.yml)(?:@\S+)?$/.exec(uses ?? '');
  return m?.[1];
}

/** Folders of workflow files, relative to the repository root. */
export function workflowFolders(): string[] {
  const folders = ['.github/workflows', 'workflows'];
  for (const example of readdirSync(join(REPO_ROOT, 'examples')).sort()) {
    const dir = `examples/${example}/.github/workflows`;
    if (existsSync(join(REPO_ROOT, dir))) folders.push(dir);
  }
  return folders;
}

export function workflowFilesIn(folder: string): string[] {
  return readdirSync(join(REPO_ROOT, folder))
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => `${folder}/${f}`);
}

export function allWorkflowFiles(): string[] {
  return workflowFolders().flatMap(workflowFilesIn);
}

export function readRepoFile(path: string): string {
  return readFileSync(join(REPO_ROOT, path), 'utf8');
}

// The plain shapes of workflow YAML the tests look into.
export interface StepYaml {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
export interface JobYaml {
  uses?: string;
  if?: string;
  needs?: string | string[];
  concurrency?: unknown;
  strategy?: unknown;
  permissions?: Record<string, string> | string;
  steps?: StepYaml[];
  with?: Record<string, unknown>;
  secrets?: Record<string, string> | string;
}
export interface WorkflowYaml {
  on?: unknown;
  concurrency?: unknown;
  permissions?: unknown;
  jobs: Record<string, JobYaml>;
}

export function readWorkflow(path: string): WorkflowYaml {
  return parse(readRepoFile(path)) as WorkflowYaml;
}

/** The `run:` script of the step called `name` in job `job` of one of our reusable workflows. */
export function stepScript(job: string, name: string, file = REUSABLE): { run: string; env: Record<string, string> } {
  const step = readWorkflow(file).jobs[job]?.steps?.find((s) => s.name === name);
  if (!step?.run) throw new Error(`no step "${name}" with a run: script in job ${job} of ${file}`);
  return { run: step.run, env: step.env ?? {} };
}
