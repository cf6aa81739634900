// Inline suppressions, for every rule whose file has `#` comments (Dockerfiles, Python, YAML,
// shell, TOML…):
//
//   # oep45-ignore OEP45-D004 the installer is pinned by checksum on the next line
//   RUN curl … | sh
//
//   # oep45-ignore-file OEP45-D014 separate layers keep the big download cached
//
// A line suppression applies to the next line that is not blank nor a comment, and to the whole
// statement starting there (lines continued with a trailing backslash, comment lines inside them,
// heredoc bodies up to their delimiter); written at the end of a code line, it applies to that
// line. A file suppression applies to the whole file. Several ids may be given, separated by
// commas. Findings stay honest: a suppression without a reason is reported (OEP45-I001), and so
// is one that suppresses nothing or names an unknown rule (OEP45-I002), both as notices.
// Written by hand: the format is ours, a comment per line, and a regular expression reads it.

import type { Finding } from '../model/finding.js';
import type { RuleLevel } from '../model/project.js';
import type { RuleMeta } from './rule.js';
import { toFinding } from './rule.js';

export const SUPPRESSION_REASON_RULE: RuleMeta = {
  id: 'OEP45-I001',
  title: 'inline suppression names a rule and a reason',
  severity: 'notice',
  area: 'suppressions',
  help: 'Write the rule id and why the finding does not apply: `# oep45-ignore OEP45-D004 <reason>`.',
};

export const SUPPRESSION_UNUSED_RULE: RuleMeta = {
  id: 'OEP45-I002',
  title: 'inline suppression suppresses a finding',
  severity: 'notice',
  area: 'suppressions',
  help: 'Remove the suppression (the finding is gone), or fix the rule id, or move the comment right above the line the finding is on.',
};

export const SUPPRESSION_RULES: readonly RuleMeta[] = [SUPPRESSION_REASON_RULE, SUPPRESSION_UNUSED_RULE];

export interface Suppression {
  file: string;
  /** 1-based line of the comment. */
  line: number;
  rules: string[];
  reason: string;
  fileWide: boolean;
  /** Lines (1-based, inclusive) whose findings it suppresses; unused for file suppressions. */
  from: number;
  to: number;
}

const DIRECTIVE = /(?:^|\s)#\s*oep45-ignore(-file)?\b(.*)$/i;
/** Anything shaped like a rule id is taken as one, so that a typo is reported as an unknown rule. */
const RULE_ID = /^OEP45-[A-Z0-9]+$/i;
const HASH_COMMENT_FILE = /(^|\/)(Dockerfile|Containerfile|Makefile|[^/]*\.(Dockerfile|py|pyi|sh|bash|ya?ml|toml|cfg|ini|conf|dockerignore)|Dockerfile\.[^/]+|\.dockerignore)$/i;

/** Whether a file's language has `#` line comments, so that it can hold suppressions. */
export function supportsHashComments(file: string): boolean {
  return HASH_COMMENT_FILE.test(file);
}

function isCommentLine(line: string): boolean {
  return /^\s*#/.test(line);
}

