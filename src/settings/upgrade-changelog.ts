// Where the changelog of the new release mentions each upgrade item: the entries between the two
// releases (read by the changelog rules' own reader), then the first line of them that names the
// setting. An item no entry names is one the changelog is silent about — an OEP45-C006 finding on
// the release side, which the notes say rather than hide.

import type { Changelog, ChangelogEntry } from '../checks/changelog/changelog.js';
import { compareVersions } from '../checks/changelog/version-heading.js';
import { tagVersion } from '../checks/changelog/history.js';

export interface ChangelogMention {
  file: string;
  line: number;
  /** The heading of the entry, e.g. `[2.0.0] - 2025-05-01` or `Unreleased`. */
  entry: string;
}

export interface ChangelogSpan {
  file?: string;
  /** The entries between the two releases, with the lines of the file each one covers. */
  sections: { entry: string; file: string; from: number; to: number }[];
  /** Every line of each file read, by file. */
  lines: Map<string, string[]>;
}

/**
 * The entries of `log` (the new release's changelog) after the old release and up to the new one.
 * When the old release's changelog is known, its release entries are the ones already shipped:
 * every other entry is new, whatever its versions look like. Else by version, when the entries
 * name the releases (`sumac.3`, or the versions of version tags), else by the dates of the two
 * commits. Scriv fragments not collected yet belong to the new release too.
 */
export function changelogSpan(
  log: Changelog,
  texts: ReadonlyMap<string, string>,
  refs: { from: string; to: string; fromDay?: string; toDay?: string; shipped?: readonly string[] },
): ChangelogSpan {
  const fromVersion = tagVersion(refs.from);
  const toVersion = tagVersion(refs.to);
  const entries = log.entries;
  const atFrom = entries.findIndex((e) => e.version && tagVersion(e.version) === fromVersion);
  const atTo = entries.findIndex((e) => e.version && tagVersion(e.version) === toVersion);
  const heading = (e: ChangelogEntry): string => e.heading.text.replace(/\s+/g, ' ').trim();
  let chosen: ChangelogEntry[];
  if (refs.shipped) {
    const shipped = new Set(refs.shipped.map((h) => h.replace(/\s+/g, ' ').trim()));
    chosen = entries.filter((e) => e.kind === 'unreleased' || !shipped.has(heading(e)));
  } else if (atFrom >= 0) {
    chosen = entries.slice(atTo >= 0 && atTo < atFrom ? atTo : 0, atFrom);
  } else if (entries.some((e) => e.version && compareVersions(e.version, fromVersion) !== undefined)) {
    chosen = entries.filter((e) => e.kind === 'unreleased' || (e.version && (compareVersions(e.version, fromVersion) ?? 0) > 0 && (atTo < 0 || (compareVersions(e.version, toVersion) ?? 0) <= 0)));
  } else {
    chosen = entries.filter((e) => e.kind === 'unreleased' || !e.date || ((!refs.fromDay || e.date >= refs.fromDay) && (!refs.toDay || e.date <= refs.toDay)));
  }
  const lines = new Map<string, string[]>();
  const sections: ChangelogSpan['sections'] = [];
  if (log.file) {
    const fileLines = (texts.get(log.file) ?? '').split(/\r?\n/);
    lines.set(log.file, fileLines);
    for (const e of chosen) {
      const next = entries[entries.indexOf(e) + 1];
      sections.push({ entry: e.heading.text, file: log.file, from: e.heading.line, to: next ? next.heading.line - 1 : fileLines.length });
    }
  }
  for (const f of log.fragments.filter((x) => x.hasContent)) {
    const fileLines = f.text.split(/\r?\n/);
    lines.set(f.file, fileLines);
    sections.push({ entry: f.file.slice(f.file.lastIndexOf('/') + 1), file: f.file, from: 1, to: fileLines.length });
  }
  return { file: log.file ?? log.fragmentsDir, sections, lines };
}

function names(text: string, name: string): boolean {
  return new RegExp(`(^|[^A-Za-z0-9_])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([^A-Za-z0-9_]|$)`).test(text);
}

/** The first line of the span that names `name`. */
export function findMention(span: ChangelogSpan, name: string): ChangelogMention | undefined {
  for (const s of span.sections) {
    const fileLines = span.lines.get(s.file) ?? [];
    for (let line = s.from; line <= s.to && line <= fileLines.length; line++) {
      if (names(fileLines[line - 1] ?? '', name)) return { file: s.file, line, entry: s.entry };
    }
  }
  return undefined;
}
