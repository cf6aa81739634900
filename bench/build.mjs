// npm run bench:build — the build scenarios of the suite only (1 no-change nightly, 2 code-only
// change, 3 release promotion); same as `npm run bench -- --only build`.
import { runSuite } from './lib/suite.mjs';

try {
  await runSuite(['--only', 'build', ...process.argv.slice(2)]);
} catch (error) {
  console.error(`bench: ${error.message}`);
  process.exitCode = 1;
}
