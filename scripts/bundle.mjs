// Bundles the action (dist/index.js) and the CLI (dist/cli.js) so they run with no node_modules.
// ESM output needs a real `require` for the CommonJS dependencies that load Node built-ins.
// The schemas' validation code is generated first (scripts/schema-validators.mjs), so that the
// bundle never holds a schema that is newer than its compiled form.
import { build } from 'esbuild';
import { rm, chmod } from 'node:fs/promises';
import { GENERATED, writeValidators } from './schema-validators.mjs';

if (writeValidators()) console.log(`written: ${GENERATED} (a schema changed)`);

const banner = [
  "import { createRequire as __oep45CreateRequire } from 'node:module';",
  'const require = __oep45CreateRequire(import.meta.url);',
].join('\n');

await rm('dist', { recursive: true, force: true });
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  minify: true,
  legalComments: 'linked',
  sourcemap: false,
  charset: 'utf8',
  logLevel: 'warning',
};
await build({ ...common, entryPoints: ['src/index.ts'], outfile: 'dist/index.js', banner: { js: banner } });
await build({ ...common, entryPoints: ['src/bin.ts'], outfile: 'dist/cli.js', banner: { js: `#!/usr/bin/env node\n${banner}` } });
await chmod('dist/cli.js', 0o755);
