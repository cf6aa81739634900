// RST and Markdown headings: levels from adornment styles, and the structural problems docutils
// itself reports — table-driven.
import { describe, expect, it } from 'vitest';
import { parseRst } from '../../src/markup/rst.js';
import { parseMarkdown } from '../../src/markup/markdown.js';
import { sectionText } from '../../src/markup/outline.js';

const heads = (o: ReturnType<typeof parseRst>): string[] => o.headings.map((h) => `${h.level}:${h.line}:${h.text}`);
const probs = (o: ReturnType<typeof parseRst>): string[] => o.problems.map((p) => `${p.line}:${p.message}`);

describe('parseRst', () => {
  it.each([
    {
      name: 'keep-a-changelog structure',
      text: 'Change Log\n##########\n\nUnreleased\n**********\n\nAdded\n=====\n\n* x\n\n[1.0.0] - 2024-01-01\n********************\n',
      headings: ['1:1:Change Log', '2:4:Unreleased', '3:7:Added', '2:12:[1.0.0] - 2024-01-01'],
      problems: [],
    },
    {
      name: 'overline and underline',
      text: '=====\nTitle\n=====\n\nSection\n-------\n',
      headings: ['1:2:Title', '2:5:Section'],
      problems: [],
    },
    { name: 'underline too short', text: 'A long title\n=====\n', headings: ['1:1:A long title'], problems: ['2:title underline too short for "A long title"'] },
    { name: 'a short run of punctuation is text', text: 'A long title\n==\n', headings: [], problems: [] },
    {
      name: 'overline and underline differ',
      text: '=======\nTitle\n-------\n',
      headings: ['1:2:Title'],
      problems: ['3:title overline and underline do not match for "Title"'],
    },
    { name: 'overline with no underline', text: '\n=======\nTitle\nmore text\n', headings: [], problems: ['2:title overline with no matching underline below "Title"'] },
    {
      name: 'inconsistent level',
      text: 'T\n#\n\nA\n*\n\nB\n=\n\nC\n#\n\nD\n-\n',
      headings: ['1:1:T', '2:4:A', '3:7:B', '1:10:C', '4:13:D'],
      problems: ['13:title level inconsistent: "D" skips a level (its adornment style is new here)'],
    },
    {
      name: 'title right after paragraph text',
      text: 'Paragraph text\nTitle\n=====\n',
      headings: [],
      problems: ['2:unexpected section title "Title": a title needs a blank line above it'],
    },
    { name: 'transitions and literal blocks are not titles', text: 'Para::\n\n    code\n    ----\n\n----------\n\nText\n', headings: [], problems: [] },
    { name: 'binary junk', text: 'Title\n=====\n\u0000\u0001', headings: [], problems: ['3:not UTF-8 text'] },
  ])('$name', ({ text, headings, problems }) => {
    const o = parseRst(text);
    expect(heads(o)).toEqual(headings);
    expect(probs(o)).toEqual(problems);
  });

  it('gives the text of a section up to the next heading of its level', () => {
    const o = parseRst('T\n#\n\nA\n*\n\na text\n\nSub\n===\n\nsub text\n\nB\n*\n\nb text\n');
    expect(sectionText(o, 1)).toBe('A\n*\n\na text\n\nSub\n===\n\nsub text\n');
    expect(sectionText(o, 3)).toBe('B\n*\n\nb text\n');
  });
});

describe('parseMarkdown', () => {
  it.each([
    {
      name: 'ATX headings',
      text: '# Changelog\n\n## [Unreleased]\n\n### Added\n- x\n\n## [1.0.0] - 2024-01-01 ##\n',
      headings: ['1:1:Changelog', '2:3:[Unreleased]', '3:5:Added', '2:8:[1.0.0] - 2024-01-01'],
      problems: [],
    },
    { name: 'setext headings', text: 'Title\n=====\n\nSection\n---\n', headings: ['1:1:Title', '2:4:Section'], problems: [] },
    { name: 'fenced code and comments are skipped', text: '```\n# not\n```\n<!--\n# not\n-->\n# yes\n', headings: ['1:7:yes'], problems: [] },
    { name: 'a list item is not a setext heading', text: '- item\n---\n', headings: [], problems: [] },
    { name: 'no space after #', text: '#Unreleased\n', headings: [], problems: ['1:"#Unreleased" is not a heading: put a space after the #'] },
  ])('$name', ({ text, headings, problems }) => {
    const o = parseMarkdown(text);
    expect(heads(o)).toEqual(headings);
    expect(probs(o)).toEqual(problems);
  });
});
