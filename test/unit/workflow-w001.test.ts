import { describe, expect, it } from 'vitest';
import { w001UsesPinned } from '../../src/checks/workflows/w001-uses-pinned.js';
import { classifyUses } from '../../src/checks/workflows/uses-ref.js';
import { runRule, where, workflow } from '../helpers/workflow-rule.js';

const SHA = '08c6903cd8c0fde910a37f88322edcfb5dd907a8';
const DIGEST = 'sha256:' + 'a'.repeat(64);

describe('classifyUses', () => {
  const cases: Array<[string, string]> = [
    [`actions/checkout@${SHA}`, 'sha'],
    [`actions/checkout@${SHA.toUpperCase()}`, 'sha'],
    ['actions/checkout@v5', 'ref'],
    ['actions/checkout@main', 'ref'],
    [`actions/checkout@${SHA.slice(0, 12)}`, 'ref'],
    ['actions/checkout', 'no-ref'],
    [`octo/repo/.github/workflows/x.yml@${SHA}`, 'sha'],
    ['octo/repo/.github/workflows/x.yml@v1', 'ref'],
    ['./', 'local'],
    ['./.github/actions/setup', 'local'],
    ['$/.github/actions/setup', 'local'],
    [`docker://alpine@${DIGEST}`, 'docker-digest'],
    ['docker://alpine:3.20', 'docker-tag'],
  ];
  it.each(cases)('%s is %s', (uses, kind) => {
    expect(classifyUses(uses).kind).toBe(kind);
  });
});

describe('OEP45-W001 uses pinned to a full SHA', () => {
  const cases: Array<{ name: string; jobs: string; expect: string[] }> = [
    { name: 'a SHA pin passes', jobs: `  a:\n    runs-on: x\n    steps:\n      - uses: actions/checkout@${SHA} # v5.0.0\n`, expect: [] },
    { name: 'a tag is reported at its line', jobs: `  a:\n    runs-on: x\n    steps:\n      - run: true\n      - uses: actions/checkout@v5\n`, expect: ['.github/workflows/ci.yml:8:warning'] },
    { name: 'no ref at all', jobs: '  a:\n    runs-on: x\n    steps:\n      - uses: actions/checkout\n', expect: ['.github/workflows/ci.yml:7:warning'] },
    { name: 'a reusable workflow by tag', jobs: '  a:\n    uses: octo/repo/.github/workflows/x.yml@v1\n', expect: ['.github/workflows/ci.yml:5:warning'] },
    { name: 'local actions and workflows pass', jobs: '  a:\n    uses: ./.github/workflows/x.yml\n  b:\n    runs-on: x\n    steps:\n      - uses: ./\n      - uses: $/.github/actions/y\n', expect: [] },
    { name: 'a Docker image by digest passes', jobs: `  a:\n    runs-on: x\n    steps:\n      - uses: docker://alpine@${DIGEST}\n`, expect: [] },
    { name: 'a Docker image by tag fails', jobs: '  a:\n    runs-on: x\n    steps:\n      - uses: docker://alpine:3.20\n', expect: ['.github/workflows/ci.yml:7:warning'] },
  ];
  it.each(cases)('$name', async (c) => {
    expect(where(await runRule(w001UsesPinned, workflow(c.jobs)))).toEqual(c.expect);
  });

  it('names the ref in the message and audits every workflow file of the folder', async () => {
    const findings = await runRule(w001UsesPinned, {
      '.github/workflows/a.yml': workflow('  a:\n    runs-on: x\n    steps:\n      - uses: actions/setup-node@v4\n'),
      '.github/workflows/b.yaml': workflow('  a:\n    runs-on: x\n    steps:\n      - uses: actions/checkout@main\n'),
      '.github/workflows/notes.txt': 'uses: actions/checkout@main\n',
    });
    expect(findings.map((f) => f.file)).toEqual(['.github/workflows/a.yml', '.github/workflows/b.yaml']);
    expect(findings[0]!.message).toContain('`v4`');
    expect(findings[0]!.rule).toBe('OEP45-W001');
  });

  it('audits the folder named by `workflows:` in .oep45.yml', async () => {
    const findings = await runRule(w001UsesPinned, {
      '.oep45.yml': 'workflows: ci/workflows\n',
      'ci/workflows/x.yml': workflow('  a:\n    runs-on: x\n    steps:\n      - uses: actions/checkout@v5\n'),
      '.github/workflows/y.yml': workflow('  a:\n    runs-on: x\n    steps:\n      - uses: actions/checkout@v5\n'),
    });
    expect(findings.map((f) => f.file)).toEqual(['ci/workflows/x.yml']);
  });

  it('leaves a file that is not valid YAML to GitHub', async () => {
    expect(await runRule(w001UsesPinned, 'on: [push\njobs: {}\n')).toEqual([]);
  });
});
