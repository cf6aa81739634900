// Bundles the action (dist/index.js) and the CLI (dist/cli.js) so they run with no node_modules.
// ESM output needs a real `require` for the CommonJS dependencies that load Node built-ins.
// The schemas' validation code is generated first (scripts/schema-validators.mjs), so that the
// bundle never holds a schema that is newer than its compiled form. `import text from 'f?raw'`
// (vite's form, which vitest reads itself) brings a file's text in: the starter workflows that
// `oep45 init` writes. Their pin of the reusable workflow is taken out, since init writes the
// running release's own: re-pinning the starters (scripts/pin-starters.mjs) leaves dist/ as it is.
import { build } from 'esbuild';
import { rm, chmod, readFile } from 'node:fs/promises';
import { resolve, dirname } from 'node:path';
import { GENERATED, writeValidators } from './schema-validators.mjs';

if (writeValidators()) console.log(`written: ${GENERATED} (a schema changed)`);

const banner = [
  "import { createRequire as __oep45CreateRequire } from 'node:module';",
  'const require = __oep45CreateRequire(import.meta.url);',
].join('\n');

const PIN = /(oep45-action\/\.github\/workflows\/oep45-[\w-]+\.yml@)[0-9a-f]{40}([ \t]+#[^\n]*)?/g;
const rawText = {
  name: 'raw-text',
  setup(b) {
    b.onResolve({ filter: /\?raw$/ }, (args) => ({ path: resolve(dirname(args.importer), args.path.slice(0, -'?raw'.length)), namespace: 'raw-text' }));
    b.onLoad({ filter: /.*/, namespace: 'raw-text' }, async (args) => ({
      contents: (await readFile(args.path, 'utf8')).replace(PIN, '$1PINNED-BY-INIT'),
      loader: 'text',
      watchFiles: [args.path],
    }));
  },
};

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
  plugins: [rawText],
};
await build({ ...common, entryPoints: ['src/index.ts'], outfile: 'dist/index.js', banner: { js: banner } });
await build({ ...common, entryPoints: ['src/bin.ts'], outfile: 'dist/cli.js', banner: { js: `#!/usr/bin/env node\n${banner}` } });
await chmod('dist/cli.js', 0o755);
