// The moving-tag rule: a named release moves its line's tag (`sumac`) only when it is the newest
// final release of that line among the repository's tags, so re-publishing sumac.1 after sumac.2
// never moves `sumac` backwards. Release candidates never move it.
//
// A shallow clone (actions/checkout's default) holds only the tag being built, which would make
// every release look newest; there the tags are listed from `origin` instead, and when that fails
// the tag is not moved (and the reason says how to fix it).

import type { ReleaseInfo } from '../model/release.js';
import { Git } from '../git/git.js';
import { compareReleaseNumbers, isPrerelease, parseReleaseTag } from './refs.js';

export interface NewestVerdict {
  newest: boolean;
  /** A sentence for the context's reason, e.g. "`sumac` stays: sumac.3 is newer". */
  reason: string;
}

/**
 * Release tag names matching `patterns` (globs such as `release/teak.*`): from the clone, or, in a
 * shallow one, every tag of `origin` (git's own list; no fetch). Undefined when origin cannot be listed.
 */
export async function releaseTags(git: Git, shallow: boolean, patterns: string[]): Promise<string[] | undefined> {
  if (shallow) {
    // Every tag of origin, one `<sha>\trefs/tags/<name>` line each.
    const out = await git.try(['ls-remote', '--tags', '--refs', 'origin']);
    if (out === undefined) return undefined;
    return out
      .split('\n')
      .map((line) => line.split('\t')[1] ?? '')
      .filter((r) => r.startsWith('refs/tags/'))
      .map((r) => r.slice('refs/tags/'.length));
  }
  return git.tags(...patterns);
}

function lineTags(git: Git, name: string, shallow: boolean): Promise<string[] | undefined> {
  // Both schemes in one listing (their order does not matter: the newest is sorted out below).
  return releaseTags(git, shallow, [`open-release/${name}.*`, `release/${name}.*`]);
}

export async function newestOfLine(release: ReleaseInfo, options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<NewestVerdict> {
  const { name, number } = release;
  if (!number) return { newest: false, reason: 'not a named release' };
  if (isPrerelease(number)) return { newest: false, reason: `\`${name}\` stays: ${release.version} is a release candidate` };
  const git = new Git(options.cwd, options.env);
  const repository = await git.repository();
  if (!repository) {
    return { newest: false, reason: `\`${name}\` stays: not a git repository, so the other releases of ${name} are unknown` };
  }
  const tags = await lineTags(git, name, repository.shallow);
  if (!tags) {
    return {
      newest: false,
      reason: `\`${name}\` stays: a shallow clone whose origin could not be listed, so the other releases of ${name} are unknown (check out with fetch-depth: 0)`,
    };
  }
  const newer = tags
    .map(parseReleaseTag)
    .filter((r): r is ReleaseInfo => r !== undefined && r.name === name && !isPrerelease(r.number!))
    .filter((r) => compareReleaseNumbers(r.number!, number) > 0)
    .sort((a, b) => compareReleaseNumbers(b.number!, a.number!));
  if (newer[0]) return { newest: false, reason: `\`${name}\` stays: ${newer[0].version} is newer` };
  return { newest: true, reason: `${release.version} is the newest release of ${name}, so \`${name}\` moves to it` };
}
