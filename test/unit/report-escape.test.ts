import { describe, expect, it } from 'vitest';
import { hasControlCharacters, inlineText } from '../../src/report/escape/text.js';
import { guardLine, guardLines, isWorkflowCommandLine } from '../../src/report/escape/workflow-commands.js';
import { mdCode, mdProse, mdText } from '../../src/report/escape/markdown.js';

describe('inlineText: one line, control characters as escapes', () => {
  const cases: Array<[string, string]> = [
    ['master', 'master'],
    ['a\nb', 'a\\nb'],
    ['a\r\n::error::x', 'a\\r\\n::error::x'],
    ['tab\tstays', 'tab\tstays'],
    ['\u001b[31mred', '\\x1b[31mred'],
    ['nul\u0000', 'nul\\0'],
    ['del\u007f c1\u0085', 'del\\x7f c1\\x85'],
    ['ls\u2028ps\u2029', 'ls\\u2028ps\\u2029'],
    ['bidi\u202etxt.exe\u2066', 'bidi\\u202etxt.exe\\u2066'],
    ['back\\slash stays', 'back\\slash stays'],
    ['%0A::error::encoded stays text', '%0A::error::encoded stays text'],
    ['é ü 漢字 emoji 🙂', 'é ü 漢字 emoji 🙂'],
  ];
  for (const [input, want] of cases) {
    it(JSON.stringify(input), () => {
      expect(inlineText(input)).toBe(want);
      expect(hasControlCharacters(inlineText(input).replace(/\t/g, ''))).toBe(false);
    });
  }
  it('says whether a string holds control characters', () => {
    expect(hasControlCharacters('a\nb')).toBe(true);
    expect(hasControlCharacters('ab')).toBe(false);
    // The global regular expression keeps no state between calls.
    expect(hasControlCharacters('a\nb')).toBe(true);
  });
});

describe('workflow commands: no printed line is one', () => {
  const cases: Array<[string, boolean, string]> = [
    ['::error::x', true, '\\::error::x'],
    ['  ::warning file=a::x', true, '  \\::warning file=a::x'],
    ['\t::stop-commands::token', true, '\t\\::stop-commands::token'],
    ['::add-mask::x', true, '\\::add-mask::x'],
    ['##[error]old form', true, '\\##[error]old form'],
    ['  ##[group]x', true, '  \\##[group]x'],
    ['\u00a0::error::nbsp', true, '\u00a0\\::error::nbsp'],
    ['a ::error:: mid-line', false, 'a ::error:: mid-line'],
    ['%0A::error::x', false, '%0A::error::x'],
    [':single', false, ':single'],
    ['## heading', false, '## heading'],
  ];
  for (const [line, command, guarded] of cases) {
    it(JSON.stringify(line), () => {
      expect(isWorkflowCommandLine(line)).toBe(command);
      expect(guardLine(line)).toBe(guarded);
      expect(isWorkflowCommandLine(guardLine(line))).toBe(false);
    });
  }
  it('guards every line of a text, whatever ends them', () => {
    const text = 'ok\n::error::a\r\n::error::b\r::error::c\u2028::error::d\u0085::error::e\n';
    const out = guardLines(text);
    expect(out).toBe('ok\n\\::error::a\r\n\\::error::b\r\\::error::c\u2028\\::error::d\u0085\\::error::e\n');
    expect(out.split(/\r\n|\r|\n|\u2028|\u2029|\u0085/).filter(isWorkflowCommandLine)).toEqual([]);
  });
});

describe('Markdown: input shown as written', () => {
  const text: Array<[string, string]> = [
    ['lms-dev', 'lms-dev'],
    ['<img src=x onerror=alert(1)>', '&lt;img src=x onerror=alert(1)&gt;'],
    ['a & b "q"', 'a &amp; b &quot;q&quot;'],
    ['[click](https://evil.example)', '\\[click\\](https://evil.example)'],
    ['![i](x)', '!\\[i\\](x)'],
    ['**bold** _em_ ~~s~~ `code`', '\\*\\*bold\\*\\* \\_em\\_ \\~\\~s\\~\\~ \\`code\\`'],
    ['line\n## heading', 'line\\\\n## heading'],
    ['back\\slash', 'back\\\\slash'],
  ];
  for (const [input, want] of text) it(`mdText ${JSON.stringify(input)}`, () => expect(mdText(input)).toBe(want));

  const prose: Array<[string, string]> = [
    ['release tag open-release/sumac.1; `sumac` stays', 'release tag open-release/sumac.1; `sumac` stays'],
    ['push to refs/heads/<img src=x onerror=alert(1)>', 'push to refs/heads/&lt;img src=x onerror=alert(1)&gt;'],
    ['see [here](https://evil.example) and ![x](y)', 'see \\[here\\](https://evil.example) and !\\[x\\](y)'],
    ['**kept** emphasis', '**kept** emphasis'],
    ['one\n::error::line', 'one\\\\n::error::line'],
  ];
  for (const [input, want] of prose) it(`mdProse ${JSON.stringify(input)}`, () => expect(mdProse(input)).toBe(want));

  const code: Array<[string, string]> = [
    ['Dockerfile', '`Dockerfile`'],
    ['a`b', '``a`b``'],
    ['`start', '`` `start ``'],
    ['x``y`', '``` x``y` ```'],
    ['<script>', '`<script>`'],
    ['a\nb', '`a\\nb`'],
  ];
  for (const [input, want] of code) it(`mdCode ${JSON.stringify(input)}`, () => expect(mdCode(input)).toBe(want));
});
