// Git facts the changelog rules need, each computed once per run through ctx.memo: where the
// project sits in its repository, whether the clone is shallow, the release being checked, and
// the previous release tag — the newest `open-release/*` or `release/*` tag that is an ancestor
// of HEAD (both Open edX tag schemes; irregular tags such as `.1rc1` or `lilac.rc1` included),
// leaving out tags on HEAD itself and the tag of the release being checked.

import { realpathSync } from 'node:fs';
import { relative } from 'node:path';
import type { CheckContext } from '../context.js';
import { Git } from '../../git/git.js';
import { compareVersions, normalizeReleaseVersion } from './version-heading.js';

export interface RepoFacts {
  git: Git;
  /** The project root relative to the repository's top, '' when it is the top. */
  prefix: string;
  head: string;
  shallow: boolean;
}

export interface ReleaseTag {
  name: string;
  commit: string;
}

export const RELEASE_TAG_PREFIXES = ['open-release/', 'release/'] as const;

/** The named release being checked: from the release context, else from `--release NAME.N`. */
export function releaseBeingChecked(ctx: CheckContext): string | undefined {
  if (ctx.release?.kind === 'named-release') {
    const version = ctx.release.release?.version ?? ctx.release.ref.replace(/^refs\/tags\//, '');
    return normalizeReleaseVersion(version);
  }
  return ctx.releaseOverride ? normalizeReleaseVersion(ctx.releaseOverride) : undefined;
}

export function repoFacts(ctx: CheckContext): Promise<RepoFacts | undefined> {
  return ctx.memo('git:repo', async () => {
    const git = new Git(ctx.project.root);
    // One git call for the three facts (each call is a process start).
    const facts = await git.repository();
    if (!facts?.head) return undefined;
    const { top, head, shallow } = facts;
    let prefix: string;
    try {
      prefix = relative(realpathSync(top), realpathSync(ctx.project.root)).split('\\').join('/');
    } catch {
      return undefined;
    }
    return { git, prefix, head, shallow };
  });
}

export function previousReleaseTag(ctx: CheckContext): Promise<ReleaseTag | undefined> {
  return ctx.memo('git:previous-release', async () => {
    // The tag listing starts with the repository facts rather than after them.
    const [repo, merged] = await Promise.all([repoFacts(ctx), new Git(ctx.project.root).mergedTags('HEAD', RELEASE_TAG_PREFIXES)]);
    if (!repo) return undefined;
    const releasing = releaseBeingChecked(ctx);
    const tags = merged.filter(
      (t) => t.commit !== repo.head && normalizeReleaseVersion(t.name) !== releasing,
    );
    tags.sort((a, b) => b.time - a.time || (compareVersions(normalizeReleaseVersion(b.name), normalizeReleaseVersion(a.name)) ?? 0));
    const newest = tags[0];
    return newest ? { name: newest.name, commit: newest.commit } : undefined;
  });
}
