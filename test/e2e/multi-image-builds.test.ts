// examples/multi-image builds for real, with each builder, from the local busybox in place of the
// upstream base image: every Dockerfile with its image's target and build args, and one build leg
// through the action (pull request mode: build, never push).

import { expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { runAction } from '../helpers/action.js';
import { BUILDER, DOCKER, describeWithBuilder } from '../helpers/docker-engine.js';
import { BUSYBOX_IMAGE, busyboxImage } from '../helpers/base-images.js';

const EXAMPLE = 'examples/multi-image';
const SHA = '0123456789abcdef0123456789abcdef01234567';

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
