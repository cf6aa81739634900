// One `run:` step of our reusable workflows, taken out of its YAML and run by bash exactly as the
// runner runs it (`bash --noprofile --norc -eo pipefail`, the step's env with the values GitHub
// would fill in, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files), for the tests of the workflows'
// scripts on fixtures.

import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { parseOutputFile } from './action.js';
import { REUSABLE, stepScript } from './workflow-files.js';

export interface StepRun {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
}

/** Runs the step; `path` goes first on PATH (to put a recording shim before a real program). */
export async function runStep(job: string, name: string, env: Record<string, string>, options: { file?: string; path?: string } = {}): Promise<StepRun> {
  const { run, env: declared } = stepScript(job, name, options.file ?? REUSABLE);
  // Only variables the step declares may be given: the test cannot feed it what GitHub would not.
  for (const key of Object.keys(env)) expect(Object.keys(declared), `${name} declares ${key}`).toContain(key);
  const dir = mkdtempSync(join(tmpdir(), 'oep45-step-'));
  const script = join(dir, 'step.sh');
  writeFileSync(script, run);
  writeFileSync(join(dir, 'output'), '');
  writeFileSync(join(dir, 'summary'), '');
  // In a workspace of its own, as each job's steps are.
  const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], {
    cwd: dir,
    env: {
      PATH: options.path ? `${options.path}:${process.env.PATH}` : process.env.PATH,
      HOME: process.env.HOME,
      GITHUB_OUTPUT: join(dir, 'output'),
      GITHUB_STEP_SUMMARY: join(dir, 'summary'),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on('data', (c: Buffer) => out.push(c));
  child.stderr.on('data', (c: Buffer) => err.push(c));
  const code: number = await new Promise((r) => child.on('close', (c) => r(c ?? 1)));
  return {
    code,
    stdout: Buffer.concat(out).toString('utf8'),
    stderr: Buffer.concat(err).toString('utf8'),
    outputs: parseOutputFile(readFileSync(join(dir, 'output'), 'utf8')),
    summary: readFileSync(join(dir, 'summary'), 'utf8'),
  };
}

/** A `curl` before the real one on PATH that writes its arguments to a log, one line per call. */
export function recordingCurl(): { path: string; calls: () => string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'oep45-curl-'));
  const log = join(dir, 'calls');
  writeFileSync(log, '');
  const real = '/usr/bin/curl';
  writeFileSync(join(dir, 'curl'), `#!/bin/sh\nprintf '%s\\n' "$*" >> "${log}"\nexec ${real} "$@"\n`, { mode: 0o755 });
  return { path: dir, calls: () => readFileSync(log, 'utf8').split('\n').filter(Boolean) };
}
