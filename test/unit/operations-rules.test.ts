// Each operations-manual rule over small services: one table per rule.
import { describe, expect, it } from 'vitest';
import { brief, makeService, runRules, type Files } from '../helpers/service.js';
import type { Rule } from '../../src/checks/rule.js';
import { OPERATIONS_RULES } from '../../src/checks/operations/index.js';
import { o001ManualExists } from '../../src/checks/operations/o001-manual-exists.js';
import { o002ManualTopics } from '../../src/checks/operations/o002-manual-topics.js';
import { o003ManualParses } from '../../src/checks/operations/o003-manual-parses.js';

const M = 'docs/operations';
const MANUAL: Files = {
  [`${M}/index.rst`]: 'Operations manual\n#################\n\nRunning the service\n*******************\n\nWeb process\n===========\n\nAsync workers\n=============\n',
  [`${M}/database/migrations.rst`]: 'Database migrations\n###################\n',
  [`${M}/tasks.rst`]: 'Maintenance tasks\n#################\n\nManagement commands\n*******************\n',
};

function service(files: Files = MANUAL): string {
  return makeService({ Dockerfile: 'FROM scratch\n', ...files });
}

function table(rule: Rule, cases: { name: string; dir: () => string; expected: string[]; messages?: RegExp[] }[]): void {
  describe(rule.meta.id, () => {
    it.each(cases)('$name', async ({ dir, expected, messages }) => {
      const findings = await runRules(dir(), [rule]);
      expect(brief(findings)).toEqual(expected);
      for (const [i, m] of (messages ?? []).entries()) expect(findings[i]?.message).toMatch(m);
    });
  });
}

table(o001ManualExists, [
  { name: 'a manual', dir: () => service(), expected: [] },
  { name: 'no manual', dir: () => service({}), expected: [`${M}:0 OEP45-O001 warning`], messages: [/no operations manual/] },
  { name: 'a folder with no RST', dir: () => service({ [`${M}/README.md`]: '# Ops\n' }), expected: [`${M}:0 OEP45-O001 warning`], messages: [/has no RST file/] },
  {
    name: 'a configured path',
    dir: () => service({ '.oep45.yml': 'name: svc\noperations:\n  path: ops\n', 'ops/index.rst': 'Ops\n###\n' }),
    expected: [],
  },
  { name: 'not a service', dir: () => makeService({ 'README.md': 'x\n' }), expected: [] },
]);

table(o002ManualTopics, [
  { name: 'every topic has a heading', dir: () => service(), expected: [] },
  {
    name: 'topics named only in passing text do not count',
    dir: () => service({ [`${M}/index.rst`]: 'Operations\n##########\n\nRun gunicorn and celery workers; run migrations, maintenance tasks and management commands.\n' }),
    expected: Array(5).fill(`${M}/index.rst:0 OEP45-O002 warning`),
    messages: [/web process/, /async workers/, /migrations/, /maintenance tasks/, /management commands/],
  },
  {
    name: 'one topic missing',
    dir: () => service({ ...MANUAL, [`${M}/tasks.rst`]: 'Management commands\n###################\n' }),
    expected: [`${M}/index.rst:0 OEP45-O002 warning`],
    messages: [/no section on maintenance tasks/],
  },
  { name: 'no manual: O001 reports it', dir: () => service({}), expected: [] },
]);

table(o003ManualParses, [
  { name: 'clean titles', dir: () => service(), expected: [] },
  {
    name: 'a short underline and a mismatched overline',
    dir: () => service({ ...MANUAL, [`${M}/tasks.rst`]: 'Maintenance tasks\n#########\n\n=========\nCommands\n---------\n' }),
    expected: [`${M}/tasks.rst:2 OEP45-O003 warning`, `${M}/tasks.rst:6 OEP45-O003 warning`],
  },
  { name: 'binary junk', dir: () => service({ ...MANUAL, [`${M}/junk.rst`]: Buffer.from([0x00, 0xff, 0x0a]) }), expected: [`${M}/junk.rst:1 OEP45-O003 warning`] },
]);

describe('operations rules together', () => {
  it('list O001 to O003 in order', () => {
    expect(OPERATIONS_RULES.map((r) => r.meta.id)).toEqual(['OEP45-O001', 'OEP45-O002', 'OEP45-O003']);
  });
});
