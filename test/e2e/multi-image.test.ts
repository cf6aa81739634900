// examples/multi-image, a repository of Dockerfiles described by images-data.json, as the
// reusable workflow sees it: the CLI and the action plan one build leg per image × platform
// (arm64 on the arm runner) with each image's build arguments carried through; the checks pass.
// Its images build for real in multi-image-builds.test.ts.

import { describe, expect, it } from 'vitest';
import { runAction, runCliProcess } from '../helpers/action.js';

const EXAMPLE = 'examples/multi-image';
const SHA = '0123456789abcdef0123456789abcdef01234567';
const MASTER_PUSH = ['--event', 'push', '--ref', 'refs/heads/master', '--sha', SHA, '--default-branch', 'master'];

interface PlannedImage {
  name: string;
  dockerfile: string;
  target?: string;
  platforms: string[];
  buildArgs: Record<string, string>;
  tags: string[];
  owner?: string;
}

const LEGS = [
  ['credentials-dev', 'linux/amd64', 'ubuntu-24.04'],
  ['credentials-dev', 'linux/arm64', 'ubuntu-24.04-arm'],
  ['notes-dev', 'linux/amd64', 'ubuntu-24.04'],
  ['lms-dev', 'linux/amd64', 'ubuntu-24.04'],
  ['lms-dev', 'linux/arm64', 'ubuntu-24.04-arm'],
  ['cms-dev', 'linux/amd64', 'ubuntu-24.04'],
  ['cms-dev', 'linux/arm64', 'ubuntu-24.04-arm'],
];

describe('examples/multi-image', () => {
  it('`oep45 plan --format json` plans one leg per image × platform, build args carried through', async () => {
    const run = await runCliProcess(['plan', EXAMPLE, '--format', 'json', ...MASTER_PUSH]);
    expect(run.code, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout) as { images: PlannedImage[]; matrix: { include: Array<{ image: string; platform: string; runner: string; slug: string }> } };
    expect(out.matrix.include.map((l) => [l.image, l.platform, l.runner])).toEqual(LEGS);
    expect(new Set(out.matrix.include.map((l) => l.slug)).size).toBe(LEGS.length);

    const byName = Object.fromEntries(out.images.map((i) => [i.name, i]));
    expect(byName['lms-dev']).toMatchObject({
      dockerfile: 'dockerfiles/edx-platform.Dockerfile',
      target: 'development',
      buildArgs: { SERVICE_VARIANT: 'lms', SERVICE_PORT: '18000' },
      owner: 'platform-maintainers@example.org',
    });
    expect(byName['cms-dev']!.buildArgs).toEqual({ SERVICE_VARIANT: 'cms', SERVICE_PORT: '18010' });
    expect(byName['credentials-dev']!.buildArgs).toEqual({});
    expect(byName['notes-dev']!.platforms).toEqual(['linux/amd64']);
    expect(byName['lms-dev']!.tags).toContain('docker.io/openedx/lms-dev:latest');
  });

  it('the action outputs the matrix and the per-image entries, with runner labels from `runners`', async () => {
    const run = await runAction({
      inputs: { mode: 'plan', 'working-directory': EXAMPLE, runners: 'linux/arm64=arm-large\n*=x86-large' },
      ref: 'refs/heads/master',
      sha: SHA,
    });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const matrix = JSON.parse(run.outputs.matrix!) as { include: Array<{ image: string; platform: string; runner: string }> };
    expect(matrix.include.map((l) => [l.image, l.platform, l.runner])).toEqual(LEGS.map(([i, p]) => [i, p, p === 'linux/arm64' ? 'arm-large' : 'x86-large']));
    const images = JSON.parse(run.outputs['image-matrix']!) as { include: Array<{ image: string; subject: string; owner: string; platforms: string[] }> };
    expect(images.include.map((i) => [i.image, i.subject, i.owner])).toEqual([
      ['credentials-dev', 'index.docker.io/openedx/credentials-dev', 'credentials-maintainers@example.org'],
      ['notes-dev', 'index.docker.io/openedx/notes-dev', ''],
      ['lms-dev', 'index.docker.io/openedx/lms-dev', 'platform-maintainers@example.org'],
      ['cms-dev', 'index.docker.io/openedx/cms-dev', 'platform-maintainers@example.org'],
    ]);
  });

  it('a build leg plans only its own image and platform', async () => {
    const run = await runCliProcess(['plan', EXAMPLE, '--format', 'json', '--only', 'lms-dev', '--platform', 'linux/arm64', ...MASTER_PUSH]);
    expect(run.code, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout) as { images: PlannedImage[]; matrix: { include: unknown[] } };
    expect(out.images.map((i) => [i.name, i.platforms, i.buildArgs])).toEqual([['lms-dev', ['linux/arm64'], { SERVICE_VARIANT: 'lms', SERVICE_PORT: '18000' }]]);
    expect(out.matrix.include).toHaveLength(1);
  });

  it('passes every check with no error, its own workflow included', async () => {
    const run = await runCliProcess(['check', EXAMPLE, '--format', 'json']);
    expect(run.code, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout) as { findings: Array<{ rule: string; severity: string }>; summary: { errors: number } };
    expect(out.summary.errors).toBe(0);
    expect(out.findings.filter((f) => f.rule.startsWith('OEP45-W'))).toEqual([]);
  });
});
