// The reusable workflows' own scripts, taken out of .github/workflows/oep45-images.yml and
// oep45-image.yml and run by bash (with jq) as the runner runs a `run:` step, on sample artifacts:
// naming a call's artifacts, the QEMU decision, recording a leg and a merge (never a registry's
// error text), collecting the digests (never a partial image, never after the artifacts expired)
// and the run's one summary (HTML escaped, every large value read from files).

import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REUSABLE_IMAGE } from '../helpers/workflow-files.js';
import { runStep } from '../helpers/workflow-step.js';

const D = (c: string): string => `sha256:${c.repeat(64)}`;
const IMAGE = { file: REUSABLE_IMAGE };

/** Folders laid out as actions/download-artifact leaves them: one folder per artifact. */
function artifacts(kind: 'leg' | 'merged', items: object[]): string {
  const root = mkdtempSync(join(tmpdir(), `oep45-${kind}s-`));
  items.forEach((item, i) => {
    mkdirSync(join(root, `ns-${kind}-${i}`));
    writeFileSync(join(root, `ns-${kind}-${i}`, `${kind}.json`), JSON.stringify(item));
  });
  return root;
}

function leg(image: string, platform: string, outcome: string, digest = '', seconds = 10, status = 'built'): object {
  return { image, platform, outcome, digest, status: outcome === 'success' ? status : null, seconds: outcome === 'success' ? seconds : null };
}

describe('plan: Name this call\'s artifacts', () => {
  const STEP = "Name this call's artifacts";
  const inputs = (images: string): string => JSON.stringify({ 'working-directory': '.', images, push: true });

  it('derives the names from the call\'s inputs: two calls in one run differ, the same call is stable', async () => {
    const a = await runStep('plan', STEP, { PREFIX: '', INPUTS: inputs('lms-dev'), ATTEMPT: '1' });
    const again = await runStep('plan', STEP, { PREFIX: '', INPUTS: inputs('lms-dev'), ATTEMPT: '2' });
    const b = await runStep('plan', STEP, { PREFIX: '', INPUTS: inputs('cms-dev'), ATTEMPT: '1' });
    expect(a.code, a.stderr).toBe(0);
    expect(a.outputs.namespace).toMatch(/^oep45-[0-9a-f]{10}$/);
    expect(again.outputs.namespace).toBe(a.outputs.namespace);
    expect(b.outputs.namespace).not.toBe(a.outputs.namespace);
    // The plan artifact is named per attempt: a full re-run plans again without taking a used name.
    expect(a.outputs['plan-artifact']).toBe(`${a.outputs.namespace}-plan-1`);
    expect(again.outputs['plan-artifact']).toBe(`${a.outputs.namespace}-plan-2`);
  });

  it('takes an artifact-prefix as it is, and refuses one that is not safe in an artifact name', async () => {
    expect((await runStep('plan', STEP, { PREFIX: 'lms_images-1', INPUTS: '{}', ATTEMPT: '1' })).outputs.namespace).toBe('lms_images-1');
    const bad = await runStep('plan', STEP, { PREFIX: 'a/b:c', INPUTS: '{}', ATTEMPT: '1' });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/^::error title=artifact-prefix::artifact-prefix may hold only letters/m);
  });

  it('a second call with the same names is refused with a clear error', async () => {
    const r = await runStep('plan', 'Refuse a second call with the same artifact names', { NAMESPACE: 'oep45-0123456789', PLAN_UPLOAD: 'failure' });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('another call of this workflow in this run already uses the artifact names oep45-0123456789-*');
  });

  it('a SARIF upload that failed for want of a file is not blamed on another call', async () => {
    const r = await runStep('plan', 'Refuse a second call with the same artifact names', { NAMESPACE: 'oep45-0123456789', PLAN_UPLOAD: 'skipped' });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
  });
});

describe('build leg: Can this runner run the platform? (QEMU only where it cannot)', () => {
  const STEP = 'Can this runner run ${{ matrix.platform }}?';
  const cases: Array<[string, string, string, string]> = [
    ['X64', 'linux/amd64', 'false', 'amd64'],
    ['X64', 'linux/386', 'false', '386'],
    ['ARM64', 'linux/arm64', 'false', 'arm64'],
    ['ARM64', 'linux/arm64/v8', 'false', 'arm64'],
    ['X64', 'linux/arm64', 'true', 'arm64'],
    ['X64', 'linux/arm/v7', 'true', 'arm'],
    ['X64', 'linux/ppc64le', 'true', 'ppc64le'],
    ['X64', 'linux/s390x', 'true', 's390x'],
    ['X64', 'linux/riscv64', 'true', 'riscv64'],
    ['ARM64', 'linux/arm/v7', 'true', 'arm'],
    ['ARM64', 'linux/amd64', 'true', 'amd64'],
  ];
  it.each(cases)('%s runner, %s: QEMU %s', async (arch, platform, needed, platforms) => {
    const r = await runStep('build', STEP, { PLATFORM: platform, RUNNER_ARCH: arch }, IMAGE);
    expect(r.code, r.stderr).toBe(0);
    expect(r.outputs).toEqual({ needed, platforms });
  });
});

