// OEP45-C006: OEP-45's changelog documents differences in settings between releases. Between the
// previous release tag and HEAD (real git history), every setting added, removed, or whose
// default changed must be named in the changelog entry being released (or in "Unreleased" and
// scriv fragments). A shallow clone lacks that history: the rule says so and skips itself.

import type { RawFinding, Rule } from '../rule.js';
import { diffSettings } from '../../settings/diff.js';
import type { Setting } from '../../settings/model.js';
import { settingsAtRevision } from '../../settings/at-revision.js';
import { ownerOf, settingsModels } from '../settings/shared.js';
import type { ParseCache } from '../../settings/model.js';
import { pendingText, readChangelog, type Changelog } from './changelog.js';
import { baselineTag, releaseBeingChecked, repoFacts, tagVersion, type BaselineTag } from './history.js';
import { normalizeReleaseVersion } from './version-heading.js';

function mentions(text: string, name: string): boolean {
  return new RegExp(`(^|[^A-Za-z0-9_])${name}([^A-Za-z0-9_]|$)`).test(text);
}

export const c006SettingsDiff: Rule = {
  meta: {
    id: 'OEP45-C006',
    title: 'Changed settings are in the changelog',
    severity: 'error',
    area: 'changelog',
    help: 'Name each added, removed or changed setting in the changelog entry (e.g. "Setting ``FOO`` now defaults to 10."); operators read it before upgrading.',
  },
  waits: true,
  async check(ctx) {
    const log = readChangelog(ctx);
    const models = settingsModels(ctx).filter((m) => m.layout !== 'unknown');
    if (!log || !models.length) return [];
    const changelogFile = log.file ?? log.fragmentsDir ?? ctx.project.changelog!;
    const repo = await repoFacts(ctx);
    if (!repo) {
      return [{ message: 'not a git repository: the settings diff against the previous release was skipped', file: changelogFile, line: 0, severity: 'notice' }];
    }
    if (repo.shallow) {
      return [
        {
          message: 'shallow clone: the history back to the previous release tag is missing, so the settings diff was skipped',
          file: changelogFile,
          line: 0,
          severity: 'notice',
          help: 'Fetch the whole history (actions/checkout with `fetch-depth: 0`) so oep45 can compare settings with the previous release.',
        },
      ];
    }
    const tag = await baselineTag(ctx, { beforeHead: true });
    if (!tag) return [];
    // Each package against itself at the tag; a setting is reported by the package that owns its module.
    const cache: ParseCache = new Map();
    const added: Setting[] = [];
    const removed: Setting[] = [];
    const changed: { before: Setting; after: Setting }[] = [];
    for (const now of models) {
      const before = await settingsAtRevision(repo.git, tag.commit, repo.prefix, now.package, { cache });
      if (!before) continue;
      const diff = diffSettings(before, now);
      const mine = (s: Setting): boolean => (ownerOf(s.file, models) ?? (before.own.has(s.file) ? now : undefined)) === now;
      // Loops, not push(...list): a spread of 100k settings overflows the stack.
      for (const s of diff.added) if (mine(s)) added.push(s);
      for (const s of diff.removed) if (mine(s)) removed.push(s);
      for (const c of diff.changed) if (mine(c.after)) changed.push(c);
    }
    if (!added.length && !removed.length && !changed.length) return [];

    const release = releaseBeingChecked(ctx);
    const entry = release ? log.entries.find((e) => e.version && normalizeReleaseVersion(e.version) === release) : undefined;
    const text = entry ? entry.text : textSince(log, tag);
    const where = release ? `the changelog entry for ${release}` : `the changelog since ${tag.name}`;
    const entryLine = entry?.heading.line ?? log.entries.find((e) => e.kind === 'unreleased')?.heading.line ?? 0;

    const findings: RawFinding[] = [];
    for (const s of added.filter((x) => !mentions(text, x.name))) {
      findings.push({ message: `setting ${s.name} was added since ${tag.name}, but ${where} does not mention it`, file: s.file, line: s.line, column: s.column });
    }
    for (const { before: b, after: a } of changed.filter((x) => !mentions(text, x.after.name))) {
      const was = b.role === 'required' ? 'required' : (b.value?.text ?? '?');
      const is = a.role === 'required' ? 'required' : (a.value?.text ?? '?');
      findings.push({
        message: `the default of ${a.name} changed since ${tag.name} (${shorten(was)} → ${shorten(is)}), but ${where} does not mention it`,
        file: a.file,
        line: a.line,
        column: a.column,
      });
    }
    for (const s of removed.filter((x) => !mentions(text, x.name))) {
      findings.push({ message: `setting ${s.name} was removed since ${tag.name}, but ${where} does not mention it`, file: changelogFile, line: entryLine });
    }
    return findings;
  },
};

/**
 * What the changelog says since a tag: the pending text and every entry above the tag's own entry
 * (a release written down but not tagged yet), or, when no entry names the tag's version, every
 * entry dated on or after the tag's day and every undated one.
 */
function textSince(log: Changelog, tag: BaselineTag): string {
  const version = tagVersion(tag.name);
  const at = log.entries.findIndex((e) => e.version && tagVersion(e.version) === version);
  const day = new Date(tag.time * 1000).toISOString().slice(0, 10);
  const since = at >= 0 ? log.entries.slice(0, at) : log.entries.filter((e) => !e.date || e.date >= day);
  return [pendingText(log), ...since.filter((e) => e.kind === 'release').map((e) => e.text)].join('\n');
}

function shorten(text: string): string {
  return text.length > 30 ? `${text.slice(0, 27)}...` : text;
}
