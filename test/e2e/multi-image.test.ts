// examples/multi-image, a repository of Dockerfiles described by images-data.json, as the
// reusable workflow sees it: the CLI and the action plan one build leg per image × platform
// (arm64 on the arm runner) with each image's build arguments carried through; the checks pass;
// and each leg builds for real, from the local busybox in place of the upstream base image.

import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { runAction, runCliProcess } from '../helpers/action.js';
import { BUILDER, DOCKER, describeWithBuilder } from '../helpers/docker-engine.js';
import { BUSYBOX_IMAGE, busyboxImage } from '../helpers/base-images.js';

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

describeWithBuilder('examples/multi-image builds', () => {
  const IMAGES: Array<[string, string, string, Record<string, string>, Record<string, string>]> = [
    ['credentials-dev', 'credentials', 'dev', {}, { DJANGO_SETTINGS_MODULE: 'credentials.settings.devstack' }],
    ['notes-dev', 'notes', 'dev', {}, { DJANGO_SETTINGS_MODULE: 'notesserver.settings.devstack' }],
    ['lms-dev', 'edx-platform', 'development', { SERVICE_VARIANT: 'lms', SERVICE_PORT: '18000' }, { SERVICE_VARIANT: 'lms', SERVICE_PORT: '18000' }],
    ['cms-dev', 'edx-platform', 'development', { SERVICE_VARIANT: 'cms', SERVICE_PORT: '18010' }, { SERVICE_VARIANT: 'cms', SERVICE_PORT: '18010' }],
  ];

  it.each(IMAGES)('%s builds from its Dockerfile with its build args', (name, dockerfile, target, args, env) => {
    busyboxImage();
    // Named per builder and process: the builder projects run at the same time against one engine.
    const tag = `oep45-example/${name}:test-${BUILDER}-${process.pid}`;
    const buildArgs = Object.entries({ BASE_IMAGE: BUSYBOX_IMAGE, ...args }).flatMap(([k, v]) => ['--build-arg', `${k}=${v}`]);
    execFileSync(DOCKER, ['build', '-q', '-f', `dockerfiles/${dockerfile}.Dockerfile`, '--target', target, ...buildArgs, '-t', tag, '.'], {
      cwd: `${process.cwd()}/${EXAMPLE}`,
      env: { ...process.env, DOCKER_BUILDKIT: '1' },
      stdio: 'pipe',
    });
    try {
      const config = JSON.parse(execFileSync(DOCKER, ['image', 'inspect', tag, '--format', '{{json .Config}}'], { encoding: 'utf8' })) as { Env: string[]; User: string };
      for (const [k, v] of Object.entries(env)) expect(config.Env).toContain(`${k}=${v}`);
      expect(config.User).toBe('1000:1000');
    } finally {
      execFileSync(DOCKER, ['image', 'rm', tag], { stdio: 'pipe' });
    }
  });

  it('the action builds one leg (pull request mode: build, no push)', async () => {
    busyboxImage();
    const run = await runAction({
      inputs: { mode: 'build', 'working-directory': EXAMPLE, images: 'cms-dev', platforms: 'linux/amd64', 'build-args': `BASE_IMAGE=${BUSYBOX_IMAGE}` },
      event: { name: 'pull_request', payload: { number: 7, pull_request: { number: 7, head: { sha: SHA, repo: { fork: false } } } } },
      ref: 'refs/pull/7/merge',
      sha: SHA,
      env: { OEP45_DOCKER: DOCKER },
    });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const images = JSON.parse(run.outputs.images!) as Array<{ name: string; status: string; push: boolean; platforms: string[]; buildArgs: Record<string, string> }>;
    expect(images.map((i) => [i.name, i.status, i.push, i.platforms])).toEqual([['cms-dev', 'built', false, ['linux/amd64']]]);
    expect(images[0]!.buildArgs).toMatchObject({ SERVICE_VARIANT: 'cms', SERVICE_PORT: '18010', BASE_IMAGE: BUSYBOX_IMAGE });
  });
});