describe('build leg: Record this leg', () => {
  it('writes what the merge and report read, and nothing else', async () => {
    const out = mkdtempSync(join(tmpdir(), 'oep45-leg-'));
    const images = JSON.stringify([{ name: 'lms-dev', status: 'built', seconds: 42, digest: D('a'), tags: ['x'], labels: { a: 'b' } }]);
    const r = await runStep('build', 'Record this leg', { IMAGE: 'lms-dev', PLATFORM: 'linux/arm64', OUTCOME: 'success', DIGEST: D('a'), IMAGES: images, OUT: out }, IMAGE);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'leg.json'), 'utf8'))).toEqual({ image: 'lms-dev', platform: 'linux/arm64', outcome: 'success', digest: D('a'), status: 'built', seconds: 42 });
  });

  it('a failed leg: no error text from a registry travels on', async () => {
    const out = mkdtempSync(join(tmpdir(), 'oep45-leg-'));
    const images = JSON.stringify([{ name: 'lms-dev', status: 'failed', error: 'registry 127.0.0.1:5000 answered 500: you sent authorization=Basic cm9iOnMzY3JldA==' }]);
    const r = await runStep('build', 'Record this leg', { IMAGE: 'lms-dev', PLATFORM: 'linux/amd64', OUTCOME: 'failure', DIGEST: '', IMAGES: images, OUT: out }, IMAGE);
    expect(r.code, r.stderr).toBe(0);
    const text = readFileSync(join(out, 'leg.json'), 'utf8');
    expect(JSON.parse(text)).toEqual({ image: 'lms-dev', platform: 'linux/amd64', outcome: 'failure', digest: '', status: 'failed', seconds: null });
    expect(text).not.toContain('cm9i');
  });

  it('a leg whose action failed before it set any output', async () => {
    const out = mkdtempSync(join(tmpdir(), 'oep45-leg-'));
    const r = await runStep('build', 'Record this leg', { IMAGE: 'lms-dev', PLATFORM: 'linux/amd64', OUTCOME: 'failure', DIGEST: '', IMAGES: '', OUT: out }, IMAGE);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'leg.json'), 'utf8'))).toMatchObject({ outcome: 'failure', digest: '', status: null });
  });
});

describe('merge: Collect one digest per platform', () => {
  const STEP = 'Collect one digest per platform';
  const PLATFORMS = JSON.stringify(['linux/amd64', 'linux/arm64']);
  const now = (): string => String(Math.floor(Date.now() / 1000));

  it('gives the action one digest per line, in the order of the platforms', async () => {
    const legs = artifacts('leg', [leg('lms-dev', 'linux/arm64', 'success', D('b')), leg('lms-dev', 'linux/amd64', 'success', D('a'))]);
    const r = await runStep('merge', STEP, { IMAGE: 'lms-dev', PLATFORMS, LEGS: legs, PLANNED: now(), RETENTION: '7' }, IMAGE);
    expect(r.code, r.stderr).toBe(0);
    expect(r.outputs.digests).toBe(`${D('a')}\n${D('b')}`);
  });

  const broken: Array<{ name: string; legs: object[]; missing: string }> = [
    { name: 'a failed leg', legs: [leg('lms-dev', 'linux/amd64', 'success', D('a')), leg('lms-dev', 'linux/arm64', 'failure')], missing: 'linux/arm64' },
    { name: 'a leg that never ran', legs: [leg('lms-dev', 'linux/arm64', 'success', D('b'))], missing: 'linux/amd64' },
    { name: 'a success without a digest', legs: [leg('lms-dev', 'linux/amd64', 'success', ''), leg('lms-dev', 'linux/arm64', 'success', D('b'))], missing: 'linux/amd64' },
  ];
  it.each(broken)('refuses to publish a partial image: $name', async (c) => {
    const r = await runStep('merge', STEP, { IMAGE: 'lms-dev', PLATFORMS, LEGS: artifacts('leg', c.legs), PLANNED: now(), RETENTION: '7' }, IMAGE);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(new RegExp(`^::error title=lms-dev not published::no image for ${c.missing}`, 'm'));
    expect(r.outputs.digests).toBeUndefined();
  });

  it('a re-run of failed jobs after the artifacts expired is refused, saying what to do', async () => {
    const planned = String(Math.floor(Date.now() / 1000) - 8 * 86400);
    const r = await runStep('merge', STEP, { IMAGE: 'lms-dev', PLATFORMS, LEGS: join(tmpdir(), 'oep45-expired-nothing-here'), PLANNED: planned, RETENTION: '7' }, IMAGE);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('::error title=lms-dev not published::this run was planned 8 days ago and its artifacts are kept 7 days');
    expect(r.stdout).toContain('Re-run all jobs');
    expect(r.outputs.digests).toBeUndefined();
  });
});

