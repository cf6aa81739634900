// The reusable workflow's own scripts, taken out of .github/workflows/oep45-images.yml and run by
// bash (with jq) exactly as the runner runs a `run:` step: `bash --noprofile --norc -eo pipefail`,
// the step's env (here with the values GitHub would fill in), GITHUB_OUTPUT and
// GITHUB_STEP_SUMMARY files. They hand digests from the build legs to the merge job and write
// the one summary of the run, naming the owning team of each failed image.

import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseOutputFile } from '../helpers/action.js';
import { stepScript } from '../helpers/workflow-files.js';

interface StepRun {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
}

function runStep(job: string, name: string, env: Record<string, string>): StepRun {
  const { run, env: declared } = stepScript(job, name);
  // Only variables the step declares may be given: the test cannot feed it what GitHub would not.
  for (const key of Object.keys(env)) expect(Object.keys(declared), `${name} declares ${key}`).toContain(key);
  const dir = mkdtempSync(join(tmpdir(), 'oep45-step-'));
  const script = join(dir, 'step.sh');
  writeFileSync(script, run);
  writeFileSync(join(dir, 'output'), '');
  writeFileSync(join(dir, 'summary'), '');
  const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], {
    env: { PATH: process.env.PATH, GITHUB_OUTPUT: join(dir, 'output'), GITHUB_STEP_SUMMARY: join(dir, 'summary'), ...env },
    encoding: 'utf8',
  });
  return {
    code: r.status ?? 1,
    stdout: r.stdout,
    stderr: r.stderr,
    outputs: parseOutputFile(readFileSync(join(dir, 'output'), 'utf8')),
    summary: readFileSync(join(dir, 'summary'), 'utf8'),
  };
}

const D = (c: string): string => `sha256:${c.repeat(64)}`;

/** Folders laid out as actions/download-artifact leaves them: one folder per artifact. */
function artifacts(kind: 'leg' | 'merged', items: object[]): string {
  const root = mkdtempSync(join(tmpdir(), `oep45-${kind}s-`));
  items.forEach((item, i) => {
    mkdirSync(join(root, `oep45-${kind}-${i}`));
    writeFileSync(join(root, `oep45-${kind}-${i}`, `${kind}.json`), JSON.stringify(item));
  });
  return root;
}

function leg(image: string, platform: string, outcome: string, digest = '', seconds = 10): object {
  return { image, platform, outcome, digest, result: outcome === 'success' ? { name: image, status: 'built', seconds, digest } : null };
}

describe('build leg: Record this leg', () => {
  it('writes what the merge and report jobs read', () => {
    const out = mkdtempSync(join(tmpdir(), 'oep45-leg-'));
    const images = JSON.stringify([{ name: 'lms-dev', status: 'built', seconds: 42, digest: D('a'), tags: [] }]);
    const r = runStep('build', 'Record this leg', { IMAGE: 'lms-dev', PLATFORM: 'linux/arm64', OUTCOME: 'success', DIGEST: D('a'), IMAGES: images, OUT: out });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'leg.json'), 'utf8'))).toEqual({
      image: 'lms-dev',
      platform: 'linux/arm64',
      outcome: 'success',
      digest: D('a'),
      result: { name: 'lms-dev', status: 'built', seconds: 42, digest: D('a'), tags: [] },
    });
  });

  it('records a leg whose action failed before it set any output', () => {
    const out = mkdtempSync(join(tmpdir(), 'oep45-leg-'));
    const r = runStep('build', 'Record this leg', { IMAGE: 'lms-dev', PLATFORM: 'linux/amd64', OUTCOME: 'failure', DIGEST: '', IMAGES: '', OUT: out });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'leg.json'), 'utf8'))).toMatchObject({ outcome: 'failure', digest: '', result: null });
  });
});

