// A legacy module's undocumented settings are one notice, whose members the baseline counts one by
// one: the group is split into its new and known parts, and its parts on and off a pull request's
// changed lines, each said in the same words.
import { describe, expect, it } from 'vitest';
import { rawGroup, splitGroups, undocumentedMessage } from '../../src/checks/finding-groups.js';
import { flatFindings, type Finding } from '../../src/model/finding.js';

function member(name: string, line: number, state?: 'new' | 'unchanged'): Finding {
  return { rule: 'OEP45-S008', severity: 'notice', message: `setting ${name} is not documented`, file: 'svc/settings/base.py', line, help: 'h', subject: name, ...(state ? { baselineState: state } : {}) };
}

function group(members: Finding[]): Finding {
  return { ...members[0]!, message: undocumentedMessage(members), members };
}

describe('undocumented settings as one finding', () => {
  it.each([
    [[['A', 3]], 'setting A is not documented'],
    [[['A', 3], ['B', 9]], '2 settings are not documented: A (line 3), B (line 9)'],
    [Array.from({ length: 14 }, (_, i) => [`S${i}`, i + 1]), `14 settings are not documented: ${Array.from({ length: 12 }, (_, i) => `S${i} (line ${i + 1})`).join(', ')} and 2 more`],
  ] as [Array<[string, number]>, string][])('%j → %s', (members, message) => {
    expect(undocumentedMessage(members.map(([subject, line]) => ({ subject, line })))).toBe(message);
  });

  it('a group of one is the finding itself; a larger one keeps its members at the first one\'s line', () => {
    const one = { message: 'setting A is not documented', file: 'f.py', line: 3, subject: 'A' };
    expect(rawGroup('OEP45-S008', [one])).toBe(one);
    const made = rawGroup('OEP45-S008', [one, { message: 'setting B is not documented', file: 'f.py', line: 9, column: 1, subject: 'B' }]);
    expect(made).toMatchObject({ message: '2 settings are not documented: A (line 3), B (line 9)', line: 3, file: 'f.py' });
    expect(made.members).toHaveLength(2);
  });
});

describe('splitGroups', () => {
  const cases: { name: string; members: Finding[]; changed: number[]; parts: Array<[string, string | undefined]> }[] = [
    { name: 'all known, nothing changed: one group, known', members: [member('A', 3, 'unchanged'), member('B', 9, 'unchanged')], changed: [], parts: [['2 settings are not documented: A (line 3), B (line 9)', 'unchanged']] },
    { name: 'one new among known: the new one alone, first', members: [member('A', 3, 'unchanged'), member('B', 9, 'new'), member('C', 12, 'unchanged')], changed: [], parts: [['setting B is not documented', 'new'], ['2 settings are not documented: A (line 3), C (line 12)', 'unchanged']] },
    { name: 'no baseline, two on changed lines: those two first', members: [member('A', 3), member('B', 9), member('C', 12)], changed: [9, 12], parts: [['2 settings are not documented: B (line 9), C (line 12)', undefined], ['setting A is not documented', undefined]] },
    { name: 'new on changed lines before new elsewhere before known', members: [member('A', 3, 'new'), member('B', 9, 'new'), member('C', 12, 'unchanged')], changed: [9], parts: [['setting B is not documented', 'new'], ['setting A is not documented', 'new'], ['setting C is not documented', 'unchanged']] },
  ];
  it.each(cases)('$name', ({ members, changed, parts }) => {
    const findings = [group(members), member('OTHER', 1)];
    const split = splitGroups(findings, (f) => changed.includes(f.line));
    expect(split.slice(0, -1).map((f) => [f.message, f.baselineState])).toEqual(parts);
    // every member is still there, once
    expect(flatFindings(split).map((f) => f.subject).sort()).toEqual([...members.map((m) => m.subject), 'OTHER'].sort());
  });
});
