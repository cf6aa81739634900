// OEP45-O003: the manual is published with Sphinx; a broken RST title (underline too short,
// overline/underline mismatch, inconsistent levels) breaks its structure, and O002 reads topics
// from those titles. A file that is not text is reported too.

import type { Rule } from '../rule.js';
import { readManual } from './manual.js';

export const o003ManualParses: Rule = {
  meta: {
    id: 'OEP45-O003',
    title: 'Operations manual titles parse',
    severity: 'warning',
    area: 'operations',
    help: 'Underline each RST title with one punctuation character at least as long as the title, and use one adornment style per level.',
  },
  check(ctx) {
    return readManual(ctx).files.flatMap((f) =>
      f.outline.problems.map((p) => ({ message: p.message, file: f.file, line: p.line, ...(p.column ? { column: p.column } : {}) })),
    );
  },
};
