// Before any test file, once for the run: an engine answers when one can be started, and the two
// builders are found (builders.ts). A builder that is missing is said in one line here; its
// project's tests are then skipped with the reason, or fail in CI.

import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { exportBuilders, findBuilders } from './builders.js';
import { ensureEngine } from './docker-engine.js';

export default function setup(): (() => void) | undefined {
  // Each vitest project runs the global setup; the first one's answers stand for the run.
  if (process.env.OEP45_ENGINE) return undefined;
  process.env.OEP45_ENGINE = ensureEngine() ? 'yes' : 'no';
  if (process.env.OEP45_ENGINE === 'no') return undefined;
  const found = findBuilders();
  exportBuilders(found);
  for (const b of found) {
    if (b.missing) process.stdout.write(`oep45 tests: the ${b.name} builder is missing, so its build tests ${process.env.CI ? 'fail (CI is set)' : 'are skipped'}: ${b.missing}\n`);
  }
  const wrapper = found.find((b) => b.name === 'buildkit')?.client;
  return () => {
    if (wrapper && dirname(wrapper).startsWith(join(tmpdir(), 'oep45-test-docker20-'))) rmSync(dirname(wrapper), { recursive: true, force: true });
  };
}
