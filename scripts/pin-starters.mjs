// Pins every call of the reusable workflow in the starter workflows (workflows/*.yml) and in the
// examples' workflows to one commit of this repository, with its version in a comment, so that
// what an IDA copies runs exactly that commit's workflow and action (W001, W008).
// A commit cannot name itself: pin to a release commit, then commit the pins on top of it.
//
//   node scripts/pin-starters.mjs [COMMIT] [VERSION]
//
// COMMIT defaults to HEAD; VERSION to the tag at COMMIT, else `main`.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REUSABLE = '.github/workflows/oep45-images.yml';
const CALL = /(uses:\s*openedx\/oep45-action\/\.github\/workflows\/oep45-images\.yml@)[0-9a-f]{40}([ \t]+#[^\n]*)?/g;

/** Every `…oep45-images.yml@<sha>` call in `text`, re-pinned to `sha` with `# version`. */
export function pinText(text, sha, version) {
  return text.replace(CALL, (_, head) => `${head}${sha} # ${version}`);
}

/** The files holding calls: the starters and the examples' own workflows. */
export function starterFiles(root) {
  const files = [];
  const yml = (dir) => (existsSync(join(root, dir)) ? readdirSync(join(root, dir)).filter((f) => /\.ya?ml$/.test(f)).map((f) => `${dir}/${f}`) : []);
  files.push(...yml('workflows'));
  for (const example of existsSync(join(root, 'examples')) ? readdirSync(join(root, 'examples')) : []) {
    files.push(...yml(`examples/${example}/.github/workflows`));
  }
  return files;
}

function git(args) {
  return execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

function main() {
  const [commitArg, versionArg] = process.argv.slice(2);
  const sha = git(['rev-parse', '--verify', `${commitArg ?? 'HEAD'}^{commit}`]);
  try {
    git(['cat-file', '-e', `${sha}:${REUSABLE}`]);
  } catch {
    console.error(`pin-starters: commit ${sha} has no ${REUSABLE}`);
    process.exit(2);
  }
  let version = versionArg;
  if (!version) {
    try {
      version = git(['describe', '--tags', '--exact-match', sha]);
    } catch {
      version = 'main';
    }
  }
  for (const file of starterFiles('.')) {
    const text = readFileSync(file, 'utf8');
    const pinned = pinText(text, sha, version);
    if (pinned !== text) {
      writeFileSync(file, pinned);
      console.log(`${file}: ${sha} # ${version}`);
    }
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
