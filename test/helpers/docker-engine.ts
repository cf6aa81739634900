// A real Docker Engine for the e2e tests: the one that answers, or dockerd started here when
// we are root and it is installed. Tests that only ask the engine (inspect, import) use
// `describeWithDocker` and run once; tests that build use `describeWithBuilder` and run once per
// builder (the buildx and buildkit projects of vitest.config.ts, builders.ts). Without an engine or
// a builder they are skipped locally, with the reason, and fail in CI (CI is set), so nothing
// missing ever passes silently.

import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { describe } from 'vitest';
import { projectBuilder, type BuilderName } from './builders.js';

/**
 * The docker client of this test file: in a build project its builder's client (OEP45_DOCKER, set
 * by builder-setup.ts), else the engine's own client, which answers whatever does not build.
 */
export const DOCKER = process.env.OEP45_DOCKER ?? (existsSync('/usr/bin/docker') ? '/usr/bin/docker' : 'docker');

/** The builder of this build project (`buildx` or `buildkit`); undefined outside the build projects. */
export const BUILDER: BuilderName | undefined = projectBuilder()?.name;

/** PATH with `program` first under the name `docker`: how a user's machine offers its client. */
export function pathWithDocker(program: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'oep45-path-'));
  const target = program.includes('/') ? program : execFileSync('sh', ['-c', 'command -v "$1"', 'sh', program], { encoding: 'utf8' }).trim();
  symlinkSync(target, join(dir, 'docker'));
  return [dir, process.env.PATH].filter(Boolean).join(delimiter);
}

export function engineAnswers(): boolean {
  try {
    execFileSync(DOCKER, ['version', '--format', '{{.Server.Version}}'], { stdio: 'pipe', timeout: 10_000 });
    return true;
  } catch {
    return false;
  }
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Starts dockerd in the background when none answers and we may; returns whether one answers. */
export function ensureEngine(): boolean {
  if (engineAnswers()) return true;
  if (process.getuid?.() !== 0 || !existsSync('/usr/sbin/dockerd')) return false;
  const log = openSync('/tmp/oep45-dockerd.log', 'a');
  const child = spawn('/usr/sbin/dockerd', [], { detached: true, stdio: ['ignore', log, log] });
  child.unref();
  for (let i = 0; i < 60; i++) {
    sleep(500);
    if (engineAnswers()) return true;
  }
  return false;
}

let available: boolean | undefined;
export function dockerAvailable(): boolean {
  available ??= process.env.OEP45_ENGINE === 'yes' ? true : ensureEngine();
  return available;
}

/** A describe that cannot run here: skipped with the reason locally, failing with it in CI. */
function cannotRun(name: string, why: string, fn: () => void): void {
  if (process.env.CI) {
    describe(name, () => {
      throw new Error(`CI is set but ${why}; these tests cannot run`);
    });
  } else {
    describe.skip(`${name} (${why})`, fn);
  }
}

/** `describe` for tests that need the engine but build nothing: they run once. */
export function describeWithDocker(name: string, fn: () => void): void {
  if (dockerAvailable()) describe(name, fn);
  else cannotRun(name, `no Docker engine answers (${DOCKER})`, fn);
}

/**
 * `describe` for tests that build: they run in each builder's project, with that builder. A file
 * that uses it must be listed in BUILD_TESTS (vitest.config.ts), or it would run with no builder.
 */
export function describeWithBuilder(name: string, fn: () => void): void {
  const builder = projectBuilder();
  if (!builder) {
    throw new Error(`"${name}" builds images: list its file in BUILD_TESTS in vitest.config.ts, so that it runs once per builder`);
  }
  if (!dockerAvailable()) cannotRun(name, `no Docker engine answers (${DOCKER})`, fn);
  else if (!builder.client) cannotRun(name, `no ${builder.name} builder: ${builder.missing}`, fn);
  else describe(name, fn);
}
