// OEP45-C003: changes wait in an "Unreleased" section (or scriv fragments) until a release names
// them; without one, what changed since the last release is written nowhere. Reported when there
// are changes since the last release — the newest release or version tag that is an ancestor of
// HEAD (`open-release/sumac.1`, `release/teak.1`, `v1.4.1`) — other than to CI, docs or tests,
// unless a release newer than the tag is written down already (cut, not tagged yet); or,
// without such a tag, when HEAD was committed after the newest release's date and the project
// changed, other than in CI, docs or tests, since the commit that last wrote the changelog (a
// service released by date, like codejail-service, writes each day's entry when it merges; the
// docs or CI commits after it need none). Not for a named release build (OEP45-C005 checks its
// entry).

import type { Rule } from '../rule.js';
import { hasPendingEntry, readChangelog, type Changelog } from './changelog.js';
import { baselineTag, isRoutineChange, releaseBeingChecked, repoFacts, tagVersion } from './history.js';
import type { CheckContext } from '../context.js';

async function changesSinceRelease(ctx: CheckContext, log: Changelog): Promise<string | undefined> {
  const repo = await repoFacts(ctx);
  if (!repo) return undefined;
  const newest = log.entries.find((e) => e.kind === 'release');
  const tag = await baselineTag(ctx);
  if (tag) {
    // A release written down above the tag's own entry (cut, not tagged yet) says what changed.
    const at = log.entries.findIndex((e) => e.version && tagVersion(e.version) === tag.version);
    if (at > 0 && log.entries.slice(0, at).some((e) => e.kind === 'release')) return undefined;
    const path = repo.prefix || '.';
    const changed = await repo.git.changedFiles(tag.commit, 'HEAD', path);
    if (!changed) return undefined;
    const relevant = changed.map((f) => (repo.prefix ? f.slice(repo.prefix.length + 1) : f)).filter((f) => !isRoutineChange(f));
    if (!relevant.length) return undefined;
    const shown = relevant.slice(0, 3).join(', ') + (relevant.length > 3 ? ` and ${relevant.length - 3} more` : '');
    return `the project changed since ${tag.name} (${shown})`;
  }
  if (!newest?.date) return undefined;
  const committed = await repo.git.commitTime('HEAD');
  if (!committed || committed.slice(0, 10) <= newest.date) return undefined;
  const after = `HEAD was committed on ${committed.slice(0, 10)}, after release ${newest.version} (${newest.date})`;
  // A shallow clone cannot say what the commit that wrote the changelog was: the date says it.
  const written = !repo.shallow && log.file ? await repo.git.lastCommitTouching(repo.prefix ? `${repo.prefix}/${log.file}` : log.file) : undefined;
  if (!written) return after;
  const changed = await repo.git.changedFiles(written, 'HEAD', repo.prefix || '.');
  const relevant = (changed ?? []).map((f) => (repo.prefix ? f.slice(repo.prefix.length + 1) : f)).filter((f) => !isRoutineChange(f));
  if (changed && !relevant.length) return undefined;
  const shown = relevant.slice(0, 3).join(', ') + (relevant.length > 3 ? ` and ${relevant.length - 3} more` : '');
  return shown ? `${after}, and the project changed since the changelog was last written (${shown})` : after;
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
