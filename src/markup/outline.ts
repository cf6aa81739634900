// The outline of a document: its headings with their levels and lines, and the problems found
// while reading them. RST and Markdown parsers both produce it; the changelog and the operations
// manual rules read sections through it.

export interface Heading {
  text: string;
  /** 1 for the document title, 2 for its sections, … */
  level: number;
  /** Line of the heading's text (1-based). */
  line: number;
  /** First line of the heading (its overline, in RST; else `line`). */
  startLine: number;
  /** Last line of the heading (its underline, in RST). */
  endLine: number;
}

export interface MarkupProblem {
  line: number;
  column?: number;
  message: string;
}

export interface Outline {
  headings: Heading[];
  problems: MarkupProblem[];
  /** The document's lines, without end-of-line characters. */
  lines: string[];
}

/** The text of the section that starts at `headings[index]`, its heading included. */
export function sectionText(outline: Outline, index: number): string {
  const heading = outline.headings[index];
  if (!heading) return '';
  const next = outline.headings.slice(index + 1).find((h) => h.level <= heading.level);
  const end = next ? next.startLine - 1 : outline.lines.length;
  return outline.lines.slice(heading.line - 1, Math.max(end, heading.line)).join('\n');
}