const HEREDOC = /<<-?(["']?)([A-Za-z_][A-Za-z0-9_]*)\1/g;

/**
 * Last line (1-based) of the statement that starts on `start`: lines continued with a trailing
 * backslash (comment lines inside them included, as Docker reads them) and, where the language has
 * them, heredoc bodies up to their delimiter.
 */
function statementEnd(lines: string[], start: number, heredocs: boolean): number {
  let n = start;
  while (n <= lines.length) {
    const text = lines[n - 1]!;
    const delimiters = heredocs ? [...text.matchAll(HEREDOC)].map((m) => m[2]!) : [];
    for (const delimiter of delimiters) {
      n++;
      while (n <= lines.length && lines[n - 1]!.trim() !== delimiter) n++;
    }
    if (delimiters.length) return Math.min(n, lines.length);
    if (!/\\\s*$/.test(text)) return n;
    n++;
    while (n <= lines.length && isCommentLine(lines[n - 1]!)) n++;
  }
  return lines.length;
}

export function parseSuppressions(file: string, text: string): Suppression[] {
  const lines = text.split(/\r?\n/);
  const heredocs = !/\.pyi?$/i.test(file);
  const out: Suppression[] = [];
  lines.forEach((lineText, index) => {
    const match = DIRECTIVE.exec(lineText);
    if (!match) return;
    const line = index + 1;
    const fileWide = Boolean(match[1]);
    // Ids: comma- or space-separated at the start; the reason is the rest.
    const words = match[2]!.trim().split(/\s+/).filter(Boolean);
    const rules: string[] = [];
    let i = 0;
    for (; i < words.length; i++) {
      // `OEP45-D006,OEP45-D009`, `OEP45-D006, OEP45-D009`, and a colon after the last id.
      const word = words[i]!.replace(/:$/, '');
      const ids = word.split(',').filter(Boolean);
      if (!ids.length || !ids.every((id) => RULE_ID.test(id))) break;
      rules.push(...ids.map((id) => id.toUpperCase()));
      if (word !== words[i]) {
        i++;
        break;
      }
    }
    const reason = words.slice(i).join(' ').replace(/^[-:—–]+\s*/, '').trim();
    let from = line;
    let to = line;
    if (!fileWide) {
      if (isCommentLine(lineText)) {
        let target = line + 1;
        while (target <= lines.length && (isCommentLine(lines[target - 1]!) || !lines[target - 1]!.trim())) target++;
        from = target;
        to = target <= lines.length ? statementEnd(lines, target, heredocs) : target;
      } else {
        to = statementEnd(lines, line, heredocs);
      }
    }
    out.push({ file, line, rules, reason, fileWide, from, to });
  });
  return out;
}

export interface SuppressionOutcome {
  findings: Finding[];
  /** How many findings were suppressed. */
  suppressed: number;
}

/**
 * Drops the findings that suppressions cover, and adds the notices about the suppressions
 * themselves. `texts` holds the files to look at (those the rules read, and those with findings);
 * `known` is every rule id, `ran` the ones that ran, `levels` the project's rule policy.
 */
export function applySuppressions(
  findings: readonly Finding[],
  texts: ReadonlyMap<string, string>,
  options: { known: ReadonlySet<string>; ran: ReadonlySet<string>; levels: Record<string, RuleLevel> },
): SuppressionOutcome {
  const suppressions = [...texts.entries()]
    .filter(([file]) => supportsHashComments(file))
    .flatMap(([file, text]) => parseSuppressions(file, text));
  const used = new Set<string>();
  const key = (s: Suppression, rule: string): string => `${s.file}:${s.line}:${rule}`;
  const kept: Finding[] = [];
  let suppressed = 0;
  for (const finding of findings) {
    const match = suppressions.find(
      (s) => s.file === finding.file && s.rules.includes(finding.rule) && (s.fileWide || (finding.line >= s.from && finding.line <= s.to)),
    );
    if (match) {
      used.add(key(match, finding.rule));
      suppressed++;
    } else {
      kept.push(finding);
    }
  }
  const notices: Finding[] = [];
  const report = (meta: RuleMeta, s: Suppression, message: string): void => {
    const level = options.levels[meta.id];
    if (level === 'off') return;
    notices.push(toFinding(meta, { message, file: s.file, line: s.line }, level ?? meta.severity));
  };
  for (const s of suppressions) {
    const directive = s.fileWide ? 'oep45-ignore-file' : 'oep45-ignore';
    if (!s.rules.length) {
      report(SUPPRESSION_REASON_RULE, s, `${directive} names no rule id (e.g. OEP45-D004), so it suppresses nothing`);
      continue;
    }
    if (!s.reason) report(SUPPRESSION_REASON_RULE, s, `${directive} ${s.rules.join(',')} gives no reason`);
    for (const rule of s.rules) {
      if (!options.known.has(rule)) report(SUPPRESSION_UNUSED_RULE, s, `${directive} names ${rule}, which is not a rule`);
      else if (options.ran.has(rule) && !used.has(key(s, rule))) {
        const where = s.fileWide ? 'in this file' : `on line ${s.from}`;
        report(SUPPRESSION_UNUSED_RULE, s, `${directive} ${rule} suppresses nothing: ${rule} reports nothing ${where}`);
      }
    }
  }
  return { findings: [...kept, ...notices], suppressed };
}