describe('merge: Collect one digest per platform', () => {
  const PLATFORMS = JSON.stringify(['linux/amd64', 'linux/arm64']);

  it('gives the action one digest per line, in the order of the platforms', () => {
    const legs = artifacts('leg', [leg('lms-dev', 'linux/arm64', 'success', D('b')), leg('lms-dev', 'linux/amd64', 'success', D('a'))]);
    const r = runStep('merge', 'Collect one digest per platform', { IMAGE: 'lms-dev', PLATFORMS, LEGS: legs });
    expect(r.code, r.stderr).toBe(0);
    expect(r.outputs.digests).toBe(`${D('a')}\n${D('b')}`);
  });

  const broken: Array<{ name: string; legs: object[]; missing: string }> = [
    { name: 'a failed leg', legs: [leg('lms-dev', 'linux/amd64', 'success', D('a')), leg('lms-dev', 'linux/arm64', 'failure')], missing: 'linux/arm64' },
    { name: 'a leg that never ran', legs: [leg('lms-dev', 'linux/arm64', 'success', D('b'))], missing: 'linux/amd64' },
    { name: 'a success without a digest', legs: [leg('lms-dev', 'linux/amd64', 'success', ''), leg('lms-dev', 'linux/arm64', 'success', D('b'))], missing: 'linux/amd64' },
  ];
  it.each(broken)('refuses to publish a partial image: $name', (c) => {
    const r = runStep('merge', 'Collect one digest per platform', { IMAGE: 'lms-dev', PLATFORMS, LEGS: artifacts('leg', c.legs) });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(new RegExp(`^::error title=lms-dev not published::no image for ${c.missing}`, 'm'));
    expect(r.outputs.digests).toBeUndefined();
  });
});

describe('merge: Record the published image, then attest: Read its digest', () => {
  it('hands the index digest to the attest job', () => {
    const out = mkdtempSync(join(tmpdir(), 'oep45-merged-'));
    const images = JSON.stringify([{ name: 'lms-dev', digest: D('c'), tags: ['docker.io/openedx/lms-dev:latest'] }]);
    const rec = runStep('merge', 'Record the published image', { IMAGE: 'lms-dev', OUTCOME: 'success', DIGEST: D('c'), IMAGES: images, OUT: out });
    expect(rec.code, rec.stderr).toBe(0);
    const read = runStep('attest', 'Read its digest', { MERGED: out });
    expect(read.code, read.stderr).toBe(0);
    expect(read.outputs.digest).toBe(D('c'));
  });

  it('attests nothing for an image whose merge failed or never ran', () => {
    const failed = mkdtempSync(join(tmpdir(), 'oep45-merged-'));
    runStep('merge', 'Record the published image', { IMAGE: 'lms-dev', OUTCOME: 'failure', DIGEST: '', IMAGES: '', OUT: failed });
    expect(runStep('attest', 'Read its digest', { MERGED: failed }).outputs.digest).toBe('');
    expect(runStep('attest', 'Read its digest', { MERGED: join(failed, 'absent') }).outputs.digest).toBe('');
  });
});

