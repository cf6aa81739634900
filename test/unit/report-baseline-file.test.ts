// The baseline file: what oep45 writes reads back the same, and every corrupt or stale file is
// one clear error at its line — never a baseline silently taken as empty.
import { describe, expect, it } from 'vitest';
import { parseBaseline, serializeBaseline } from '../../src/report/baseline-file.js';
import { UserError } from '../../src/util/errors.js';

const ENTRIES = [
  { rule: 'OEP45-S008', file: 'orders/settings/base.py', content: 'TIME_ZONE =', count: 1 },
  { rule: 'OEP45-D013', file: 'Dockerfile', content: 'RUN pip3 install -r requirements/production.txt', count: 2 },
  { rule: 'OEP45-O001', file: 'docs/operations', content: '', count: 1 },
];

function errorOf(text: string): string {
  try {
    parseBaseline('.oep45-baseline.json', text);
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return String(error);
  }
  throw new Error('no error');
}

describe('serializeBaseline and parseBaseline', () => {
  it('write one finding per line, sorted by file, rule and content, and read them back with their lines', () => {
    const text = serializeBaseline(ENTRIES);
    const lines = text.split('\n');
    expect(lines.filter((l) => l.includes('"rule"')).map((l) => /"file": "([^"]+)"/.exec(l)![1])).toEqual(['Dockerfile', 'docs/operations', 'orders/settings/base.py']);
    const read = parseBaseline('.oep45-baseline.json', text);
    expect(read.entries.map(({ line: _line, ...e }) => e)).toEqual([ENTRIES[1], ENTRIES[2], ENTRIES[0]]);
    for (const entry of read.entries) expect(lines[entry.line - 1]).toContain(JSON.stringify(entry.content));
  });

  it('write the same text for the same findings in any order', () => {
    expect(serializeBaseline([...ENTRIES].reverse())).toBe(serializeBaseline(ENTRIES));
  });

  it('read an empty baseline', () => {
    expect(parseBaseline('b.json', serializeBaseline([])).entries).toEqual([]);
  });
});

describe('a corrupt or stale baseline', () => {
  const good = serializeBaseline(ENTRIES);
  const lines = good.split('\n');
  const cases: Array<[name: string, text: string, error: RegExp]> = [
    ['not JSON', good.replace('"count": 2}', '"count": 2,}'), /^\.oep45-baseline\.json:6:\d+: the baseline is not valid JSON \(.*\): fix it, or make it again with `oep45 baseline`$/],
    ['cut short', good.slice(0, good.length - 10), /^\.oep45-baseline\.json:\d+:\d+: the baseline is not valid JSON/],
    [
      'merge conflict markers',
      [...lines.slice(0, 6), '<<<<<<< HEAD', lines[6], '=======', lines[6]!.replace('TIME_ZONE', 'TZ'), '>>>>>>> feature', ...lines.slice(7)].join('\n'),
      /^\.oep45-baseline\.json:7: the baseline has merge conflict markers: keep one side \(`git checkout --theirs -- \.oep45-baseline\.json`\), then run `oep45 baseline --update`$/,
    ],
    ['a newer format', good.replace('"version": 1', '"version": 2'), /^\.oep45-baseline\.json:3:14: the baseline is format 2, made by a newer oep45; this oep45 reads format 1: update oep45-action, or make it again/],
    ['another fingerprint scheme', good.replace('"oep45/v1"', '"oep45/v0"'), /^\.oep45-baseline\.json:4:19: the baseline identifies findings by "oep45\/v0", and this oep45 by "oep45\/v1", so no finding would match it/],
    ['an unknown key', good.replace('"count": 2}', '"count": 2, "line": 30}'), /^\.oep45-baseline\.json:6:\d+: unknown key `line` in `findings\.0`$/],
    ['a count of zero', good.replace('"count": 2}', '"count": 0}'), /^\.oep45-baseline\.json:6:\d+: `findings\.0\.count` must be >= 1$/],
    ['a rule that is not a rule id', good.replace('"OEP45-D013"', '"D013"'), /^\.oep45-baseline\.json:6:\d+: `findings\.0\.rule` must match/],
    ['no findings list', '{"version": 1, "fingerprints": "oep45/v1"}\n', /^\.oep45-baseline\.json:1:1: the document is missing the required key `findings`$/],
    ['a list instead of an object', '[]\n', /^\.oep45-baseline\.json:1:1: the document must be a mapping$/],
    ['a duplicate key', good.replace('"count": 2}', '"count": 2, "count": 3}'), /^\.oep45-baseline\.json:6:\d+: invalid YAML: Map keys must be unique/],
    ['the same finding twice', good.replace(lines[7]!, `${lines[6]}\n${lines[7]}`), /^\.oep45-baseline\.json:8: OEP45-O001 in docs\/operations is listed twice \(also on line 7\); the baseline lists each once, with a count/],
    ['the same finding twice, with content', good.replace(lines[6]!, `${lines[5]}\n${lines[6]}`), /^\.oep45-baseline\.json:7: OEP45-D013 in Dockerfile on "RUN pip3 install -r requirements\/production\.txt" is listed twice \(also on line 6\)/],
  ];
  it.each(cases)('%s', (_name, text, error) => {
    expect(errorOf(text)).toMatch(error);
  });
});
