// reStructuredText section titles, read the way docutils reads them: a title is a line of text
// followed by an underline of one punctuation character (optionally with a matching overline);
// levels come from the order in which adornment styles first appear. Written by hand because no
// maintained JavaScript RST parser exists, and only the section structure is needed — with the
// problems docutils itself reports about it:
//   * "Title underline too short" / overline too short;
//   * overline and underline that do not match, or an overline with no underline;
//   * "Title level inconsistent": a new adornment style deeper than one level below the current;
//   * a title right after paragraph text ("Unexpected section title").
// Indented lines (literal blocks, directive bodies, comments) are never titles.

import { binaryPosition, splitLines } from './text.js';
import type { Heading, MarkupProblem, Outline } from './outline.js';

const ADORNMENT = /^([!-/:-@[-`{-~])\1*$/;

function adornment(line: string | undefined): string | undefined {
  if (line === undefined || /^\s/.test(line)) return undefined;
  const t = line.trimEnd();
  return ADORNMENT.test(t) ? t : undefined;
}

const blank = (line: string | undefined): boolean => line === undefined || line.trim() === '';
const width = (text: string): number => [...text].length;

export function parseRst(text: string): Outline {
  const lines = splitLines(text);
  const headings: Heading[] = [];
  const problems: MarkupProblem[] = [];
  const binary = binaryPosition(text);
  if (binary) return { headings, problems: [{ ...binary, message: 'not UTF-8 text' }], lines };

  const styles: string[] = [];
  let depth = 0;
  const addHeading = (title: string, style: string, line: number, startLine: number, endLine: number): void => {
    let level = styles.indexOf(style) + 1;
    if (level === 0) {
      styles.push(style);
      level = styles.length;
    }
    if (level > depth + 1) {
      problems.push({ line, column: 1, message: `title level inconsistent: "${title}" skips a level (its adornment style is new here)` });
    }
    depth = level;
    headings.push({ text: title, level, line, startLine, endLine });
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const over = adornment(line);
    if (over) {
      const titleLine = lines[i + 1];
      const under = adornment(lines[i + 2]);
      if (!blank(titleLine) && !adornment(titleLine) && blank(lines[i - 1])) {
        const title = titleLine!.trim();
        if (!under) {
          if (width(over) >= 4) {
            problems.push({ line: i + 1, column: 1, message: `title overline with no matching underline below "${title}"` });
          }
          continue;
        }
        if (under !== over) {
          problems.push({ line: i + 3, column: 1, message: `title overline and underline do not match for "${title}"` });
        } else if (width(over) < width(title)) {
          problems.push({ line: i + 1, column: 1, message: `title overline too short for "${title}"` });
        }
        addHeading(title, `over${over[0]}`, i + 2, i + 1, i + 3);
        i += 2;
      }
      continue;
    }
    if (blank(line) || /^\s/.test(line)) continue;
    const under = adornment(lines[i + 1]);
    if (!under) continue;
    const title = line.trim();
    if (width(under) < width(title)) {
      // docutils treats a short run of punctuation under long text as ordinary text.
      if (width(under) < 4) continue;
      problems.push({ line: i + 2, column: 1, message: `title underline too short for "${title}"` });
    }
    if (!blank(lines[i - 1]) && !adornment(lines[i - 1])) {
      problems.push({ line: i + 1, column: 1, message: `unexpected section title "${title}": a title needs a blank line above it` });
      i += 1;
      continue;
    }
    addHeading(title, `under${under[0]}`, i + 1, i + 1, i + 2);
    i += 1;
  }
  return { headings, problems, lines };
}
