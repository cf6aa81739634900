// Inline suppressions: how a comment is read, which lines it covers, and the notices about
// suppressions that give no reason or suppress nothing — over real files and real rules.
import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { applySuppressions, parseSuppressions, supportsHashComments } from '../../src/checks/suppressions.js';
import { DOCKERFILE_RULES } from '../../src/checks/dockerfile/index.js';
import type { Rule } from '../../src/checks/rule.js';
import type { Finding } from '../../src/model/finding.js';
import { checkDir, checkFiles } from '../helpers/dockerfile-project.js';

const FIXTURE = resolve(import.meta.dirname, '../fixtures/dockerfile/suppressed');

describe('parseSuppressions', () => {
  const cases: Array<[name: string, text: string, expected: Array<{ line: number; rules: string[]; reason: string; fileWide?: boolean; from?: number; to?: number }>]> = [
    ['one rule and a reason, for the next line', '# oep45-ignore OEP45-D004 pinned by checksum\nRUN x\n', [{ line: 1, rules: ['OEP45-D004'], reason: 'pinned by checksum', from: 2, to: 2 }]],
    ['a continued instruction', '# oep45-ignore OEP45-D004 why\nRUN a && \\\n  # inner\n  b\nRUN c\n', [{ line: 1, rules: ['OEP45-D004'], reason: 'why', from: 2, to: 4 }]],
    ['a heredoc', '# oep45-ignore OEP45-D004 why\nRUN <<EOF\na\nb\nEOF\nRUN c\n', [{ line: 1, rules: ['OEP45-D004'], reason: 'why', from: 2, to: 5 }]],
    ['stacked over comments and blank lines', '# oep45-ignore OEP45-D001 a\n# oep45-ignore OEP45-D002 b\n\n# why\nRUN x\n', [
      { line: 1, rules: ['OEP45-D001'], reason: 'a', from: 5, to: 5 },
      { line: 2, rules: ['OEP45-D002'], reason: 'b', from: 5, to: 5 },
    ]],
    ['several ids, commas, a colon, a dash', '# oep45-ignore OEP45-D006, oep45-d009: both fine\n# oep45-ignore OEP45-D001,OEP45-D002 - fine\nX\n', [
      { line: 1, rules: ['OEP45-D006', 'OEP45-D009'], reason: 'both fine' },
      { line: 2, rules: ['OEP45-D001', 'OEP45-D002'], reason: 'fine' },
    ]],
    ['at the end of a code line', 'X = 1  # oep45-ignore OEP45-S001 legacy name\n', [{ line: 1, rules: ['OEP45-S001'], reason: 'legacy name', from: 1, to: 1 }]],
    ['file-wide', 'RUN a\n# oep45-ignore-file OEP45-D014 on purpose\n', [{ line: 2, rules: ['OEP45-D014'], reason: 'on purpose', fileWide: true }]],
    ['no id', '# oep45-ignore because\nRUN x\n', [{ line: 1, rules: [], reason: 'because' }]],
    ['no reason', '# oep45-ignore OEP45-D004\nRUN x\n', [{ line: 1, rules: ['OEP45-D004'], reason: '' }]],
    ['not a suppression', '# see oep45-ignored things\nRUN echo "#oep45-ignorance"\n', []],
  ];
  it.each(cases)('%s', (_name, text, expected) => {
    const found = parseSuppressions('Dockerfile', text);
    expect(found).toHaveLength(expected.length);
    expected.forEach((e, i) => expect(found[i]).toMatchObject({ fileWide: false, ...e }));
  });

  it('does not take a Python shift for a heredoc', () => {
    expect(parseSuppressions('svc/settings.py', '# oep45-ignore OEP45-S001 x\nFLAGS = 1 <<EOF\nOTHER = 2\n')[0]).toMatchObject({ from: 2, to: 2 });
  });

  it.each([
    ['Dockerfile', true],
    ['dockerfiles/lms.Dockerfile', true],
    ['Dockerfile.dev', true],
    ['svc/settings/defaults.py', true],
    ['.oep45.yml', true],
    ['CHANGELOG.rst', false],
    ['images-data.json', false],
  ])('%s can hold suppressions: %s', (file, expected) => {
    expect(supportsHashComments(file)).toBe(expected);
  });
});

