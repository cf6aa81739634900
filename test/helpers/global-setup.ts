// Before any test file, once for the run: an engine answers when one can be started, and the two
// builders are found (builders.ts). A builder that is missing is said in one line here; its
// project's tests are then skipped with the reason, or fail in CI. Every temporary folder a test,
// a helper or a program it starts makes goes under one folder of the run's (TMPDIR, which
// os.tmpdir(), git, docker and mktemp all follow, and which the test workers inherit), removed when
// the run ends, so that no run leaves its repositories, registries and build contexts in /tmp.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { exportBuilders, findBuilders } from './builders.js';
import { ensureEngine } from './docker-engine.js';

export default function setup(): (() => void) | undefined {
  // Each vitest project runs the global setup; the first one's answers stand for the run.
  if (process.env.OEP45_ENGINE) return undefined;
  // A dockerd this setup starts outlives the run, so it is started before TMPDIR moves.
  const engine = ensureEngine();
  const runTemp = mkdtempSync(join(tmpdir(), 'oep45-tests-'));
  process.env.TMPDIR = runTemp;
  const removeRunTemp = () => {
    try {
      rmSync(runTemp, { recursive: true, force: true, maxRetries: 3 });
    } catch (error) {
      process.stdout.write(`oep45 tests: could not remove ${runTemp}: ${(error as Error).message}\n`);
    }
  };
  process.env.OEP45_ENGINE = engine ? 'yes' : 'no';
  if (process.env.OEP45_ENGINE === 'no') return removeRunTemp;
  const found = findBuilders();
  exportBuilders(found);
  for (const b of found) {
    if (b.missing) process.stdout.write(`oep45 tests: the ${b.name} builder is missing, so its build tests ${process.env.CI ? 'fail (CI is set)' : 'are skipped'}: ${b.missing}\n`);
  }
  const wrapper = found.find((b) => b.name === 'buildkit')?.client;
  return () => {
    if (wrapper && dirname(wrapper).startsWith(join(tmpdir(), 'oep45-test-docker20-'))) rmSync(dirname(wrapper), { recursive: true, force: true });
    removeRunTemp();
  };
}
