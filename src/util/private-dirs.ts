// Private folders that hold secrets for the length of one step (the action's build secrets, one
// file per `id=value`, under RUNNER_TEMP): made with mode 0700, and removed when the step ends —
// after the run (`removePrivateDirs`, in a `finally`), on the process's exit whatever caused it,
// and on SIGINT, SIGTERM and SIGHUP (the runner sends SIGINT, then SIGTERM, to a cancelled step),
// after which the signal is raised again so the process ends as it would have. RUNNER_TEMP is
// emptied by GitHub's hosted runners after the job, not by self-hosted ones between jobs: a file
// left there would be read by the next job on the same machine.

import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const dirs = new Set<string>();
const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
let installed = false;

/** Removes every private folder made so far; safe to call more than once. */
export function removePrivateDirs(): void {
  for (const dir of dirs) {
    rmSync(dir, { recursive: true, force: true });
    dirs.delete(dir);
  }
}

function onSignal(signal: NodeJS.Signals): void {
  removePrivateDirs();
  for (const s of SIGNALS) process.removeListener(s, onSignal);
  process.kill(process.pid, signal);
}

function install(): void {
  if (installed) return;
  installed = true;
  process.on('exit', removePrivateDirs);
  for (const signal of SIGNALS) process.on(signal, onSignal);
}

/** A new folder under `parent` only this user can read, removed when the step ends. */
export function privateDir(parent: string, prefix: string): string {
  install();
  const dir = mkdtempSync(join(parent, prefix));
  dirs.add(dir);
  return dir;
}
