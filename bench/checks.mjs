// npm run bench:checks [-- --runs N] — the checks scenario of the suite only (all checks on a
// repository the size of the Open edX platform); same as `npm run bench -- --only checks`.
import { runSuite } from './lib/suite.mjs';

try {
  await runSuite(['--only', 'checks', ...process.argv.slice(2)]);
} catch (error) {
  console.error(`bench: ${error.message}`);
  process.exitCode = 1;
}