describe('applySuppressions', () => {
  const finding = (rule: string, line: number, file = 'Dockerfile'): Finding => ({ rule, severity: 'error', message: 'm', file, line, help: 'h' });
  const text = '# oep45-ignore OEP45-D004 reason\nRUN a && \\\n  b\n# oep45-ignore OEP45-D010 stale\nFROM x:1\n';
  const options = { known: new Set(['OEP45-D004', 'OEP45-D010', 'OEP45-D013']), ran: new Set(['OEP45-D004', 'OEP45-D010']), levels: {} };

  it('drops a finding anywhere in the covered statement, keeps the others', () => {
    const { findings, suppressed } = applySuppressions([finding('OEP45-D004', 3), finding('OEP45-D004', 5), finding('OEP45-D013', 2)], new Map([['Dockerfile', text]]), options);
    expect(suppressed).toBe(1);
    expect(findings.map((f) => [f.rule, f.line])).toEqual([
      ['OEP45-D004', 5],
      ['OEP45-D013', 2],
      ['OEP45-I002', 4],
    ]);
  });

  it('says nothing about a suppression of a rule that did not run (turned off)', () => {
    const { findings } = applySuppressions([], new Map([['Dockerfile', text]]), { ...options, ran: new Set() });
    expect(findings).toEqual([]);
  });

  it('honours the policy for its own notices', () => {
    const off = applySuppressions([], new Map([['Dockerfile', text]]), { ...options, levels: { 'OEP45-I002': 'off' } });
    expect(off.findings).toEqual([]);
    const warning = applySuppressions([], new Map([['Dockerfile', text]]), { ...options, levels: { 'OEP45-I002': 'warning' } });
    expect(warning.findings.map((f) => [f.rule, f.severity])).toEqual([
      ['OEP45-I002', 'warning'],
      ['OEP45-I002', 'warning'],
    ]);
  });

  it('ignores comments in files without # comments', () => {
    const { findings, suppressed } = applySuppressions([finding('OEP45-C001', 2, 'CHANGELOG.rst')], new Map([['CHANGELOG.rst', '# oep45-ignore OEP45-C001 x\nline\n']]), { ...options, known: new Set(['OEP45-C001']) });
    expect(suppressed).toBe(0);
    expect(findings.map((f) => f.rule)).toEqual(['OEP45-C001']);
  });
});

describe('suppressions through runChecks', () => {
  it('the suppressed fixture: five findings suppressed, three notices about the suppressions', async () => {
    const findings = await checkDir(FIXTURE, DOCKERFILE_RULES);
    expect(findings.map((f) => [f.rule, f.line, f.severity, f.message])).toEqual([
      ['OEP45-I001', 8, 'notice', 'oep45-ignore OEP45-D013 gives no reason'],
      ['OEP45-I002', 10, 'notice', 'oep45-ignore OEP45-D010 suppresses nothing: OEP45-D010 reports nothing on line 11'],
      ['OEP45-I002', 12, 'notice', 'oep45-ignore names OEP45-D0O4, which is not a rule'],
    ]);
  });

  it('the same fixture without its suppressions reports the findings they hide', async () => {
    const { readFileSync } = await import('node:fs');
    const text = readFileSync(resolve(FIXTURE, 'Dockerfile'), 'utf8').replace(/oep45-ignore/g, 'note');
    const findings = await checkFiles({ Dockerfile: text }, DOCKERFILE_RULES);
    expect(findings.map((f) => [f.rule, f.line])).toEqual([
      ['OEP45-D004', 6],
      ['OEP45-D013', 9],
      // The error first on its line: D009 (a secret), then D006 (a warning: only an argument uses it).
      ['OEP45-D009', 15],
      ['OEP45-D006', 15],
      ['OEP45-D014', 16],
    ]);
  });

  it('works for any rule whose file has # comments (a Python file read by a rule written for this test)', async () => {
    const settingsRule: Rule = {
      meta: { id: 'OEP45-S999', title: 'test rule', severity: 'warning', area: 'settings', help: 'h' },
      check(ctx) {
        const text = ctx.readFile('svc/settings.py') ?? '';
        return text.split('\n').flatMap((l, i) => (l.startsWith('BAD') ? [{ message: `${l} is bad`, file: 'svc/settings.py', line: i + 1 }] : []));
      },
    };
    const findings = await checkFiles(
      {
        Dockerfile: 'FROM debian:12\n',
        'svc/settings.py': '# oep45-ignore OEP45-S999 kept for the legacy layout\nBAD_ONE = 1\nBAD_TWO = 2  # oep45-ignore OEP45-S999 also kept\nBAD_THREE = 3\n# oep45-ignore OEP45-S999 nothing below is bad\nGOOD = 4\n',
      },
      [settingsRule],
    );
    expect(findings.map((f) => [f.rule, f.line])).toEqual([
      ['OEP45-S999', 4],
      ['OEP45-I002', 5],
    ]);
  });

  it('respects .oep45.yml: suppression notices can be turned off', async () => {
    const findings = await checkFiles(
      { Dockerfile: '# The app.\nFROM debian:12\n# oep45-ignore OEP45-D004\nCMD ["x"]\n', '.oep45.yml': 'rules:\n  OEP45-I001: off\n  OEP45-I002: warning\n' },
      DOCKERFILE_RULES,
    );
    expect(findings.map((f) => [f.rule, f.severity])).toEqual([['OEP45-I002', 'warning']]);
  });
});
