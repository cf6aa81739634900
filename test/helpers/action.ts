// Runs the bundled action exactly as the GitHub runner does: `node dist/index.js` with INPUT_*
// variables (hyphens kept, names upper-cased), GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, an event
// payload file and RUNNER_TEMP; then reads back what it wrote.

import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(import.meta.dirname, '../..');
export const ACTION = join(REPO_ROOT, 'dist/index.js');
export const CLI = join(REPO_ROOT, 'dist/cli.js');

export interface ActionRun {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
}

/** Parses GITHUB_OUTPUT: `name=value` lines and `name<<DELIM` … `DELIM` blocks. */
export function parseOutputFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name, delim] = heredoc;
      const body: string[] = [];
      for (i++; i < lines.length && lines[i] !== delim; i++) body.push(lines[i]!);
      out[name!] = body.join('\n');
    } else if (line.includes('=')) {
      out[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
    }
  }
  return out;
}

export interface ActionOptions {
  inputs?: Record<string, string>;
  env?: Record<string, string>;
  event?: { name: string; payload?: object };
  ref?: string;
  sha?: string;
  cwd?: string;
  stdin?: string;
}

export async function runAction(options: ActionOptions = {}): Promise<ActionRun> {
  const temp = mkdtempSync(join(tmpdir(), 'oep45-runner-'));
  const outputFile = join(temp, 'output');
  const summaryFile = join(temp, 'summary');
  const eventFile = join(temp, 'event.json');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  writeFileSync(eventFile, JSON.stringify(options.event?.payload ?? {}));
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_EVENT_PATH: eventFile,
    GITHUB_EVENT_NAME: options.event?.name ?? 'push',
    GITHUB_REF: options.ref ?? 'refs/heads/master',
    GITHUB_SHA: options.sha ?? '0123456789abcdef0123456789abcdef01234567',
    GITHUB_REPOSITORY: 'openedx/sample-ida',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_WORKSPACE: options.cwd ?? REPO_ROOT,
    RUNNER_TEMP: temp,
    ...(process.env.OEP45_DOCKER ? { OEP45_DOCKER: process.env.OEP45_DOCKER } : {}),
    ...options.env,
  };
  for (const [name, value] of Object.entries(options.inputs ?? {})) {
    // The runner keeps hyphens: input `fail-on` becomes INPUT_FAIL-ON.
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  }
  const child = spawn(process.execPath, [ACTION], { cwd: options.cwd ?? REPO_ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  child.stdout.on('data', (c: Buffer) => stdout.push(c));
  child.stderr.on('data', (c: Buffer) => stderr.push(c));
  child.stdin.end(options.stdin ?? '');
  const code: number = await new Promise((r) => child.on('close', (c) => r(c ?? 1)));
  const run = {
    code,
    stdout: Buffer.concat(stdout).toString('utf8'),
    stderr: Buffer.concat(stderr).toString('utf8'),
    outputs: parseOutputFile(readFileSync(outputFile, 'utf8')),
    summary: readFileSync(summaryFile, 'utf8'),
  };
  // The runner's temp folder is the run's own: gone once read, so the suite leaves nothing in /tmp.
  rmSync(temp, { recursive: true, force: true });
  return run;
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the bundled CLI as a user would, optionally with no node_modules reachable. */
export async function runCliProcess(args: string[], options: { cwd?: string; env?: Record<string, string>; stdin?: string; cli?: string } = {}): Promise<CliRun> {
  const child = spawn(process.execPath, [options.cli ?? CLI, ...args], {
    cwd: options.cwd ?? REPO_ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...(process.env.OEP45_DOCKER ? { OEP45_DOCKER: process.env.OEP45_DOCKER } : {}), ...options.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  child.stdout.on('data', (c: Buffer) => stdout.push(c));
  child.stderr.on('data', (c: Buffer) => stderr.push(c));
  child.stdin.end(options.stdin ?? '');
  const code: number = await new Promise((r) => child.on('close', (c) => r(c ?? 1)));
  return { code, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') };
}
