// The bundled CLI, run as a user runs it.
import { describe, expect, it } from 'vitest';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { CLI, runCliProcess } from '../helpers/action.js';
import { SARIF_SUBSET_SCHEMA } from '../helpers/sarif-schema.js';

describe('node dist/cli.js', () => {
  it('prints help with no node_modules anywhere near it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'oep45-bare-'));
    copyFileSync(CLI, join(dir, 'cli.js'));
    const run = await runCliProcess(['--help'], { cwd: dir, cli: join(dir, 'cli.js') });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^oep45 — check an Open edX service/);
    const check = await runCliProcess(['check', '.', '--format', 'json', '--fail-on', 'never'], { cwd: dir, cli: join(dir, 'cli.js') });
    expect(check.code, check.stderr).toBe(0);
    expect(JSON.parse(check.stdout).findings[0].rule).toBe('OEP45-D001');
  });

  it('check --format json prints {findings, summary:{errors, warnings}}', async () => {
    const run = await runCliProcess(['check', 'examples/sample-ida', '--format', 'json']);
    expect(run.code, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(Array.isArray(out.findings)).toBe(true);
    expect(out.summary).toMatchObject({ errors: 0, warnings: expect.any(Number) });
  });

  it('check --format sarif prints SARIF 2.1.0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'oep45-empty-'));
    const run = await runCliProcess(['check', dir, '--format', 'sarif']);
    expect(run.code).toBe(1);
    const sarif = JSON.parse(run.stdout);
    const ajv = new Ajv({ strict: false });
    const valid = ajv.validate(SARIF_SUBSET_SCHEMA, sarif);
    expect(ajv.errors ?? [], JSON.stringify(ajv.errors)).toEqual([]);
    expect(valid).toBe(true);
    expect(sarif.runs[0].results[0]).toMatchObject({ ruleId: 'OEP45-D001', level: 'error' });
  });

  it('exits 2 with one line for a usage error', async () => {
    const run = await runCliProcess(['check', '--frmat', 'json']);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^oep45: Unknown option '--frmat'/);
  });

  it('exits 1 when checks fail and 0 with --fail-on never', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'oep45-empty-'));
    expect((await runCliProcess(['check', dir])).code).toBe(1);
    expect((await runCliProcess(['check', dir, '--fail-on', 'never'])).code).toBe(0);
  });

  it('prints the version', async () => {
    const run = await runCliProcess(['--version']);
    expect(run.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
