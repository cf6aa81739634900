// The release steps of oep45-action, run by a maintainer (prepare) and by
// .github/workflows/release.yml on a `vX.Y.Z` tag (verify, npm, github). docs/releasing.md says
// how a release goes; every step can run again after a failure and does only what is left.
//
//   node scripts/release.mjs prepare X.Y.Z [--date YYYY-MM-DD]
//       CHANGELOG.md's Unreleased section becomes [X.Y.Z] - date; package.json, package-lock.json
//       and dist/ say X.Y.Z. Commit it, merge it, then tag the merged commit vX.Y.Z.
//   node scripts/release.mjs verify vX.Y.Z
//       the tag is HEAD, on the default branch, and agrees with package.json and CHANGELOG.md.
//   node scripts/release.mjs notes vX.Y.Z
//       prints the release's CHANGELOG.md section: the text of its GitHub release.
//   node scripts/release.mjs stamp vX.Y.Z
//       writes dist/release.json (version, tag, commit) for the package: how `oep45 init` from an
//       installed package knows the commit to pin the starters to.
//   node scripts/release.mjs npm vX.Y.Z
//       stamps, then publishes the package with provenance (npm's trusted publishing), unless
//       this version is published already.
//   node scripts/release.mjs github vX.Y.Z
//       the GitHub release from the changelog section; the major tag vX moved to the release
//       (when it is the newest of its major version); and a pull request that re-pins the
//       starters to it with scripts/pin-starters.mjs (when it is the newest release).
//
// Environment: GITHUB_TOKEN (github: the API and git pushes, through a credential helper that
// reads it from the environment, never argv), GITHUB_REPOSITORY (default openedx/oep45-action),
// GITHUB_API_URL, DEFAULT_BRANCH (default main).

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { addUnreleased, compareVersions, isPrerelease, isVersion, prepareRelease, releaseNotes, sections } from './release-changelog.mjs';
import { GitHubApi, GitHubError } from './release-github.mjs';

export const RELEASE_FILE = 'dist/release.json';
/** The npm CLI that publishes through npm's trusted publishing (OIDC), with provenance. */
const NPM_TRUSTED_PUBLISHING = '11.5.1';
const BOT = { name: 'github-actions[bot]', email: '41898282+github-actions[bot]@users.noreply.github.com' };

class ReleaseError extends Error {}

function fail(message) {
  throw new ReleaseError(message);
}

/** `v1.2.0` → `1.2.0`. */
export function tagVersion(tag) {
  const version = /^v(.+)$/.exec(tag ?? '')?.[1];
  if (!version || !isVersion(version)) fail(`"${tag ?? ''}" is not a release tag vX.Y.Z (or vX.Y.Z-pre)`);
  return version;
}

export function majorTag(version) {
  return `v${version.split('.')[0]}`;
}

/**
 * Runs a program; its stdout, trimmed. A failure stops the release with the program's last words,
 * or gives undefined with `allowFailure`. `live` shows the program's output as it runs.
 */
function run(cmd, args, { cwd, env = process.env, allowFailure = false, live = false } = {}) {
  try {
    const out = execFileSync(cmd, args, { cwd, env, encoding: 'utf8', stdio: ['ignore', live ? 'inherit' : 'pipe', live ? 'inherit' : 'pipe'] });
    return (out ?? '').trim();
  } catch (error) {
    if (allowFailure) return undefined;
    const said = String(error.stderr ?? '').trim().split('\n').slice(-3).join(' | ');
    fail(`${cmd} ${args.join(' ')} failed${error.status != null ? ` (exit ${error.status})` : ''}${said ? `: ${said}` : ''}`);
  }
}

/**
 * git's environment: with a token, a credential helper that hands git the token from the
 * environment for pushes and fetches (the checkout kept no credentials).
 */
function gitEnv(env) {
  const out = { ...env, GIT_TERMINAL_PROMPT: '0' };
  if (env.GITHUB_TOKEN) {
    Object.assign(out, {
      GIT_CONFIG_COUNT: '2',
      GIT_CONFIG_KEY_0: 'credential.helper',
      GIT_CONFIG_VALUE_0: '',
      GIT_CONFIG_KEY_1: 'credential.helper',
      GIT_CONFIG_VALUE_1: '!f() { test "$1" = get && echo username=x-access-token && echo "password=$GITHUB_TOKEN"; }; f',
    });
  }
  return out;
}

function git(args, options) {
  return run('git', args, { ...options, env: gitEnv(options.env ?? process.env) });
}

function gitTry(args, options) {
  return run('git', args, { ...options, env: gitEnv(options.env ?? process.env), allowFailure: true });
}

function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/** The released versions this repository has tags for. */
function taggedVersions(cwd, env) {
  return (gitTry(['tag', '--list', 'v*'], { cwd, env }) ?? '')
    .split('\n')
    .map((t) => t.slice(1))
    .filter(isVersion);
}

