// Markdown headings as CommonMark defines them: ATX (`## Title`) and setext (a paragraph line
// underlined with `===` or `---`), outside fenced code blocks and HTML comments. Written by hand:
// only headings are needed, and a full Markdown parser would add weight to the bundle for nothing.
// The one problem reported is a `#Title` with no space, which CommonMark does not take as a heading.

import { binaryPosition, splitLines } from './text.js';
import type { Heading, MarkupProblem, Outline } from './outline.js';

const ATX = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const NO_SPACE = /^ {0,3}#{1,6}[^#\s]/;
const SETEXT = /^ {0,3}(=+|-+)[ \t]*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const NOT_PARAGRAPH = /^ {0,3}([-*+]\s|\d+[.)]\s|>|#|`{3,}|~{3,}|<)|^( {4}|\t)/;

export function parseMarkdown(text: string): Outline {
  const lines = splitLines(text);
  const headings: Heading[] = [];
  const problems: MarkupProblem[] = [];
  const binary = binaryPosition(text);
  if (binary) return { headings, problems: [{ ...binary, message: 'not UTF-8 text' }], lines };

  let fence: string | undefined;
  let inComment = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (fence) {
      if (line.trim().startsWith(fence)) fence = undefined;
      continue;
    }
    if (inComment) {
      if (line.includes('-->')) inComment = false;
      continue;
    }
    const f = FENCE.exec(line);
    if (f) {
      fence = f[1]!.slice(0, 3);
      continue;
    }
    if (/^ {0,3}<!--/.test(line) && !line.includes('-->')) {
      inComment = true;
      continue;
    }
    const atx = ATX.exec(line);
    if (atx) {
      headings.push({ text: (atx[2] ?? '').trim(), level: atx[1]!.length, line: i + 1, startLine: i + 1, endLine: i + 1 });
      continue;
    }
    if (NO_SPACE.test(line)) {
      problems.push({ line: i + 1, column: 1, message: `"${line.trim().slice(0, 40)}" is not a heading: put a space after the #` });
      continue;
    }
    const next = lines[i + 1];
    const setext = next === undefined ? undefined : SETEXT.exec(next);
    if (setext && line.trim() && !NOT_PARAGRAPH.test(line) && (i === 0 || !lines[i - 1]!.trim() || headings.at(-1)?.endLine === i)) {
      headings.push({ text: line.trim(), level: setext[1]!.startsWith('=') ? 1 : 2, line: i + 1, startLine: i + 1, endLine: i + 2 });
      i += 1;
    }
  }
  return { headings, problems, lines };
}
