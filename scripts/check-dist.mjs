// Fails when the committed dist/ (or the schemas' generated validation code) differs from a bundle
// made fresh from src/ and schemas/.
import { execFileSync } from 'node:child_process';
import { GENERATED } from './schema-validators.mjs';

execFileSync(process.execPath, ['scripts/bundle.mjs'], { stdio: 'inherit' });
const changed = execFileSync('git', ['status', '--porcelain', '--', 'dist', GENERATED], { encoding: 'utf8' }).trim();
if (changed) {
  console.error(`dist/ or ${GENERATED} is stale: rebuild with \`npm run bundle\` and commit the result.`);
  console.error(changed);
  process.exit(1);
}
console.log('dist/ is fresh.');
