// `kind: tool` in .oep45.yml: the rules that ask something only a service owes do not run, one
// notice (OEP45-P001) says so on the `kind:` line, and every other rule still runs and still
// finds what it finds. The same repository without the key is held to every rule.
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/checks/registry.js';
import { isServiceRule } from '../../src/checks/service-scope.js';
import { describeError, UserError } from '../../src/util/errors.js';
import { REPO_ROOT } from '../helpers/action.js';
import { contextFor, makeService } from '../helpers/service.js';
import { runChecks } from '../../src/checks/run-checks.js';

// A library-shaped repository: a settings package of its tests' own, no Dockerfile, no changelog,
// and a workflow whose checkout action is pinned to a tag (OEP45-W001).
const LIBRARY = {
  'mylib/__init__.py': '',
  'mylib/settings/base.py': 'DEBUG = False\n',
  '.github/workflows/ci.yml': [
    'name: CI',
    'on: [pull_request]',
    'permissions: {}',
    'jobs:',
    '  test:',
    '    runs-on: ubuntu-24.04',
    '    permissions:',
    '      contents: read',
    '    steps:',
    '      - uses: actions/checkout@v5',
    '        with:',
    '          persist-credentials: false',
    '',
  ].join('\n'),
};

async function check(files: Record<string, string>) {
  const outcome = await runChecks(contextFor(makeService(files)), RULES);
  return { ran: outcome.rulesRun, found: outcome.findings.map((f) => `${f.rule} ${f.severity} ${f.file}:${f.line}`) };
}

describe('kind: tool', () => {
  const cases: Array<{ name: string; yml: string | undefined; runsServiceRules: boolean; expected: string[] }> = [
    {
      name: 'no .oep45.yml: a service, held to every rule',
      yml: undefined,
      runsServiceRules: true,
      expected: ['OEP45-C001 error CHANGELOG.rst:0', 'OEP45-D001 error Dockerfile:0', 'OEP45-O001 warning docs/operations:0', 'OEP45-W001 warning .github/workflows/ci.yml:10'],
    },
    {
      name: 'kind: service says the same',
      yml: 'kind: service\n',
      runsServiceRules: true,
      expected: ['OEP45-C001 error CHANGELOG.rst:0', 'OEP45-D001 error Dockerfile:0', 'OEP45-O001 warning docs/operations:0', 'OEP45-W001 warning .github/workflows/ci.yml:10'],
    },
    {
      name: 'kind: tool: the service rules do not run, one notice on the kind line, the workflow rule still finds its line',
      yml: '# what this repository is\nname: mylib\nkind: tool\n',
      runsServiceRules: false,
      expected: ['OEP45-P001 notice .oep45.yml:3', 'OEP45-W001 warning .github/workflows/ci.yml:10'],
    },
  ];

  it.each(cases)('$name', async (c) => {
    const { ran, found } = await check({ ...LIBRARY, ...(c.yml === undefined ? {} : { '.oep45.yml': c.yml }) });
    expect(found.filter((f) => !f.startsWith('OEP45-S')).sort()).toEqual(c.expected);
    const serviceRulesRun = ran.filter((id) => isServiceRule(RULES.find((r) => r.meta.id === id)!.meta));
    if (c.runsServiceRules) expect(serviceRulesRun.length).toBeGreaterThan(10);
    else expect(serviceRulesRun).toEqual([]);
    // Everything else runs either way.
    expect(ran).toEqual(expect.arrayContaining(['OEP45-D002', 'OEP45-C002', 'OEP45-C003', 'OEP45-W001', 'OEP45-W008', 'OEP45-P001']));
  });

  it('the service rules are every settings and operations-manual rule, D001, C001 and C006', () => {
    const ids = RULES.filter((r) => isServiceRule(r.meta)).map((r) => r.meta.id);
    expect(ids.filter((id) => !/^OEP45-[SO]/.test(id))).toEqual(['OEP45-D001', 'OEP45-C001', 'OEP45-C006']);
    expect(ids.filter((id) => id.startsWith('OEP45-S')).length).toBe(RULES.filter((r) => r.meta.area === 'settings').length);
  });

  it('a tool with a changelog still has it checked', async () => {
    const { found } = await check({ ...LIBRARY, '.oep45.yml': 'kind: tool\n', 'CHANGELOG.md': '# Changelog\n\n## [1.0.0]\n\n- First.\n' });
    expect(found).toContain('OEP45-C002 error CHANGELOG.md:3');
  });

  it('any other kind is refused with its position', () => {
    const dir = makeService({ '.oep45.yml': 'name: mylib\nkind: library\n' });
    expect(() => contextFor(dir)).toThrow(UserError);
    expect(() => contextFor(dir)).toThrow(/`kind` must be one of "service", "tool"/);
    try {
      contextFor(dir);
    } catch (error) {
      expect(describeError(error)).toMatch(/^\.oep45\.yml:2:7: /);
    }
  });

  it('this repository checks itself as a tool, and passes', async () => {
    const outcome = await runChecks(contextFor(REPO_ROOT), RULES);
    expect(outcome.findings.map((f) => `${f.rule} ${f.severity}`)).toEqual(['OEP45-P001 notice']);
    expect(outcome.rulesRun).toEqual(expect.arrayContaining(['OEP45-C002', 'OEP45-C004', 'OEP45-W001']));
  });
});
