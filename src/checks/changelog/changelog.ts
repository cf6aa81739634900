// The changelog of a service, read once per run and shared by the changelog rules: the collected
// file (CHANGELOG.rst in keep-a-changelog style, or CHANGELOG.md) with its Unreleased and release
// entries, and scriv fragments waiting in changelog.d/. Problems found while reading (broken RST
// headings, release headings that do not parse) are kept for OEP45-C002.

import { posix } from 'node:path';
import type { CheckContext } from '../context.js';
import { parseMarkdown } from '../../markup/markdown.js';
import { parseRst } from '../../markup/rst.js';
import { sectionText, type Heading, type Outline } from '../../markup/outline.js';
import { readHeading } from './version-heading.js';

export interface ChangelogEntry {
  kind: 'unreleased' | 'release';
  heading: Heading;
  version?: string;
  date?: string;
  /** The entry's text, heading included. */
  text: string;
}

export interface Fragment {
  file: string;
  text: string;
  /** False when the fragment holds only comments (scriv ignores those). */
  hasContent: boolean;
}

export interface ChangelogProblem {
  file: string;
  line: number;
  column?: number;
  message: string;
  /** A problem that is only worth knowing (an "Older changes" section); an error otherwise. */
  severity?: 'notice';
}

/**
 * "Older changes", "Earlier releases", "Archived changelog", "Releases before 1.0": a section that
 * holds (or points at) the history, at the level of the releases.
 */
const OLDER = /\b(older|earlier|previous|past|archived?|legacy|historic(al)?|before|prior)\b/i;
const HISTORY = /\b(changes?|changelogs?|releases?|versions?|history|entries|notes)\b/i;

export function isOlderChangesHeading(text: string): boolean {
  return (OLDER.test(text) && HISTORY.test(text)) || /^(history|archive)$/i.test(text.trim());
}

export interface Changelog {
  /** The collected changelog file, when there is one. */
  file?: string;
  entries: ChangelogEntry[];
  /** Level of the release headings (2 under a title, 1 without). */
  releaseLevel?: number;
  /** The folder of scriv fragments, when there is one. */
  fragmentsDir?: string;
  fragments: Fragment[];
  problems: ChangelogProblem[];
}

function outlineOf(file: string, text: string): Outline {
  return /\.(md|markdown)$/i.test(file) ? parseMarkdown(text) : parseRst(text);
}

/** Text without RST comments (`..` blocks) and HTML comments: what a reader would see. */
function visibleText(file: string, text: string): string {
  if (/\.(md|markdown)$/i.test(file)) return text.replace(/<!--[\s\S]*?(-->|$)/g, '');
  const out: string[] = [];
  let inComment = false;
  for (const line of text.split(/\r?\n/)) {
    if (/^\.\.(\s|$)/.test(line) && !/^\.\.\s+[\w:-]+::/.test(line) && !/^\.\.\s+_/.test(line)) {
      inComment = true;
      continue;
    }
    if (inComment && (line.trim() === '' || /^\s/.test(line))) continue;
    inComment = false;
    out.push(line);
  }
  return out.join('\n');
}

const FRAGMENT = /\.(rst|md|markdown)$/i;

/** What reading a changelog needs of a check context: also met by a tree at a git revision (`oep45 config upgrade`). */
export type ChangelogFiles = Pick<CheckContext, 'readFile' | 'isDirectory' | 'list' | 'memo'> & { project: { changelog?: string } };

export function readChangelog(ctx: ChangelogFiles): Changelog | undefined {
  const configured = ctx.project.changelog;
  if (!configured) return undefined;
  return ctx.memo('changelog:model', () => {
    const log: Changelog = { entries: [], fragments: [], problems: [] };
    const isDir = ctx.isDirectory(configured);
    const fragmentsDir = isDir ? configured : posix.join(posix.dirname(configured), 'changelog.d');
    if (ctx.isDirectory(fragmentsDir)) {
      log.fragmentsDir = fragmentsDir;
      for (const name of ctx.list(fragmentsDir)) {
        if (!FRAGMENT.test(name) || /^readme\./i.test(name) || name.startsWith('.')) continue;
        const file = `${fragmentsDir}/${name}`;
        const text = ctx.readFile(file);
        if (text === undefined) continue;
        const outline = outlineOf(file, text);
        for (const p of outline.problems) log.problems.push({ file, ...p });
        log.fragments.push({ file, text, hasContent: visibleText(file, text).trim() !== '' && !outline.problems.some((p) => p.message === 'not UTF-8 text') });
      }
    }
    if (isDir) return log;
    const text = ctx.readFile(configured);
    if (text === undefined) return log;
    log.file = configured;
    const outline = outlineOf(configured, text);
    for (const p of outline.problems) log.problems.push({ file: configured, ...p });
    const meanings = outline.headings.map((h) => readHeading(h.text));
    const first = meanings.findIndex((m) => m.kind !== 'other');
    if (first < 0) {
      const section = outline.headings.find((h) => h.level > 1) ?? outline.headings[1];
      if (section) {
        log.problems.push({
          file: configured,
          line: section.line,
          message: `no heading is "Unreleased" or a release like "[1.2.0] - 2024-05-01" (found "${section.text}")`,
        });
      }
      return log;
    }
    const level = outline.headings[first]!.level;
    log.releaseLevel = level;
    outline.headings.forEach((heading, i) => {
      if (heading.level !== level) return;
      const meaning = meanings[i]!;
      if (meaning.kind === 'other') {
        if (isOlderChangesHeading(heading.text)) {
          log.problems.push({ file: configured, line: heading.line, message: `section "${heading.text}" holds older history: the releases in it are not checked`, severity: 'notice' });
          return;
        }
        log.problems.push({ file: configured, line: heading.line, message: `heading "${heading.text}" is neither "Unreleased" nor a release like "[1.2.0] - 2024-05-01"` });
        return;
      }
      if (meaning.kind === 'release' && meaning.problem) log.problems.push({ file: configured, line: heading.line, message: meaning.problem });
      log.entries.push({
        kind: meaning.kind,
        heading,
        version: meaning.kind === 'release' ? meaning.version : undefined,
        date: meaning.kind === 'release' ? meaning.date : undefined,
        text: visibleText(configured, sectionText(outline, i)),
      });
    });
    return log;
  });
}

/** The Unreleased entry and the fragments with content: what the next release will say. */
export function pendingText(log: Changelog): string {
  const unreleased = log.entries.find((e) => e.kind === 'unreleased')?.text ?? '';
  return [unreleased, ...log.fragments.filter((f) => f.hasContent).map((f) => visibleText(f.file, f.text))].join('\n');
}

export function hasPendingEntry(log: Changelog): boolean {
  return log.entries.some((e) => e.kind === 'unreleased') || log.fragments.some((f) => f.hasContent);
}
