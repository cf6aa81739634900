// Which commit of oep45-action is running, so that `oep45 init` pins the starters to exactly the
// workflow and action this CLI is. A commit cannot name itself, so the bundle cannot carry its own
// commit: the release workflow writes `dist/release.json` ({version, tag, commit}) into the npm
// package it publishes (scripts/release.mjs stamp). Run from a clone instead, the clone's HEAD is
// the commit: its release tag when HEAD has one, else it is said to be unreleased.

import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Git } from '../../git/git.js';
import { UserError } from '../../util/errors.js';
import { VERSION } from '../../version.js';

export const PACKAGE_NAME = '@openedx/oep45-action';
export const RELEASE_FILE = 'dist/release.json';
const REUSABLE = '.github/workflows/oep45-images.yml';

export interface RunningRelease {
  commit: string;
  /** The version comment of the pin: `v1.2.0`, or `unreleased (…)`. */
  label: string;
  released: boolean;
  /** Where the answer came from, for the user. */
  source: string;
  /** Said to the user when the pin is not a release. */
  warning?: string;
}

/** The folder of the package this code runs from: the bundle's (dist/..) or the source's. */
export function packageRoot(from = dirname(fileURLToPath(import.meta.url))): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === PACKAGE_NAME) return dir;
      } catch {
        // not ours; keep looking up
      }
    }
    if (dirname(dir) === dir) return undefined;
  }
}

function fromStamp(root: string): RunningRelease | undefined {
  const file = join(root, RELEASE_FILE);
  if (!existsSync(file)) return undefined;
  let stamp: { version?: unknown; tag?: unknown; commit?: unknown };
  try {
    stamp = JSON.parse(readFileSync(file, 'utf8')) as typeof stamp;
  } catch (error) {
    throw new UserError(`${file} is not JSON (${(error as Error).message}): reinstall ${PACKAGE_NAME}`);
  }
  if (typeof stamp.commit !== 'string' || !/^[0-9a-f]{40}$/.test(stamp.commit) || typeof stamp.tag !== 'string' || stamp.version !== VERSION) {
    throw new UserError(`${file} does not describe this release (${VERSION}): reinstall ${PACKAGE_NAME}`);
  }
  return { commit: stamp.commit, label: stamp.tag, released: true, source: `release ${stamp.tag}` };
}

async function fromClone(root: string): Promise<RunningRelease | undefined> {
  const git = new Git(root);
  const top = await git.topLevel();
  // Installed inside another repository (its node_modules), that repository's HEAD is not ours.
  if (!top || realpathSync(top) !== realpathSync(root)) return undefined;
  const commit = await git.revParse('HEAD');
  if (!commit || (await git.showFile(commit, REUSABLE)) === undefined) return undefined;
  const tag = await git.describe(commit, 'v[0-9]*', true);
  const clean = await git.isClean('.');
  const local = clean ? '' : '; the changes not committed here are not in it';
  if (tag) {
    return { commit, label: tag, released: true, source: `the clone at ${root}, on tag ${tag}`, ...(clean ? {} : { warning: `pinned to ${tag} (${commit})${local}` }) };
  }
  const described = (await git.describe(commit, 'v[0-9]*')) ?? commit.slice(0, 7);
  return {
    commit,
    label: `unreleased (${described})`,
    released: false,
    source: `the clone at ${root}`,
    warning: `oep45-action here is not a release: the starters are pinned to its HEAD, ${commit}, which GitHub has only once it is pushed${local}. Pin a release for a service (install ${PACKAGE_NAME}, or check out a v* tag).`,
  };
}

export async function runningRelease(root = packageRoot()): Promise<RunningRelease> {
  const found = root ? (fromStamp(root) ?? (await fromClone(root))) : undefined;
  if (found) return found;
  throw new UserError(
    `cannot tell which commit of oep45-action this is (no ${RELEASE_FILE}, which released packages carry, and not a git clone of oep45-action): install a release of ${PACKAGE_NAME} or run oep45 from a clone`,
  );
}
