// The bundled action, spawned as the runner spawns it.
import { beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT, runAction } from '../helpers/action.js';

const SAMPLE = join(REPO_ROOT, 'examples/sample-ida');

describe('node dist/index.js', () => {
  let brokenDir: string;
  beforeAll(() => {
    brokenDir = mkdtempSync(join(tmpdir(), 'oep45-broken-'));
    cpSync(SAMPLE, brokenDir, { recursive: true });
    writeFileSync(join(brokenDir, '.oep45.yml'), 'name: sample-ida\nimages:\n  - name: sample-ida\n    platfroms: [linux/amd64]\n');
  });

  it('in check mode writes findings and counts to GITHUB_OUTPUT and a summary to GITHUB_STEP_SUMMARY', async () => {
    const run = await runAction({ inputs: { mode: 'check', 'working-directory': 'examples/sample-ida' } });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const findings = JSON.parse(run.outputs.findings ?? 'null') as unknown[];
    expect(Array.isArray(findings)).toBe(true);
    expect(run.outputs.errors).toBe('0');
    expect(JSON.parse(run.outputs.summary ?? '{}')).toMatchObject({ errors: 0 });
    expect(run.summary).toContain('## OEP-45 · sample-ida');
    expect(run.summary).toMatch(/\*\*Checks:\*\* 0 errors/);
    expect(run.outputs.result).toBe('success');
  });

  it('fails with one line naming file:line:column when .oep45.yml is invalid, annotated on that line', async () => {
    const run = await runAction({ inputs: { mode: 'check' }, cwd: brokenDir });
    expect(run.code).toBe(1);
    const errors = run.stdout.split('\n').filter((l) => l.startsWith('::error'));
    expect(errors).toEqual(['::error title=oep45,file=.oep45.yml,line=4,col=5::.oep45.yml:4:5: unknown key `platfroms` in `images.0`']);
    expect(run.stdout + run.stderr).not.toMatch(/\n\s+at /);
  });

  it('reads hyphenated inputs (INPUT_FAIL-ON) and refuses a bad value by name', async () => {
    const run = await runAction({ inputs: { mode: 'check', 'working-directory': 'examples/sample-ida', 'fail-on': 'sometimes' } });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('::error::fail-on: "sometimes" must be one of error, warning, never, new');
  });

  it('annotates findings with the file path relative to the workspace', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'oep45-nodocker-'));
    writeFileSync(join(dir, 'README.md'), 'nothing here\n');
    const run = await runAction({ inputs: { mode: 'check', 'fail-on': 'never' }, cwd: dir, env: { GITHUB_WORKSPACE: dir } });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/::error title=OEP45-D001,file=Dockerfile::no Dockerfile found/);
  });

  it('in plan mode writes the images JSON and the tags list', async () => {
    const run = await runAction({ inputs: { mode: 'plan', 'working-directory': 'examples/sample-ida' }, ref: 'refs/heads/master' });
    expect(run.code, run.stdout).toBe(0);
    const images = JSON.parse(run.outputs.images ?? '[]') as Array<{ name: string; tags: string[]; status: string }>;
    expect(images.map((i) => i.name)).toEqual(['sample-ida', 'sample-ida-dev']);
    expect(images[0]!.status).toBe('planned');
    expect(run.outputs.tags?.split('\n')).toContain('docker.io/openedx/sample-ida:latest');
  });
});