describe('merge: Record the published image', () => {
  it('status, digest and tags only: never a registry\'s error text', async () => {
    const out = mkdtempSync(join(tmpdir(), 'oep45-merged-'));
    const images = JSON.stringify([
      { name: 'lms-dev', status: 'failed', digest: '', tags: ['docker.io/openedx/lms-dev:latest'], error: 'token service answered 500: user:s3cret', manifests: [] },
    ]);
    const r = await runStep('merge', 'Record the published image', { IMAGE: 'lms-dev', OUTCOME: 'failure', DIGEST: '', IMAGES: images, OUT: out }, IMAGE);
    expect(r.code, r.stderr).toBe(0);
    const text = readFileSync(join(out, 'merged.json'), 'utf8');
    expect(JSON.parse(text)).toEqual({ image: 'lms-dev', outcome: 'failure', digest: '', status: 'failed', tags: ['docker.io/openedx/lms-dev:latest'] });
    expect(text).not.toContain('s3cret');
  });
});

describe('report: Summarize, and name the owning team of each failed image', () => {
  const STEP = 'Summarize, and name the owning team of each failed image';
  const images = [
    { name: 'credentials-dev', platforms: ['linux/amd64', 'linux/arm64'], tags: ['docker.io/openedx/credentials-dev:latest'], owner: 'credentials-maintainers@example.org' },
    { name: 'notes-dev', platforms: ['linux/amd64'], tags: ['docker.io/openedx/notes-dev:latest'] },
    { name: 'lms-dev', platforms: ['linux/amd64', 'linux/arm64'], tags: ['docker.io/openedx/lms-dev:latest', 'docker.io/openedx/lms-dev:master'], owner: 'platform-maintainers@example.org' },
  ];
  const planFile = (list: typeof images): string => {
    const file = join(mkdtempSync(join(tmpdir(), 'oep45-plan-')), 'plan.json');
    const include = list.map((i) => ({ image: i.name, slug: i.name, subject: `index.docker.io/openedx/${i.name}`, owner: i.owner ?? '', platforms: i.platforms, legs: [] }));
    writeFileSync(file, JSON.stringify({ context: {}, images: list, matrix: { include: [] }, imageMatrix: { include } }));
    return file;
  };
  const legs = [
    leg('credentials-dev', 'linux/amd64', 'success', D('1'), 30),
    leg('credentials-dev', 'linux/arm64', 'failure'),
    leg('notes-dev', 'linux/amd64', 'success', D('2'), 12),
    leg('lms-dev', 'linux/amd64', 'success', D('3'), 300),
    leg('lms-dev', 'linux/arm64', 'success', D('4'), 280, 'reused'),
  ];
  const out = (): string => mkdtempSync(join(tmpdir(), 'oep45-report-'));

  it('publishing run: one table, an error naming the owning team of each failed image, and the report artifact', async () => {
    const merged = [
      { image: 'lms-dev', outcome: 'success', digest: D('9'), status: 'merged', tags: ['docker.io/openedx/lms-dev:latest', 'docker.io/openedx/lms-dev:master'] },
      { image: 'notes-dev', outcome: 'failure', digest: '', status: 'failed', tags: [] },
    ];
    const dir = out();
    const r = await runStep('report', STEP, {
      PLAN_FILE: planFile(images),
      PLAN_RESULT: 'success',
      PUBLISH: 'true',
      NAMESPACE: 'oep45-abc',
      LEGS: artifacts('leg', legs),
      MERGED: artifacts('merged', merged),
      OUT: dir,
    });
    expect(r.code, r.stderr).toBe(0);
    const list = JSON.parse(r.outputs.images!) as Array<{ name: string; status: string; digest: string; seconds: number; subject: string; legs: Array<{ status: string }> }>;
    expect(list.map((i) => [i.name, i.status, i.digest, i.seconds])).toEqual([
      ['credentials-dev', 'failed', '', 30],
      ['notes-dev', 'failed', '', 12],
      ['lms-dev', 'published', D('9'), 580],
    ]);
    expect(list[2]).toMatchObject({ subject: 'index.docker.io/openedx/lms-dev', legs: [{ status: 'built' }, { status: 'reused' }] });
    expect(JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'))).toEqual(list);
    expect(r.outputs.report).toBe('oep45-abc-report');
    expect(r.stdout.trim().split('\n')).toEqual([
      '::error title=credentials-dev failed::credentials-dev: its build failed or did not run on linux/arm64. Owning team: credentials-maintainers@example.org.',
      '::error title=notes-dev failed::notes-dev: joining its platforms into one image and tagging it failed. No owning team is configured (owning_team_email in images-data.json, owner in .oep45.yml).',
    ]);
    expect(r.summary).toContain('| Image | Status | Platforms | Digest | Tags | Build time |');
    expect(r.summary).toContain(`| lms-dev | ✅ published | linux/amd64 (built, 300 s)<br>linux/arm64 (reused, 280 s) | \`${D('9')}\` | \`docker.io/openedx/lms-dev:latest\`<br>\`docker.io/openedx/lms-dev:master\` | 580 s |`);
    expect(r.summary).toContain('* **credentials-dev**: its build failed or did not run on linux/arm64. Owning team: credentials-maintainers@example.org.');
  });

  it('pull request run: built, nothing pushed, no merge expected', async () => {
    const ok = legs.filter((l) => (l as { outcome: string }).outcome === 'success' && (l as { image: string }).image !== 'credentials-dev');
    const r = await runStep('report', STEP, {
      PLAN_FILE: planFile(images.slice(1)),
      PLAN_RESULT: 'success',
      PUBLISH: 'false',
      NAMESPACE: 'oep45-abc',
      LEGS: artifacts('leg', ok),
      MERGED: join(tmpdir(), 'oep45-no-such-folder'),
      OUT: out(),
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    expect((JSON.parse(r.outputs.images!) as Array<{ status: string }>).map((i) => i.status)).toEqual(['built', 'built']);
    expect(r.summary).toContain('nothing was pushed');
    expect(r.summary).not.toContain('Failures');
  });

  it('a run whose checks failed says so and lists nothing', async () => {
    const r = await runStep('report', STEP, { PLAN_FILE: '/nonexistent/plan.json', PLAN_RESULT: 'failure', PUBLISH: '', NAMESPACE: '', LEGS: '/nonexistent', MERGED: '/nonexistent', OUT: out() });
    expect(r.code, r.stderr).toBe(0);
    expect(r.summary).toContain('The checks or the plan failed');
    expect(r.outputs.images).toBe('[]');
    expect(r.outputs.report).toBeUndefined();
  });

  it('escapes what would break a workflow command, and HTML and Markdown in the summary', async () => {
    const odd = [{ name: 'x', platforms: ['linux/amd64'], tags: [], owner: 'a%b,c:d\nnext <img src=x onerror=alert(1)> *bold* [link](http://e)' }];
    const r = await runStep('report', STEP, { PLAN_FILE: planFile(odd), PLAN_RESULT: 'success', PUBLISH: 'false', NAMESPACE: 'n', LEGS: '/nonexistent', MERGED: '/nonexistent', OUT: out() });
    expect(r.stdout.trim()).toBe('::error title=x failed::x: its build failed or did not run on linux/amd64. Owning team: a%25b,c:d%0Anext <img src=x onerror=alert(1)> *bold* [link](http://e).');
    expect(r.summary).toContain('Owning team: a%b,c:d\nnext &lt;img src=x onerror=alert(1)&gt; &#42;bold&#42; &#91;link](http://e).');
    expect(r.summary).not.toContain('<img');
  });

  it('a 200-image plan: summarized from files, every variable the step gets small', async () => {
    const many = Array.from({ length: 200 }, (_, i) => ({
      name: `img-${i}`,
      platforms: ['linux/amd64'],
      tags: ['latest', 'master', 'a'.repeat(40), 'sha-aaaaaaa'].flatMap((t) => [`docker.io/openedx/img-${i}:${t}`, `ghcr.io/openedx/img-${i}:${t}`]),
      owner: 'platform-maintainers@example.org',
      labels: Object.fromEntries(Array.from({ length: 12 }, (_, j) => [`org.opencontainers.image.label-${j}`, 'x'.repeat(60)])),
    }));
    const plan = planFile(many);
    expect(readFileSync(plan, 'utf8').length).toBeGreaterThan(128 * 1024);
    const env = {
      PLAN_FILE: plan,
      PLAN_RESULT: 'success',
      PUBLISH: 'true',
      NAMESPACE: 'oep45-abc',
      LEGS: artifacts('leg', many.map((m, i) => leg(m.name, 'linux/amd64', 'success', D(String(i % 10)), 5))),
      MERGED: artifacts('merged', many.map((m, i) => ({ image: m.name, outcome: 'success', digest: D(String(i % 10)), status: 'merged', tags: m.tags }))),
      OUT: out(),
    };
    for (const value of Object.values(env)) expect(value.length).toBeLessThan(4096);
    const r = await runStep('report', STEP, env);
    expect(r.code, r.stderr).toBe(0);
    expect((JSON.parse(r.outputs.images!) as unknown[]).length).toBe(200);
    expect(r.outputs.images!.length).toBeLessThan(900_000);
  });
});
