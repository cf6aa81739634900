// Our own W-rules on every workflow this repository ships or runs: not one finding, of any
// severity. And the audit works end to end: a copy with one bad line added, checked by the
// bundled CLI as an IDA would run `oep45 check`, reports that line's rule.

import { describe, expect, it } from 'vitest';
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { loadProject } from '../../src/config/load-project.js';
import { createCheckContext } from '../../src/checks/context.js';
import { runChecks } from '../../src/checks/run-checks.js';
import { WORKFLOW_RULES } from '../../src/checks/workflows/index.js';
import type { Finding } from '../../src/model/finding.js';
import { REPO_ROOT, runCliProcess } from '../helpers/action.js';
import { readRepoFile, REUSABLE, workflowFilesIn, workflowFolders } from '../helpers/workflow-files.js';

async function audit(folder: string): Promise<Finding[]> {
  const project = { ...loadProject({ mode: 'check', dir: REPO_ROOT, event: {}, secrets: [], credentials: [] }), workflowsDir: folder };
  return (await runChecks(createCheckContext(project), WORKFLOW_RULES)).findings;
}

describe('our workflows pass our own audit', () => {
  it.each(workflowFolders())('%s: no finding', async (folder) => {
    expect(workflowFilesIn(folder).length).toBeGreaterThan(0);
    const findings = await audit(folder);
    expect(findings.map((f) => `${f.file}:${f.line} ${f.rule} ${f.message}`)).toEqual([]);
  });

  it('every rule ran', async () => {
    const project = { ...loadProject({ mode: 'check', dir: REPO_ROOT, event: {}, secrets: [], credentials: [] }), workflowsDir: 'workflows' };
    const outcome = await runChecks(createCheckContext(project), WORKFLOW_RULES);
    expect(outcome.rulesRun).toEqual(['OEP45-W001', 'OEP45-W002', 'OEP45-W003', 'OEP45-W004', 'OEP45-W005', 'OEP45-W006', 'OEP45-W007', 'OEP45-W008']);
  });
});

describe('a bad line added to a copy is caught by `oep45 check`', () => {
  const reusable = readRepoFile(REUSABLE);
  const nightly = readRepoFile('workflows/nightly.yml');
  const CHECKOUT = 'actions/checkout@08c6903cd8c0fde910a37f88322edcfb5dd907a8 # v5.0.0';
  // `at`: the text on the line the finding must point at (its first occurrence in the bad copy).
  const cases: Array<{ name: string; file: string; text: string; from: string | RegExp; to: string; rule: string; severity: string; at: string }> = [
    { name: 'an action pinned to a tag', file: REUSABLE, text: reusable, from: CHECKOUT, to: 'actions/checkout@v5', rule: 'OEP45-W001', severity: 'warning', at: 'actions/checkout@v5' },
    { name: 'a pull request title pasted into a script', file: REUSABLE, text: reusable, from: '          mkdir -p "$OUT"\n', to: '          mkdir -p "$OUT"\n          echo "${{ github.event.pull_request.title }}"\n', rule: 'OEP45-W002', severity: 'error', at: 'echo "${{ github.event' },
    { name: 'no top-level permissions', file: REUSABLE, text: reusable, from: /^permissions: \{\}\n/m, to: '', rule: 'OEP45-W003', severity: 'warning', at: '\non:\n' },
    { name: 'a write permission at workflow level', file: 'workflows/nightly.yml', text: nightly, from: /^permissions: \{\}\n/m, to: 'permissions:\n  contents: write\n', rule: 'OEP45-W004', severity: 'error', at: 'contents: write' },
    { name: 'a pull_request_target trigger (the called workflow checks out the base: a warning)', file: 'workflows/pull-request.yml', text: readRepoFile('workflows/pull-request.yml'), from: 'on:\n  pull_request:\n', to: 'on:\n  pull_request_target:\n', rule: 'OEP45-W005', severity: 'warning', at: 'pull_request_target:' },
    { name: 'secrets: inherit', file: 'workflows/nightly.yml', text: nightly, from: / {4}secrets:\n( {6}.*\n)+/, to: '    secrets: inherit\n', rule: 'OEP45-W006', severity: 'error', at: 'secrets: inherit' },
    { name: 'a checkout that keeps the token', file: REUSABLE, text: reusable, from: '          path: repo\n          persist-credentials: false\n', to: '          path: repo\n', rule: 'OEP45-W007', severity: 'warning', at: CHECKOUT },
    { name: 'a SHA pin without its version', file: REUSABLE, text: reusable, from: CHECKOUT, to: 'actions/checkout@08c6903cd8c0fde910a37f88322edcfb5dd907a8', rule: 'OEP45-W008', severity: 'notice', at: 'checkout@08c6903cd8c0fde910a37f88322edcfb5dd907a8\n' },
  ];

  it.each(cases)('$name → $rule', async (c) => {
    const bad = c.text.replace(c.from, c.to);
    expect(bad, 'the mutation applies').not.toBe(c.text);
    const dir = mkdtempSync(join(tmpdir(), 'oep45-wf-audit-'));
    const target = join(dir, '.github/workflows', c.file.split('/').pop()!);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, bad);
    const run = await runCliProcess(['check', dir, '--format', 'json', '--fail-on', 'never']);
    expect(run.code, run.stderr).toBe(0);
    const findings = (JSON.parse(run.stdout) as { findings: Finding[] }).findings.filter((f) => f.rule.startsWith('OEP45-W'));
    expect(findings.map((f) => `${f.rule}:${f.severity}`)).toEqual([`${c.rule}:${c.severity}`]);
    expect(findings[0]!.file).toBe(`.github/workflows/${c.file.split('/').pop()}`);
    const at = bad.indexOf(c.at);
    expect(at).toBeGreaterThanOrEqual(0);
    // A match that starts with its line's newline points at the next line.
    expect(findings[0]!.line).toBe(bad.slice(0, at + (c.at.startsWith('\n') ? 1 : 0)).split('\n').length);
  });

  it('the same copy without the bad line has no finding', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'oep45-wf-audit-'));
    cpSync(join(REPO_ROOT, 'workflows'), join(dir, '.github/workflows'), { recursive: true });
    cpSync(join(REPO_ROOT, REUSABLE), join(dir, REUSABLE));
    const run = await runCliProcess(['check', dir, '--format', 'json', '--fail-on', 'never']);
    const findings = (JSON.parse(run.stdout) as { findings: Finding[] }).findings.filter((f) => f.rule.startsWith('OEP45-W'));
    expect(findings).toEqual([]);
  });
});