describe('report: Summarize, and name the owning team of each failed image', () => {
  const STEP = 'Summarize, and name the owning team of each failed image';
  const plan = [
    { name: 'credentials-dev', platforms: ['linux/amd64', 'linux/arm64'], tags: ['docker.io/openedx/credentials-dev:latest'], owner: 'credentials-maintainers@example.org' },
    { name: 'notes-dev', platforms: ['linux/amd64'], tags: ['docker.io/openedx/notes-dev:latest'] },
    { name: 'lms-dev', platforms: ['linux/amd64', 'linux/arm64'], tags: ['docker.io/openedx/lms-dev:latest', 'docker.io/openedx/lms-dev:master'], owner: 'platform-maintainers@example.org' },
  ];
  const legs = [
    leg('credentials-dev', 'linux/amd64', 'success', D('1'), 30),
    leg('credentials-dev', 'linux/arm64', 'failure'),
    leg('notes-dev', 'linux/amd64', 'success', D('2'), 12),
    leg('lms-dev', 'linux/amd64', 'success', D('3'), 300),
    leg('lms-dev', 'linux/arm64', 'success', D('4'), 280),
  ];

  it('publishing run: one table, and an error naming the owning team of each failed image', () => {
    const merged = [
      { image: 'lms-dev', outcome: 'success', digest: D('9'), result: { tags: ['docker.io/openedx/lms-dev:latest', 'docker.io/openedx/lms-dev:master'] } },
      { image: 'notes-dev', outcome: 'failure', digest: '', result: null },
    ];
    const r = runStep('report', STEP, {
      PLAN: JSON.stringify(plan),
      PLAN_RESULT: 'success',
      PUBLISH: 'true',
      ATTEST_RESULT: 'success',
      LEGS: artifacts('leg', legs),
      MERGED: artifacts('merged', merged),
    });
    expect(r.code, r.stderr).toBe(0);
    const images = JSON.parse(r.outputs.images!) as Array<{ name: string; status: string; digest: string; seconds: number; reason: string }>;
    expect(images.map((i) => [i.name, i.status, i.digest, i.seconds])).toEqual([
      ['credentials-dev', 'failed', '', 30],
      ['notes-dev', 'failed', '', 12],
      ['lms-dev', 'published', D('9'), 580],
    ]);
    expect(r.stdout.trim().split('\n')).toEqual([
      '::error title=credentials-dev failed::credentials-dev: its build failed or did not run on linux/arm64. Owning team: credentials-maintainers@example.org.',
      '::error title=notes-dev failed::notes-dev: joining its platforms into one image and tagging it failed. No owning team is configured (owning_team_email in images-data.json, owner in .oep45.yml).',
    ]);
    expect(r.summary).toContain('| Image | Status | Platforms | Digest | Tags | Build time |');
    expect(r.summary).toContain(`| lms-dev | ✅ published | linux/amd64 (built, 300 s)<br>linux/arm64 (built, 280 s) | \`${D('9')}\` | \`docker.io/openedx/lms-dev:latest\`<br>\`docker.io/openedx/lms-dev:master\` | 580 s |`);
    expect(r.summary).toContain('| credentials-dev | ❌ failed |');
    expect(r.summary).toContain('* **credentials-dev**: its build failed or did not run on linux/arm64. Owning team: credentials-maintainers@example.org.');
    expect(r.summary).toContain('Build provenance is attested');
  });

  it('pull request run: built, nothing pushed, no merge expected', () => {
    const ok = legs.filter((l) => (l as { outcome: string }).outcome === 'success');
    const r = runStep('report', STEP, {
      PLAN: JSON.stringify(plan.slice(1)),
      PLAN_RESULT: 'success',
      PUBLISH: 'false',
      ATTEST_RESULT: 'skipped',
      LEGS: artifacts('leg', ok),
      MERGED: join(tmpdir(), 'oep45-no-such-folder'),
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    expect((JSON.parse(r.outputs.images!) as Array<{ status: string }>).map((i) => i.status)).toEqual(['built', 'built']);
    expect(r.summary).toContain('nothing was pushed');
    expect(r.summary).not.toContain('Failures');
  });

  it('a run whose checks failed says so and lists nothing', () => {
    const r = runStep('report', STEP, { PLAN: '', PLAN_RESULT: 'failure', PUBLISH: '', ATTEST_RESULT: 'skipped', LEGS: '/nonexistent', MERGED: '/nonexistent' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.summary).toContain('The checks or the plan failed');
    expect(r.outputs.images).toBe('[]');
  });

  it('escapes what would break a workflow command', () => {
    const odd = [{ name: 'x', platforms: ['linux/amd64'], tags: [], owner: 'a%b,c:d\nnext' }];
    const r = runStep('report', STEP, { PLAN: JSON.stringify(odd), PLAN_RESULT: 'success', PUBLISH: 'false', ATTEST_RESULT: 'skipped', LEGS: '/nonexistent', MERGED: '/nonexistent' });
    expect(r.stdout.trim()).toBe('::error title=x failed::x: its build failed or did not run on linux/amd64. Owning team: a%25b,c:d%0Anext.');
  });
});
