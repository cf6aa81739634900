// Findings against a baseline: new, known and fixed, counted per key; and what `oep45 baseline`
// and `--update` write.
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/model/finding.js';
import type { FindingKey } from '../../src/model/fingerprint.js';
import { baselineSentence, compareWithBaseline, entriesOf, prunedEntries } from '../../src/report/baseline.js';
import type { Baseline } from '../../src/report/baseline-file.js';

/** A finding at `line` whose key content is `content`. */
function finding(rule: string, file: string, line: number, content: string): { f: Finding; key: FindingKey } {
  const f: Finding = { rule, severity: 'warning', message: `m${line}`, file, line, help: '' };
  return { f, key: { rule, file, content } };
}

function run(current: Array<ReturnType<typeof finding>>, entries: Array<[rule: string, file: string, content: string, count: number]>, prefer?: (f: Finding) => boolean) {
  const keys = new Map(current.map((c) => [c.f, c.key]));
  const baseline: Baseline = { file: '.oep45-baseline.json', entries: entries.map(([rule, file, content, count], i) => ({ rule, file, content, count, line: 6 + i })) };
  const findings = current.map((c) => c.f);
  return { comparison: compareWithBaseline(findings, keys, baseline, prefer), findings, keys, baseline };
}

describe('compareWithBaseline', () => {
  const a = finding('OEP45-S008', 'base.py', 10, 'A =');
  const b = finding('OEP45-S008', 'base.py', 20, 'B =');
  const c = finding('OEP45-D013', 'Dockerfile', 30, 'RUN pip install x');

  const cases: Array<[name: string, current: Array<ReturnType<typeof finding>>, entries: Array<[string, string, string, number]>, states: string[], counts: [number, number, number]]> = [
    ['all known', [a, b, c], [['OEP45-S008', 'base.py', 'A =', 1], ['OEP45-S008', 'base.py', 'B =', 1], ['OEP45-D013', 'Dockerfile', 'RUN pip install x', 1]], ['unchanged', 'unchanged', 'unchanged'], [0, 3, 0]],
    ['one new', [a, b, c], [['OEP45-S008', 'base.py', 'A =', 1], ['OEP45-D013', 'Dockerfile', 'RUN pip install x', 1]], ['unchanged', 'new', 'unchanged'], [1, 2, 0]],
    ['two fixed', [a], [['OEP45-S008', 'base.py', 'A =', 1], ['OEP45-S008', 'base.py', 'B =', 1], ['OEP45-D013', 'Dockerfile', 'RUN pip install x', 1]], ['unchanged'], [0, 1, 2]],
    ['another rule on the same line is new', [a], [['OEP45-S011', 'base.py', 'A =', 1]], ['new'], [1, 0, 1]],
    ['the same content in another file is new', [c], [['OEP45-D013', 'dockerfiles/app.Dockerfile', 'RUN pip install x', 1]], ['new'], [1, 0, 1]],
    ['nothing in the baseline: all new', [a, b], [], ['new', 'new'], [2, 0, 0]],
  ];
  it.each(cases)('%s', (_name, current, entries, states, [fresh, known, fixed]) => {
    const { comparison, findings } = run(current, entries);
    expect(findings.map((f) => comparison.states.get(f))).toEqual(states);
    expect([comparison.new, comparison.known, comparison.fixed]).toEqual([fresh, known, fixed]);
  });

  it('counts findings with the same key: the extra ones are new, the last ones in the file', () => {
    const one = finding('OEP45-D010', 'Dockerfile', 1, 'FROM ubuntu');
    const two = finding('OEP45-D010', 'Dockerfile', 9, 'FROM ubuntu');
    const three = finding('OEP45-D010', 'Dockerfile', 20, 'FROM ubuntu');
    const { comparison } = run([one, two, three], [['OEP45-D010', 'Dockerfile', 'FROM ubuntu', 2]]);
    expect([one, two, three].map((x) => comparison.states.get(x.f))).toEqual(['unchanged', 'unchanged', 'new']);
  });

  it('calls new first the ones on changed lines', () => {
    const one = finding('OEP45-D010', 'Dockerfile', 1, 'FROM ubuntu');
    const two = finding('OEP45-D010', 'Dockerfile', 9, 'FROM ubuntu');
    const three = finding('OEP45-D010', 'Dockerfile', 20, 'FROM ubuntu');
    const { comparison } = run([one, two, three], [['OEP45-D010', 'Dockerfile', 'FROM ubuntu', 2]], (f) => f.line === 9);
    expect([one, two, three].map((x) => comparison.states.get(x.f))).toEqual(['unchanged', 'new', 'unchanged']);
  });

  it('lists what is fixed, with how many of a count', () => {
    const one = finding('OEP45-D010', 'Dockerfile', 1, 'FROM ubuntu');
    const { comparison } = run([one], [['OEP45-D010', 'Dockerfile', 'FROM ubuntu', 3], ['OEP45-O001', 'docs/operations', '', 1]]);
    expect(comparison.fixedEntries.map((e) => [e.rule, e.fixed, e.line])).toEqual([['OEP45-D010', 2, 6], ['OEP45-O001', 1, 7]]);
    expect(baselineSentence(comparison)).toBe('0 new, 1 known, 3 fixed since the baseline');
  });
});

describe('entriesOf and prunedEntries', () => {
  const one = finding('OEP45-D010', 'Dockerfile', 1, 'FROM ubuntu');
  const two = finding('OEP45-D010', 'Dockerfile', 9, 'FROM ubuntu');
  const other = finding('OEP45-S008', 'base.py', 3, 'A =');

  it('entriesOf counts the findings per key', () => {
    const keys = new Map([one, two, other].map((c) => [c.f, c.key]));
    expect(entriesOf([one.f, two.f, other.f], keys)).toEqual([
      { rule: 'OEP45-D010', file: 'Dockerfile', content: 'FROM ubuntu', count: 2 },
      { rule: 'OEP45-S008', file: 'base.py', content: 'A =', count: 1 },
    ]);
  });

  it('prunedEntries lowers counts to what is left and never adds a new finding', () => {
    const { findings, keys, baseline } = run([one, other], [['OEP45-D010', 'Dockerfile', 'FROM ubuntu', 2], ['OEP45-O001', 'docs/operations', '', 1]]);
    expect(prunedEntries(baseline, findings, keys)).toEqual([{ rule: 'OEP45-D010', file: 'Dockerfile', content: 'FROM ubuntu', count: 1 }]);
  });
});
