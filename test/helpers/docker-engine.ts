// A real Docker Engine for the e2e tests: the one that answers, or dockerd started here when
// we are root and it is installed. Tests that need it use `describeWithDocker`; without an engine
// they are skipped locally and fail in CI (CI is set), so a missing engine never passes silently.

import { execFileSync, spawn } from 'node:child_process';
import { existsSync, openSync } from 'node:fs';
import { describe } from 'vitest';

/** The engine's own client runs BuildKit builds; a client without buildx may refuse them. */
export const DOCKER = process.env.OEP45_DOCKER ?? (existsSync('/usr/bin/docker') ? '/usr/bin/docker' : 'docker');

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

/** `describe` for tests that need the engine: skipped without one locally, failing in CI. */
export function describeWithDocker(name: string, fn: () => void): void {
  if (dockerAvailable()) {
    describe(name, fn);
  } else if (process.env.CI) {
    describe(name, () => {
      throw new Error(`CI is set but no Docker engine answers (${DOCKER}); the e2e tests cannot run`);
    });
  } else {
    describe.skip(`${name} (no Docker engine)`, fn);
  }
}
