// runChecks: every rule starts without waiting for the one before, the rules that wait for git
// first; what comes out is as if they ran one by one — findings in rule order (then sorted), the
// rules run listed in rule order, a rule that throws (at once or later) one finding, rules off
// left out.
import { afterAll, describe, expect, it } from 'vitest';
import { createCheckContext } from '../../src/checks/context.js';
import { runChecks } from '../../src/checks/run-checks.js';
import type { RawFinding, Rule } from '../../src/checks/rule.js';
import { projectAt } from '../helpers/build-fixtures.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function rule(id: string, check: Rule['check'], waits?: boolean): Rule {
  return { meta: { id, title: id, severity: 'warning', area: 'dockerfile', help: 'fix it' }, check, ...(waits ? { waits } : {}) };
}
const finding = (line: number): RawFinding[] => [{ message: `at ${line}`, file: 'Dockerfile', line }];
const later = <T>(ms: number, value: T): Promise<T> => new Promise((resolve) => setTimeout(() => resolve(value), ms));

describe('runChecks', () => {
  const root = mkdtempSync(join(tmpdir(), 'oep45-run-checks-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const ctx = () => createCheckContext({ ...projectAt(root), rules: { 'T-OFF': 'off', 'T-2': 'error' } });

  it('starts the rules that wait first, lets the others run meanwhile, and reports in rule order', async () => {
    const events: string[] = [];
    const rules = [
      rule('T-1', () => (events.push('T-1'), finding(3))),
      rule('T-2', async () => {
        events.push('T-2 starts');
        const found = await later(30, finding(1));
        events.push('T-2 ends');
        return found;
      }, true),
      rule('T-OFF', () => (events.push('T-OFF'), finding(9))),
      rule('T-3', () => (events.push('T-3'), finding(2))),
    ];
    const outcome = await runChecks(ctx(), rules);
    expect(events).toEqual(['T-2 starts', 'T-1', 'T-3', 'T-2 ends']);
    expect(outcome.rulesRun).toEqual(['T-1', 'T-2', 'T-3']);
    expect(outcome.findings.map((f) => [f.rule, f.line, f.severity])).toEqual([
      ['T-2', 1, 'error'],
      ['T-3', 2, 'warning'],
      ['T-1', 3, 'warning'],
    ]);
  });

  it('a rule marked `after` starts when the others are done, waiting ones included, and sees what they read', async () => {
    const events: string[] = [];
    const seen: string[] = [];
    const rules = [
      { ...rule('T-AFTER', (c) => (events.push('T-AFTER'), seen.push(...[...(c.files?.refusals() ?? [])].map((r) => r.file)), [])), after: true },
      rule('T-2', async (c) => {
        await later(20, undefined);
        c.readFile('../outside.txt');
        events.push('T-2 ends');
        return [];
      }, true),
      rule('T-1', () => (events.push('T-1'), [])),
    ];
    const outcome = await runChecks(ctx(), rules);
    expect(events).toEqual(['T-1', 'T-2 ends', 'T-AFTER']);
    expect(seen).toEqual(['../outside.txt']);
    expect(outcome.rulesRun).toEqual(['T-AFTER', 'T-2', 'T-1']);
  });

  it('a rule that throws, at once or after waiting, is one finding, and the others still run', async () => {
    const rules = [
      rule('T-1', () => {
        throw new Error('boom');
      }),
      rule('T-4', async () => {
        await later(5, undefined);
        throw new Error('late boom');
      }, true),
      rule('T-3', () => finding(2)),
    ];
    const outcome = await runChecks(ctx(), rules);
    expect(outcome.findings.map((f) => [f.rule, f.message])).toEqual([
      ['T-1', 'the rule could not run: boom'],
      ['T-4', 'the rule could not run: late boom'],
      ['T-3', 'at 2'],
    ]);
  });
});
