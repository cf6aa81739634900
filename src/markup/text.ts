// Small helpers shared by every parser of repository text (Python settings, RST, Markdown):
// offsets to 1-based line/column, and a test for text that is not text at all (binary junk or
// a file that is not UTF-8), so that a parser reports it at its line instead of misreading it.

export interface Position {
  line: number;
  column: number;
}

/** Maps character offsets to 1-based lines and columns. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  position(offset: number): Position {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo]! + 1 };
  }

  line(offset: number): number {
    return this.position(offset).line;
  }

  /** Offset of the first character of a 1-based line. */
  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line - 1, this.starts.length - 1))]!;
  }
}

/**
 * Where the text stops being text: a NUL, or the replacement character that a failed UTF-8 decode
 * leaves. Undefined for ordinary text.
 */
export function binaryPosition(text: string): Position | undefined {
  const nul = text.indexOf('\u0000');
  const bad = text.indexOf('\uFFFD');
  const at = nul < 0 ? bad : bad < 0 ? nul : Math.min(nul, bad);
  if (at < 0) return undefined;
  return new LineIndex(text).position(at);
}

/** Lines without their end-of-line characters (`\n` or `\r\n`). */
export function splitLines(text: string): string[] {
  return text.split(/\r?\n/);
}