/** Whether `version` is a final release at least as new as every final release in `versions`. */
export function isNewest(version, versions, sameMajor = false) {
  if (isPrerelease(version)) return false;
  const major = version.split('.')[0];
  return versions.filter((v) => !isPrerelease(v) && (!sameMajor || v.split('.')[0] === major)).every((v) => compareVersions(version, v) >= 0);
}

/** The dist-tag a version is published under: `latest` only for the newest release. */
export function npmDistTag(version, versions) {
  if (isPrerelease(version)) return 'next';
  return isNewest(version, versions) ? 'latest' : `latest-${version.split('.')[0]}`;
}

export function verify({ cwd, tag, env = process.env }) {
  const version = tagVersion(tag);
  const pkg = readJson(join(cwd, 'package.json'));
  if (pkg.version !== version) fail(`package.json says ${pkg.version}, the tag ${tag}: run \`node scripts/release.mjs prepare ${version}\`, merge it, and tag that commit`);
  const changelog = readFileSync(join(cwd, 'CHANGELOG.md'), 'utf8');
  let notes;
  try {
    notes = releaseNotes(changelog, version);
  } catch (error) {
    fail(error.message);
  }
  const { lines, sections: all } = sections(changelog);
  const unreleased = all.find((s) => s.name.toLowerCase() === 'unreleased');
  if (unreleased && lines.slice(unreleased.start + 1, unreleased.end).join('\n').trim()) fail(`CHANGELOG.md has entries under Unreleased that ${tag} does not name: release them with \`prepare\``);
  const commit = gitTry(['rev-parse', '--verify', '--quiet', `refs/tags/${tag}^{commit}`], { cwd, env }) ?? fail(`no tag ${tag} here`);
  const head = git(['rev-parse', 'HEAD'], { cwd, env });
  if (commit !== head) fail(`${tag} is ${commit}, but HEAD is ${head}: check out the tag`);
  const base = env.DEFAULT_BRANCH || 'main';
  const tip = gitTry(['rev-parse', '--verify', '--quiet', `refs/remotes/origin/${base}`], { cwd, env }) ?? fail(`origin/${base} is not here: fetch it (a release is made from the default branch)`);
  if (gitTry(['merge-base', '--is-ancestor', commit, tip], { cwd, env }) === undefined) fail(`${tag} (${commit}) is not on ${base}: tag a commit of ${base}`);
  return { version, commit, notes, base, prerelease: isPrerelease(version) };
}

export function stamp({ cwd, tag, env = process.env }) {
  const version = tagVersion(tag);
  const commit = git(['rev-parse', 'HEAD'], { cwd, env });
  writeFileSync(join(cwd, RELEASE_FILE), JSON.stringify({ version, tag, commit }, null, 2) + '\n');
  return { version, tag, commit };
}

export function npmPublish({ cwd, tag, env = process.env, log = console.log }) {
  const { version } = verify({ cwd, tag, env });
  const npmVersion = run('npm', ['--version'], { cwd, env });
  if (compareVersions(npmVersion.replace(/^v/, ''), NPM_TRUSTED_PUBLISHING) < 0) fail(`npm ${npmVersion} cannot publish through trusted publishing: ${NPM_TRUSTED_PUBLISHING} or newer is needed (Node.js 24 has it)`);
  const { name } = readJson(join(cwd, 'package.json'));
  if (run('npm', ['view', `${name}@${version}`, 'version'], { cwd, env, allowFailure: true }) === version) {
    log(`${name}@${version} is published already: nothing to do`);
    return { published: false };
  }
  stamp({ cwd, tag, env });
  const distTag = npmDistTag(version, taggedVersions(cwd, env));
  run('npm', ['publish', '--access', 'public', '--provenance', '--tag', distTag], { cwd, env, live: true });
  log(`published ${name}@${version} (dist-tag ${distTag})`);
  return { published: true, distTag };
}

/** Re-pins the starters on a branch from the default branch, and opens its pull request. */
async function pinPullRequest({ cwd, env, tag, commit, base, api, log }) {
  const branch = `oep45-release/pin-${tag}`;
  const tree = mkdtempSync(join(tmpdir(), 'oep45-pin-'));
  git(['worktree', 'add', '--force', '--detach', tree, `refs/remotes/origin/${base}`], { cwd, env });
  try {
    // --proven: the release workflow's CI job ran the pin test at this commit (HEAD) before this step.
    run(process.execPath, ['scripts/pin-starters.mjs', '--proven', commit, tag], { cwd: tree, env, live: true });
    if (!git(['status', '--porcelain', '--untracked-files=no'], { cwd: tree, env })) {
      log(`the starters on ${base} are pinned to ${tag} already`);
      return undefined;
    }
    const changelog = join(tree, 'CHANGELOG.md');
    writeFileSync(changelog, addUnreleased(readFileSync(changelog, 'utf8'), 'Changed', `The starter workflows call the reusable workflow of ${tag}.`));
    git(['-c', `user.name=${BOT.name}`, '-c', `user.email=${BOT.email}`, 'commit', '--quiet', '--all', '--message', `Pin the starters to ${tag}`], { cwd: tree, env });
    git(['push', '--quiet', '--force', 'origin', `HEAD:refs/heads/${branch}`], { cwd: tree, env });
    const pr = await api.ensurePullRequest({
      head: branch,
      base,
      title: `Pin the starters to ${tag}`,
      body: `Re-pins the starter workflows (and what else \`scripts/pin-starters.mjs\` pins) to ${tag} (\`${commit}\`), so that what a service copies runs this release. Made by the release workflow.`,
    });
    log(`${pr.created ? 'opened' : 'updated'} the pull request ${pr.url ?? branch}`);
    return pr;
  } finally {
    gitTry(['worktree', 'remove', '--force', tree], { cwd, env });
    rmSync(tree, { recursive: true, force: true });
  }
}

