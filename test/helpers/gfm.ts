// A structural check of GitHub-flavoured Markdown as our summaries write it (no Markdown parser is
// a dependency of this project): every table's rows have the header's number of cells (a `|` in a
// value would add one), no HTML but the tags we write ourselves, every `&` starts a character
// reference, and no code span or emphasis marker is left open. Backslash escapes count as text. Returns the problems, empty when none.

const OUR_TAGS = /^<\/?(code|strong|br)>$/;

export function gfmProblems(markdown: string): string[] {
  const problems: string[] = [];
  // A backslash escape is text: `\|` is no cell border, `\`` no code span.
  const lines = markdown.split('\n').map((l) => l.replace(/\\[\\`*_[\]{}()#+\-.!|~<>]/g, 'x'));
  const cells = (line: string): number => line.trim().replace(/^\||\|$/g, '').split('|').length;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    for (const tag of line.match(/<[^>]*>?/g) ?? []) if (!OUR_TAGS.test(tag)) problems.push(`line ${i + 1}: raw HTML ${tag}`);
    for (const amp of line.match(/&[^;\s]{0,10};?/g) ?? []) if (!/^&(#\d+|amp|lt|gt|quot);$/.test(amp)) problems.push(`line ${i + 1}: bare & in ${amp}`);
    if ((line.match(/`/g) ?? []).length % 2) problems.push(`line ${i + 1}: an open code span`);
    if (/\]\(/.test(line.replace(/\[[^\]]*\]\(https:\/\/[^)\s]+\)/g, ''))) problems.push(`line ${i + 1}: a link we did not write`);
    const next = lines[i + 1];
    if (line.startsWith('|') && next && /^\|( ?-{3,} ?\|)+$/.test(next)) {
      const width = cells(line);
      if (cells(next) !== width) problems.push(`line ${i + 2}: the delimiter row has ${cells(next)} cells, the header ${width}`);
      for (let j = i + 2; j < lines.length && lines[j]!.startsWith('|'); j++) {
        if (cells(lines[j]!) !== width) problems.push(`line ${j + 1}: ${cells(lines[j]!)} cells, the header has ${width}`);
      }
    }
  }
  return problems;
}
