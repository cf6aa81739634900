// OEP45-C003: changes wait in an "Unreleased" section (or scriv fragments) until a release names
// them; without one, what changed since the last release is written nowhere. Reported when there
// are changes since the last release: the project's files differ between the previous release
// (a tag for the newest changelog version, or the previous open-release/release tag) and HEAD, or,
// without such a tag, HEAD was committed after the newest release's date. Not for a named release
// build (OEP45-C005 checks its entry).

import type { Rule } from '../rule.js';
import { hasPendingEntry, readChangelog, type Changelog } from './changelog.js';
import { previousReleaseTag, releaseBeingChecked, repoFacts } from './history.js';
import type { CheckContext } from '../context.js';

async function changesSinceRelease(ctx: CheckContext, log: Changelog): Promise<string | undefined> {
  const repo = await repoFacts(ctx);
  if (!repo) return undefined;
  const newest = log.entries.find((e) => e.kind === 'release');
  const candidates = newest?.version ? [`v${newest.version}`, newest.version] : [];
  let ref: string | undefined;
  for (const tag of candidates) {
    if (await repo.git.revParse(`refs/tags/${tag}`)) {
      ref = tag;
      break;
    }
  }
  ref ??= (await previousReleaseTag(ctx))?.name;
  if (ref) {
    const path = repo.prefix || '.';
    const [then, now] = await Promise.all([repo.git.treeId(`refs/tags/${ref}`, path), repo.git.treeId('HEAD', path)]);
    return then && now && then !== now ? `the project changed since ${ref}` : undefined;
  }
  if (!newest?.date) return undefined;
  const committed = await repo.git.commitTime('HEAD');
  return committed && committed.slice(0, 10) > newest.date ? `HEAD was committed on ${committed.slice(0, 10)}, after release ${newest.version} (${newest.date})` : undefined;
}

export const c003UnreleasedSection: Rule = {
  meta: {
    id: 'OEP45-C003',
    title: 'Unreleased changes are in the changelog',
    severity: 'error',
    area: 'changelog',
    help: 'Add an "Unreleased" section at the top of the changelog (or a scriv fragment in changelog.d/) saying what changed for operators.',
  },
  waits: true,
  async check(ctx) {
    const log = readChangelog(ctx);
    if (!log || hasPendingEntry(log) || releaseBeingChecked(ctx)) return [];
    const file = log.file ?? log.fragmentsDir ?? ctx.project.changelog!;
    if (!log.file && !log.entries.length) {
      return []; // scriv fragments only: an empty changelog.d/ is how scriv starts
    }
    if (!log.entries.length) return [{ message: 'the changelog has neither an "Unreleased" section nor any release', file, line: 1 }];
    const why = await changesSinceRelease(ctx, log);
    if (!why) return [];
    const first = log.entries[0]!;
    return [{ message: `no "Unreleased" section (or scriv fragment), but ${why}`, file, line: first.heading.line }];
  },
};
