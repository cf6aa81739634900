// Untrusted strings in the Markdown of a job summary (GitHub-flavoured Markdown, which renders
// raw HTML it allows: an `owning_team_email` of `<img src=x onerror=…>` was an image). Text is
// made one line (escape/text.ts), its HTML characters become entities and the Markdown
// punctuation that works mid-line (emphasis, links and images, code, strike-through) is
// backslash-escaped, so it is shown as written and is never a tag, a link, an image or emphasis
// (a table cell's `|` is escaped by the table itself, src/report/markdown-table.ts); code is put in a code span whose backtick fence is longer
// than any run of backticks inside it, where HTML is not read at all. The summary's own markup
// (`<br>` in cells, `**…**`) is written around these, never through them.

import { inlineText } from './text.js';

const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** Plain text: shown literally in a paragraph or a table cell. */
export function mdText(text: string): string {
  return inlineText(text)
    .replace(/[&<>"]/g, (c) => HTML[c]!)
    .replace(/[\\`*_[\]~]/g, '\\$&');
}

/** Text outside a code span: HTML characters as entities; `\\`, `[` and `]` escaped. */
function proseOutside(text: string): string {
  return text.replace(/[&<>"]/g, (c) => HTML[c]!).replace(/[\\[\]]/g, '\\$&');
}

/** Plain text for a table cell written by hand (not through table()): its `|` escaped too. */
export function mdCellText(text: string): string {
  return mdText(text).replace(/\|/g, '\\|');
}

/**
 * A sentence of ours that quotes input (a build's reason naming its ref, a failure, a finding's
 * message) and marks code with backticks itself: outside its code spans, HTML characters become
 * entities and brackets and backslashes are escaped (no tag, link or image can form, and no
 * backtick is escaped, so the spans are where CommonMark sees them); a code span (a run of
 * backticks up to the next run of the same length) is kept as written, since nothing in it is
 * read as HTML or Markdown; an unmatched backtick is escaped. Emphasis is kept.
 */
export function mdProse(text: string): string {
  const one = inlineText(text);
  let out = '';
  let at = 0;
  const fence = /`+/g;
  for (let open = fence.exec(one); open; open = fence.exec(one)) {
    const n = open[0].length;
    const close = new RegExp(`(?<!\`)\`{${n}}(?!\`)`, 'g');
    close.lastIndex = open.index + n;
    const end = close.exec(one);
    out += proseOutside(one.slice(at, open.index));
    if (end) {
      out += one.slice(open.index, end.index + n);
      at = end.index + n;
    } else {
      out += '\\`'.repeat(n);
      at = open.index + n;
    }
    fence.lastIndex = at;
  }
  return out + proseOutside(one.slice(at));
}

/** A code span holding `text` literally (a table cell still escapes its `|`, src/report/markdown-table.ts). */
export function mdCode(text: string): string {
  const one = inlineText(text);
  const longest = Math.max(0, ...(one.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  // A space each side when the text starts or ends with a backtick (CommonMark strips one of each).
  const pad = one.startsWith('`') || one.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${one}${pad}${fence}`;
}
