// The named release an operator upgrades from: the previous final release of the same line
// (teak.2 → teak.1), else the newest final release of the line before it (teak.1 → sumac.3).
// Release names are alphabetical (… sumac, teak, ulmo), so "the line before" is the greatest name
// below this one. Release candidates are never upgraded from. Both tag schemes count: the line
// before Teak (the first `release/` line) is tagged `open-release/sumac.N`.

import type { ReleaseInfo } from '../model/release.js';
import type { Git } from '../git/git.js';
import { releaseTags } from './newest.js';
import { compareReleaseNumbers, isPrerelease, parseReleaseTag } from './refs.js';

/** The tag of the release before `current` among `tags` (names without `refs/tags/`), or undefined. */
export function previousReleaseTag(current: ReleaseInfo, tags: readonly string[]): string | undefined {
  const finals = tags
    .map((tag) => ({ tag, info: parseReleaseTag(tag) }))
    .filter((t): t is { tag: string; info: ReleaseInfo } => t.info !== undefined && !isPrerelease(t.info.number!));
  const byNumberDesc = (a: { info: ReleaseInfo }, b: { info: ReleaseInfo }): number => compareReleaseNumbers(b.info.number!, a.info.number!);
  if (current.number) {
    const same = finals.filter((t) => t.info.name === current.name && compareReleaseNumbers(t.info.number!, current.number!) < 0).sort(byNumberDesc);
    if (same[0]) return same[0].tag;
  }
  const earlier = finals.filter((t) => t.info.name < current.name);
  const line = earlier.map((t) => t.info.name).sort().pop();
  if (!line) return undefined;
  // The same release tagged in both schemes: the new scheme's tag.
  return earlier.filter((t) => t.info.name === line).sort((a, b) => byNumberDesc(a, b) || (a.info.scheme === 'release' ? -1 : 1))[0]?.tag;
}

/** The previous release's tag, from the clone's tags (origin's in a shallow clone); undefined when there is none or it cannot be listed. */
export async function previousRelease(git: Git, current: ReleaseInfo): Promise<string | undefined> {
  const repository = await git.repository();
  if (!repository) return undefined;
  const tags = await releaseTags(git, repository.shallow, ['open-release/*', 'release/*']);
  return tags ? previousReleaseTag(current, tags) : undefined;
}
