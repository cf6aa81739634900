// The workflow files this repository ships and runs, read once for the workflow tests: its own
// (.github/workflows/), the starters an IDA copies (workflows/) and the examples' copies.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { REPO_ROOT } from './action.js';

export const REUSABLE = '.github/workflows/oep45-images.yml';

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
  permissions?: Record<string, string> | string;
  steps?: StepYaml[];
  with?: Record<string, unknown>;
  secrets?: Record<string, string> | string;
}
export interface WorkflowYaml {
  on?: unknown;
  permissions?: unknown;
  jobs: Record<string, JobYaml>;
}

export function readWorkflow(path: string): WorkflowYaml {
  return parse(readRepoFile(path)) as WorkflowYaml;
}

/** The `run:` script of the step called `name` in job `job` of the reusable workflow. */
export function stepScript(job: string, name: string): { run: string; env: Record<string, string> } {
  const step = readWorkflow(REUSABLE).jobs[job]?.steps?.find((s) => s.name === name);
  if (!step?.run) throw new Error(`no step "${name}" with a run: script in job ${job} of ${REUSABLE}`);
  return { run: step.run, env: step.env ?? {} };
}
