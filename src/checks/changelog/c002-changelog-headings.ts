// OEP45-C002: operators and tools find releases in the changelog by its headings. A broken RST
// title (underline too short, overline/underline mismatch, inconsistent levels), a release heading
// that is not `[X.Y.Z] - YYYY-MM-DD` or `Unreleased`, or a file that is not text is reported at
// its line — in the changelog and in scriv fragments. An "Older changes" section at the level of
// the releases is a notice: its releases are history, not checked.

import type { Rule } from '../rule.js';
import { readChangelog } from './changelog.js';

export const c002ChangelogHeadings: Rule = {
  meta: {
    id: 'OEP45-C002',
    title: 'Changelog headings parse',
    severity: 'error',
    area: 'changelog',
    help: 'Release headings are "Unreleased" or "[X.Y.Z] - YYYY-MM-DD"; in RST, underline each title with one punctuation character, at least as long as the title, one style per level.',
  },
  check(ctx) {
    const log = readChangelog(ctx);
    if (!log) return [];
    return log.problems.map((p) => ({ message: p.message, file: p.file, line: p.line, ...(p.column ? { column: p.column } : {}), ...(p.severity ? { severity: p.severity } : {}) }));
  },
};
