// GitHub-flavoured Markdown tables for the job summary.

/** A cell's text: `|` escaped, line breaks as `<br>` (which cells may also hold themselves). */
export function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}

export function table(header: string[], rows: string[][]): string {
  const lines = [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`];
  for (const row of rows) lines.push(`| ${row.map(cell).join(' | ')} |`);
  return lines.join('\n');
}

/**
 * Text from a repository or an operator's file, safe inline in GitHub-flavoured Markdown: HTML's
 * special characters and Markdown's inline markers become character references, so nothing in it
 * can open a tag, a link, emphasis, a code span or a table cell.
 */
export function escapeInline(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/[\\`*_[\]|~#!]/g, (c) => `&#${c.charCodeAt(0)};`)
    .replace(/\r?\n/g, ' ');
}
