// npm run bench [-- --only <scenarios>] — the performance suite: see bench/lib/suite.mjs and
// docs/performance.md. Needs a running Docker engine, Debian's docker-registry and debootstrap,
// and a fresh bundle (`npm run bundle`). It empties the engine's build cache several times.
import { runSuite } from './lib/suite.mjs';

try {
  await runSuite(process.argv.slice(2));
} catch (error) {
  console.error(`bench: ${error.message}`);
  process.exitCode = 1;
}
