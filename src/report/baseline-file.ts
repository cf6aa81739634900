// The baseline file (.oep45-baseline.json): the findings accepted when it was made, each as its
// rule, file and normalised content (src/model/fingerprint.ts) with a count. One finding per line,
// sorted, with no line numbers or dates: `oep45 baseline --update` then changes only the lines of
// what was fixed, and two branches' baselines merge without conflicts where they touched different
// findings. Reading it is strict: a file that is not what oep45 writes, or that was written for
// another format or fingerprint scheme, is an error at its line — comparing with it would make
// every finding new, or hide some.

import { readNamedFile, repoFiles } from '../files/repo-files.js';
import { FINGERPRINT_SCHEME, keyId, type FindingKey } from '../model/fingerprint.js';
import { UserError } from '../util/errors.js';
import { locate, parseYamlSource } from '../config/yaml-source.js';
import { validateSource } from '../config/validate.js';
import { validateBaseline } from '../config/schema-validators.generated.js';

export const BASELINE_FORMAT = 1;

export interface BaselineEntry extends FindingKey {
  count: number;
  /** Line of the entry in the baseline file (0 for entries not read from a file). */
  line: number;
}

export interface Baseline {
  /** The file's path as the user sees it (relative to the project root). */
  file: string;
  entries: BaselineEntry[];
}

const ABOUT =
  'Findings accepted when this baseline was made: with fail-on: new only the others fail. Made by `oep45 baseline`; `oep45 baseline --update` removes the fixed ones. See docs/configuration.md#baseline.';

const REMAKE = 'make it again with `oep45 baseline`';

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Entries in the file's order: by file, then rule, then content. */
export function sortEntries<T extends FindingKey>(entries: readonly T[]): T[] {
  return [...entries].sort((a, b) => compareText(a.file, b.file) || compareText(a.rule, b.rule) || compareText(a.content, b.content));
}

/** The file's text for these entries. */
export function serializeBaseline(entries: readonly Omit<BaselineEntry, 'line'>[]): string {
  const q = JSON.stringify;
  const lines = sortEntries(entries).map((e) => `    {"rule": ${q(e.rule)}, "file": ${q(e.file)}, "content": ${q(e.content)}, "count": ${e.count}}`);
  return [
    '{',
    `  "about": ${JSON.stringify(ABOUT)},`,
    `  "version": ${BASELINE_FORMAT},`,
    `  "fingerprints": ${JSON.stringify(FINGERPRINT_SCHEME)},`,
    lines.length ? `  "findings": [\n${lines.join(',\n')}\n  ]` : '  "findings": []',
    '}',
    '',
  ].join('\n');
}

/** Line and column of a JSON.parse error: Node 20 says `at position N`, newer ones `(line L column C)`. */
function jsonErrorPosition(text: string, message: string): { line: number; column: number } {
  const lc = /line (\d+) column (\d+)/.exec(message);
  if (lc) return { line: Number(lc[1]), column: Number(lc[2]) };
  const at = /position (\d+)/.exec(message);
  const offset = at ? Math.min(Number(at[1]), text.length) : text.length;
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}

/** Parses and checks a baseline's text; every problem is a UserError at its line. */
export function parseBaseline(file: string, text: string): Baseline {
  const conflict = /^(<{7}|={7}|>{7})(?: |$)/m.exec(text);
  if (conflict) {
    const line = text.slice(0, conflict.index).split('\n').length;
    throw new UserError(`the baseline has merge conflict markers: keep one side (\`git checkout --theirs -- ${file}\`), then run \`oep45 baseline --update\``, {
      file,
      line,
    });
  }
  try {
    JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    throw new UserError(`the baseline is not valid JSON (${message.split('\n')[0]}): fix it, or ${REMAKE}`, { file, ...jsonErrorPosition(text, message) });
  }
  // Parsed again with source positions, so that what follows can name the line.
  const src = parseYamlSource(file, text);
  const value = src.value as Record<string, unknown> | null;
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    if (typeof value.version === 'number' && value.version !== BASELINE_FORMAT) {
      const newer = value.version > BASELINE_FORMAT;
      throw new UserError(
        `the baseline is format ${value.version}${newer ? ', made by a newer oep45' : ''}; this oep45 reads format ${BASELINE_FORMAT}: ${newer ? 'update oep45-action, or ' : ''}${REMAKE}`,
        locate(src, ['version']),
      );
    }
    if (typeof value.fingerprints === 'string' && value.fingerprints !== FINGERPRINT_SCHEME) {
      throw new UserError(
        `the baseline identifies findings by "${value.fingerprints}", and this oep45 by "${FINGERPRINT_SCHEME}", so no finding would match it: ${REMAKE}`,
        locate(src, ['fingerprints']),
      );
    }
  }
  validateSource(src, validateBaseline);
  const raw = (value as { findings: Omit<BaselineEntry, 'line'>[] }).findings;
  const seen = new Map<string, number>();
  const entries = raw.map((entry, index): BaselineEntry => {
    const line = locate(src, ['findings', index]).line ?? 0;
    const id = keyId(entry);
    const earlier = seen.get(id);
    if (earlier !== undefined) {
      throw new UserError(
        `${entry.rule} in ${entry.file}${entry.content ? ` on "${entry.content}"` : ''} is listed twice (also on line ${earlier}); the baseline lists each once, with a count: ${REMAKE}`,
        { file, line },
      );
    }
    seen.set(id, line);
    return { rule: entry.rule, file: entry.file, content: entry.content, count: entry.count, line };
  });
  return { file, entries };
}

/** Reads the baseline at `rel` (relative to `root`); undefined when there is no such file. */
export function readBaseline(root: string, rel: string): Baseline | undefined {
  // Confined and bounded (src/files/repo-files.ts): a baseline linked to /etc/passwd is not read,
  // so no parse error can quote it.
  const text = readNamedFile(repoFiles(root), rel, 'baseline');
  return text === undefined ? undefined : parseBaseline(rel, text);
}
