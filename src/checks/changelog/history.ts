// Git facts the changelog rules need, each computed once per run through ctx.memo: where the
// project sits in its repository, whether the clone is shallow, the release being checked, and
// the last release before HEAD — the newest release tag (`open-release/*` or `release/*`, both
// Open edX tag schemes; irregular tags such as `.1rc1` or `lilac.rc1` included) or version tag
// (`v1.4.1`, `1.4.1`) that is an ancestor of HEAD, leaving out the tag of the release being
// checked. And which changes since then need a changelog entry: not those to CI, docs or tests.

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
/** Tag patterns of the releases a changelog compares with: Open edX release tags and version tags. */
const BASELINE_PATTERNS = [...RELEASE_TAG_PREFIXES, 'v*', '[0-9]*'] as const;
/** `v1.4.1`, `1.4.1`, `2025.6.1`, `v2.0.0rc1`: a version tag. */
const VERSION_TAG = /^v?\d+(\.\d+)+([.+-]?[0-9A-Za-z][0-9A-Za-z.+-]*)?$/;

export interface BaselineTag extends ReleaseTag {
  /** The version it names, as a changelog heading writes it (`1.4.1`, `sumac.2`). */
  version: string;
  /** Creation time, seconds since the epoch. */
  time: number;
}

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

/** The version a release or version tag names: `v1.4.1` → 1.4.1, `open-release/sumac.2` → sumac.2. */
export function tagVersion(tag: string): string {
  return normalizeReleaseVersion(tag).replace(/^v(?=\d)/, '');
}

/**
 * The newest release or version tag that is an ancestor of HEAD (tags on HEAD itself included,
 * unless `beforeHead`), leaving out the tag of the release being checked.
 */
export function baselineTag(ctx: CheckContext, options: { beforeHead?: boolean } = {}): Promise<BaselineTag | undefined> {
  return ctx.memo(`git:baseline:${options.beforeHead ? 'before' : 'at'}`, async () => {
    const [repo, merged] = await Promise.all([repoFacts(ctx), new Git(ctx.project.root).mergedTags('HEAD', BASELINE_PATTERNS)]);
    if (!repo) return undefined;
    const releasing = releaseBeingChecked(ctx);
    const tags = merged.filter(
      (t) =>
        (RELEASE_TAG_PREFIXES.some((p) => t.name.startsWith(p)) || VERSION_TAG.test(t.name)) &&
        !(options.beforeHead && t.commit === repo.head) &&
        normalizeReleaseVersion(t.name) !== releasing &&
        tagVersion(t.name) !== releasing,
    );
    tags.sort((a, b) => b.time - a.time || (compareVersions(tagVersion(b.name), tagVersion(a.name)) ?? 0));
    let newest = tags[0];
    // Tags of the same second (a script, a test): the one nearest HEAD, the others its ancestors.
    const tied = tags.filter((t) => newest && t.time === newest.time && t.commit !== newest.commit);
    for (const other of tied) {
      if (newest && (await repo.git.isAncestor(newest.commit, other.commit))) newest = other;
    }
    return newest ? { name: newest.name, commit: newest.commit, version: tagVersion(newest.name), time: newest.time } : undefined;
  });
}

/** Changes that need no changelog entry: CI, docs, tests, and the tools around them. */
const ROUTINE = [
  /^\.(github|ci|circleci|tx)\//,
  /^\.(gitlab-ci|travis|pre-commit-config|readthedocs|codecov|coderabbit)\.ya?ml$/,
  /^(codecov|catalog-info|openedx|\.oep45)\.ya?ml$/,
  /^\.(coveragerc|editorconfig|gitignore|gitattributes|pylintrc|isort\.cfg|annotations|pii_annotations\.yml)$/,
  /^(tox|pytest)\.ini$/,
  /^renovate\.json$|^\.?dependabot\.ya?ml$/,
  /^docs?\//,
  /\.(rst|md)$/i,
  /(^|\/)(tests?|__tests__|__snapshots__|test_utils)\//,
  /(^|\/)(test_[^/]*|[^/]*_tests?|conftest)\.py$/,
  /\.(test|spec)\.[cm]?[jt]sx?$/,
  /^requirements\/(test|ci|quality|dev|doc|docs|pip[-_]tools|travis|tox|semgrep)\.(txt|in)$/,
];

/** Whether a change to this file (relative to the project root) is CI, docs or tests only. */
export function isRoutineChange(file: string): boolean {
  return ROUTINE.some((re) => re.test(file));
}
