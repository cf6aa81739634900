// What every benchmark scenario shares: the TypeScript test helpers (real registry, locally made
// base images, the engine's client) bundled for plain Node, async process runners (the counting
// proxy shares nothing with this process, but a blocked event loop would still stall the registry
// helper), timing, and medians.

import { execFile, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { build } from 'esbuild';

export const ROOT = resolve(import.meta.dirname, '../..');
export const WORK = join(ROOT, 'bench/work');
export const CLI = join(ROOT, 'dist/cli.js');
export const ACTION = join(ROOT, 'dist/index.js');

/**
 * test/helpers/{registry,base-images,docker-engine}.ts (and the build's step counter, so that the
 * baselines' steps are counted as ours are, and the builder choice, so that the figures name the
 * builder that ran) bundled into bench/work/ (inside the
 * repository, so their packages resolve from node_modules), then imported.
 */
export async function testHelpers() {
  mkdirSync(WORK, { recursive: true });
  const outfile = join(WORK, 'test-helpers.mjs');
  await build({
    stdin: {
      contents: [
        "export { startRegistry } from './test/helpers/registry.ts';",
        "export { debianImage, DEBIAN_IMAGE, busyboxImage, BUSYBOX_IMAGE } from './test/helpers/base-images.ts';",
        "export { DOCKER, engineAnswers } from './test/helpers/docker-engine.ts';",
        "export { countSteps } from './src/image/command.ts';",
        "export { describeBuilder } from './src/image/capabilities.ts';",
        "export { discoverDockerClient } from './src/image/docker-client.ts';",
        "export { Docker } from './src/image/docker.ts';",
        "export { silentLog } from './src/util/log.ts';",
      ].join('\n'),
      resolveDir: ROOT,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile,
    external: ['vitest', 'bcryptjs'],
    logLevel: 'warning',
  });
  return import(outfile);
}

/**
 * Runs a program to its end without blocking this process; rejects with its last output lines
 * when it fails (unless `allowFail`).
 */
export function run(program, args, options = {}) {
  return new Promise((resolvePromise, reject) => {
    execFile(program, args, { encoding: 'utf8', maxBuffer: 1 << 28, ...options }, (error, stdout, stderr) => {
      if (error && !options.allowFail) {
        const tail = `${stderr}\n${stdout}`.trim().split('\n').slice(-25).join('\n');
        reject(new Error(`${program} ${args.slice(0, 3).join(' ')}… failed (${error.code ?? error.signal}):\n${tail}`));
      } else resolvePromise({ code: error ? (error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

const GIT_ENV = { GIT_AUTHOR_NAME: 'Bench', GIT_AUTHOR_EMAIL: 'bench@example.com', GIT_COMMITTER_NAME: 'Bench', GIT_COMMITTER_EMAIL: 'bench@example.com' };

export async function git(dir, ...args) {
  return (await run('git', args, { cwd: dir, env: { ...process.env, ...GIT_ENV } })).stdout.trim();
}

/** Seconds taken by an async function, with its result. */
export async function timed(fn) {
  const started = performance.now();
  const value = await fn();
  return { seconds: (performance.now() - started) / 1000, value };
}

/**
 * Spawns `node <args>` and resolves with the time to its first byte on stdout or stderr and the
 * time to its exit (milliseconds, from just before the spawn).
 */
export function spawnTimed(args, options = {}) {
  return new Promise((resolvePromise, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
    let first;
    const chunks = [];
    const seen = (chunk) => {
      first ??= performance.now() - started;
      chunks.push(chunk);
    };
    child.stdout.on('data', seen);
    child.stderr.on('data', seen);
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, firstOutputMs: first, exitMs: performance.now() - started, output: Buffer.concat(chunks).toString('utf8') }));
  });
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return { runs: values.length, median: median(values), min: sorted[0], max: sorted[sorted.length - 1] };
}

/** Rounds to `digits` decimals (3 unless told). */
export const round = (n, digits = 3) => (n === undefined || n === null ? n : Math.round(n * 10 ** digits) / 10 ** digits);

/** PATH with `program` first under the name `docker`: how a GitHub runner offers its client. */
export function pathWithDocker(program) {
  const dir = mkdtempSync(join(tmpdir(), 'oep45-bench-path-'));
  symlinkSync(program, join(dir, 'docker'));
  return [dir, process.env.PATH].filter(Boolean).join(delimiter);
}
