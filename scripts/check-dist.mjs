// Fails when the committed dist/ differs from a bundle made fresh from src/.
import { execFileSync } from 'node:child_process';

execFileSync(process.execPath, ['scripts/bundle.mjs'], { stdio: 'inherit' });
const changed = execFileSync('git', ['status', '--porcelain', '--', 'dist'], { encoding: 'utf8' }).trim();
if (changed) {
  console.error('dist/ is stale: rebuild it with `npm run bundle` and commit the result.');
  console.error(changed);
  process.exit(1);
}
console.log('dist/ is fresh.');