export async function github({ cwd, tag, env = process.env, log = console.log }) {
  tagVersion(tag);
  const api = new GitHubApi({ url: env.GITHUB_API_URL, repository: env.GITHUB_REPOSITORY || 'openedx/oep45-action', token: env.GITHUB_TOKEN });
  const base = env.DEFAULT_BRANCH || 'main';
  // What the remote has now: the default branch and every tag (a major tag may have moved).
  git(['fetch', '--quiet', '--force', '--tags', 'origin', `+refs/heads/${base}:refs/remotes/origin/${base}`], { cwd, env });
  const { version, commit, notes, prerelease } = verify({ cwd, tag, env });
  const versions = taggedVersions(cwd, env);
  const latest = isNewest(version, versions);

  const release = await api.upsertRelease({ tag, body: notes, prerelease, latest });
  log(`${release.created ? 'made' : 'updated'} the GitHub release ${release.url ?? tag}${latest ? ' (latest)' : ''}`);

  const major = majorTag(version);
  if (!isNewest(version, versions, true)) {
    log(`${major} stays where it is: a newer ${major} release exists`);
  } else {
    const before = gitTry(['rev-parse', '--verify', '--quiet', `refs/tags/${major}^{commit}`], { cwd, env });
    if (before === commit) {
      log(`${major} is at ${tag} already`);
    } else {
      git(['tag', '--force', major, commit], { cwd, env });
      git(['push', '--quiet', '--force', 'origin', `refs/tags/${major}`], { cwd, env });
      log(`moved ${major} to ${tag} (${commit})${before ? `, from ${before}` : ''}`);
    }
  }

  const pr = latest ? await pinPullRequest({ cwd, env, tag, commit, base, api, log }) : (log(`the starters stay pinned: ${tag} is not the newest release`), undefined);
  return { version, commit, latest, release, pr };
}

export function prepare({ cwd, version, date = new Date().toISOString().slice(0, 10), env = process.env, log = console.log }) {
  const file = join(cwd, 'CHANGELOG.md');
  let text;
  try {
    text = prepareRelease(readFileSync(file, 'utf8'), version, date);
  } catch (error) {
    fail(error.message);
  }
  writeFileSync(file, text);
  run('npm', ['version', version, '--no-git-tag-version', '--allow-same-version'], { cwd, env });
  run(process.execPath, ['scripts/bundle.mjs'], { cwd, env, live: true });
  log(`CHANGELOG.md, package.json, package-lock.json and dist/ say ${version}. Next: commit "Release v${version}", merge it, then tag the merged commit: git tag v${version} <commit> && git push origin v${version}`);
}

async function main(argv) {
  const [command, arg, ...rest] = argv;
  const cwd = process.cwd();
  const date = rest[0] === '--date' ? rest[1] : undefined;
  switch (command) {
    case 'prepare':
      return prepare({ cwd, version: arg, ...(date ? { date } : {}) });
    case 'verify': {
      const { commit, base } = verify({ cwd, tag: arg });
      return console.log(`${arg} is ${commit}, on ${base}, and package.json and CHANGELOG.md agree`);
    }
    case 'notes': {
      const version = tagVersion(arg);
      try {
        return process.stdout.write(`${releaseNotes(readFileSync(join(cwd, 'CHANGELOG.md'), 'utf8'), version)}\n`);
      } catch (error) {
        return fail(error.message);
      }
    }
    case 'stamp':
      return console.log(`${RELEASE_FILE}: ${JSON.stringify(stamp({ cwd, tag: arg }))}`);
    case 'npm':
      return npmPublish({ cwd, tag: arg });
    case 'github':
      return github({ cwd, tag: arg });
    default:
      fail(`unknown command "${command ?? ''}": prepare, verify, notes, stamp, npm or github (see the top of scripts/release.mjs)`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((error) => {
    // A release error is one line; anything else is a bug of this script, shown whole.
    console.error(error instanceof ReleaseError || error instanceof GitHubError ? `release: ${error.message}` : error);
    process.exitCode = 1;
  });
}
