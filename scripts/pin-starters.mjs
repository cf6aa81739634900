// Pins every call of this repository in what a service copies — the starter workflows
// (workflows/*.yml), the examples' workflows, the snippets of the README, docs/workflows.md and
// docs/configuration.md — to
// one commit, with its version in a comment (W001, W008), after proving that the commit works:
// test/e2e/workflow-pin.test.ts runs that commit's reusable workflows with its own action, and a
// commit that fails it is refused. A commit cannot name itself: pin to a commit, then commit the
// pins on top of it (the pinned commit stays reachable: this repository is never rebased).
//
//   node scripts/pin-starters.mjs [--proven] [COMMIT] [VERSION]
//
// --proven takes the proof from CI instead of running it again: the release workflow re-pins only
// after its CI job passed at that very commit, and CI runs the pin test on HEAD too ("HEAD, the
// next pin"). It needs COMMIT named.
//
// COMMIT defaults to HEAD. VERSION defaults to the release tag at COMMIT (`v1.2.0`); else
// `git describe` from the last release tag (`v1.2.0-3-g1a2b3c4`); else, before any release,
// `v0.0.0-g<7 digits>`. Every default is a semantic version (Dependabot and Renovate read it, and
// the release process rewrites it to `# vX.Y.Z`), never a branch name; a VERSION that names a
// branch is refused.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REUSABLE = '.github/workflows/oep45-images.yml';

// `openedx/oep45-action@<sha>` (the action) and `openedx/oep45-action/.github/workflows/<file>@<sha>`.
const PIN = /(openedx\/oep45-action(?:\/\.github\/workflows\/[\w.-]+\.ya?ml)?@)[0-9a-f]{40}([ \t]+#[^\n]*)?/g;

/** Every pin of this repository in `text`, re-pinned to `sha` with `# version`. */
export function pinText(text, sha, version) {
  return text.replace(PIN, (_, head) => `${head}${sha} # ${version}`);
}

/** The files a service copies from: the starters, the examples' workflows, the README, the docs' snippets. */
export function pinnedFiles(root) {
  const files = [];
  const yml = (dir) => (existsSync(join(root, dir)) ? readdirSync(join(root, dir)).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => `${dir}/${f}`) : []);
  files.push(...yml('workflows'));
  for (const example of existsSync(join(root, 'examples')) ? readdirSync(join(root, 'examples')).sort() : []) {
    files.push(...yml(`examples/${example}/.github/workflows`));
  }
  for (const doc of ['README.md', 'docs/workflows.md', 'docs/configuration.md']) if (existsSync(join(root, doc))) files.push(doc);
  return files;
}

/** The former name of pinnedFiles. */
export const starterFiles = pinnedFiles;

/** Re-pins every file of `root`; returns the files it changed. */
export function pinFiles(root, sha, version) {
  const changed = [];
  for (const file of pinnedFiles(root)) {
    const text = readFileSync(join(root, file), 'utf8');
    const pinned = pinText(text, sha, version);
    if (pinned !== text) {
      writeFileSync(join(root, file), pinned);
      changed.push(file);
    }
  }
  return changed;
}

function git(args, cwd = '.') {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

function tryGit(args, cwd) {
  try {
    return git(args, cwd);
  } catch {
    return undefined;
  }
}

/** The version comment for `sha`: its release tag, else `git describe` from the last one, else v0.0.0-g<sha7>. */
export function versionFor(sha, cwd = '.') {
  const exact = tryGit(['describe', '--tags', '--exact-match', '--match', 'v[0-9]*', sha], cwd);
  if (exact) return exact;
  const described = tryGit(['describe', '--tags', '--abbrev=7', '--match', 'v[0-9]*', sha], cwd);
  if (described) return described;
  return `v0.0.0-g${sha.slice(0, 7)}`;
}

/** Why `version` cannot be a pin's comment, or undefined. */
export function badVersion(version, cwd = '.') {
  if (!/^v\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/.test(version)) return `"${version}" is not a version (vX.Y.Z, optionally -suffix)`;
  if (tryGit(['show-ref', '--verify', '--quiet', `refs/heads/${version}`], cwd) !== undefined) return `"${version}" is a branch name`;
  return undefined;
}

function fail(message) {
  console.error(`pin-starters: ${message}`);
  process.exit(2);
}

function main() {
  const args = process.argv.slice(2);
  const proven = args.includes('--proven');
  const [commitArg, versionArg] = args.filter((a) => a !== '--proven');
  if (proven && !commitArg) fail('--proven needs the commit that CI proved');
  const sha = tryGit(['rev-parse', '--verify', `${commitArg ?? 'HEAD'}^{commit}`]) ?? fail(`${commitArg} is not a commit here`);
  if (tryGit(['cat-file', '-e', `${sha}:${REUSABLE}`]) === undefined) fail(`commit ${sha} has no ${REUSABLE}`);
  const version = versionArg ?? versionFor(sha);
  const bad = badVersion(version);
  if (bad) fail(bad);
  if (proven) {
    console.log(`pin-starters: ${sha} (${version}) was proven by the pin test in CI`);
  } else {
    console.log(`pin-starters: proving ${sha} (${version}) with test/e2e/workflow-pin.test.ts`);
    const test = spawnSync('npx', ['vitest', 'run', 'test/e2e/workflow-pin.test.ts'], {
      stdio: 'inherit',
      env: { ...process.env, OEP45_PIN_COMMIT: sha, CI: 'true' },
    });
    if (test.status !== 0) fail(`refused: ${sha} fails the pin test (its reusable workflow asks for something its action does not do); nothing was rewritten`);
  }
  for (const file of pinFiles('.', sha, version)) console.log(`${file}: ${sha} # ${version}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
