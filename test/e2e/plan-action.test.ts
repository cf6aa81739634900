// The action in `mode: plan`, spawned as the runner spawns it, with real-shaped webhook payloads
// (test/fixtures/events) against a real git repository: outputs and the job summary's plan table.
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runAction } from '../helpers/action.js';
import { makeRepo, type TestRepo } from '../helpers/git.js';

const FIXTURES = resolve(import.meta.dirname, '../fixtures/events');
const payload = (name: string): object => JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8')) as object;

let repo: TestRepo;
const sha: Record<string, string> = {};

beforeAll(() => {
  repo = makeRepo({ branch: 'master' });
  repo.write('Dockerfile', 'FROM localhost/oep45-test/busybox:1 AS app\nCMD ["true"]\nFROM app AS dev\n');
  repo.write(
    '.oep45.yml',
    'name: credentials\nregistries: [openedx, ghcr.io/OpenEdX]\nimages:\n  - name: credentials\n    target: app\n    dev:\n      target: dev\nlabels:\n  com.example.team: blue\n',
  );
  sha.sumac1 = repo.commit('sumac.1');
  repo.tag('open-release/sumac.1');
  repo.write('a.txt', '2\n');
  sha.sumac2 = repo.commit('sumac.2');
  repo.tag('open-release/sumac.2');
});

describe('the action in plan mode', () => {
  it('a release tag push: images JSON in the plan shape, the tags list, the context, the summary table', async () => {
    const run = await runAction({
      inputs: { mode: 'plan' },
      cwd: repo.dir,
      event: { name: 'push', payload: payload('push-tag-old-scheme') },
      ref: 'refs/tags/open-release/sumac.1',
      sha: sha.sumac1,
    });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const images = JSON.parse(run.outputs.images ?? '[]') as Array<Record<string, unknown>>;
    expect(images.map((i) => Object.keys(i))).toEqual([
      ['name', 'context', 'dockerfile', 'target', 'platforms', 'buildArgs', 'tags', 'labels', 'push', 'status'],
      ['name', 'context', 'dockerfile', 'target', 'platforms', 'buildArgs', 'tags', 'labels', 'push', 'status'],
    ]);
    expect(images[1]).toMatchObject({
      name: 'credentials-dev',
      target: 'dev',
      tags: [
        'docker.io/openedx/credentials-dev:sumac.1',
        `docker.io/openedx/credentials-dev:${sha.sumac1}`,
        'ghcr.io/openedx/credentials-dev:sumac.1',
        `ghcr.io/openedx/credentials-dev:${sha.sumac1}`,
      ],
      push: false,
      labels: {
        'org.opencontainers.image.source': 'https://github.com/openedx/credentials',
        'org.opencontainers.image.licenses': 'AGPL-3.0',
        'org.opencontainers.image.version': 'sumac.1',
        'org.openedx.release': 'sumac',
        'com.example.team': 'blue',
      },
    });
    expect(run.outputs.tags?.split('\n')).toEqual(images.flatMap((i) => i.tags as string[]));
    expect(JSON.parse(run.outputs.context ?? 'null')).toMatchObject({
      kind: 'named-release',
      release: { scheme: 'open-release', name: 'sumac', number: '1', version: 'sumac.1', newest: false },
      event: 'push',
      ref: 'refs/tags/open-release/sumac.1',
      sha: sha.sumac1,
      publishable: true,
      pullRequest: null,
    });
    expect(run.summary).toContain('**Build:** named-release sumac.1 — release tag open-release/sumac.1 (old scheme); `sumac` stays: sumac.2 is newer.');
    expect(run.summary).toContain('| Image | Dockerfile | Target | Platforms | Push | Tags |');
    expect(run.summary).toContain(`| credentials | \`Dockerfile\` | app | linux/amd64 | no | \`docker.io/openedx/credentials:sumac.1\`<br>\`docker.io/openedx/credentials:${sha.sumac1}\`<br>`);
  });

  it('a pull request from a fork never pushes, whatever push says', async () => {
    const run = await runAction({
      inputs: { mode: 'plan', push: 'true', tags: 'ci-{sha7}' },
      cwd: repo.dir,
      event: { name: 'pull_request', payload: payload('pull-request-fork') },
      ref: 'refs/pull/2420/merge',
      sha: sha.sumac2,
    });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const images = JSON.parse(run.outputs.images ?? '[]') as Array<{ tags: string[]; push: boolean }>;
    expect(images[0]).toMatchObject({
      tags: [
        'docker.io/openedx/credentials:pr-2420',
        `docker.io/openedx/credentials:ci-${sha.sumac2!.slice(0, 7)}`,
        'ghcr.io/openedx/credentials:pr-2420',
        `ghcr.io/openedx/credentials:ci-${sha.sumac2!.slice(0, 7)}`,
      ],
      push: false,
    });
    expect(JSON.parse(run.outputs.context ?? 'null')).toMatchObject({
      kind: 'pull-request',
      publishable: false,
      pullRequest: { number: 2420, fromFork: true, headSha: '6f8a0c2e4b6d8f0a2c4e6b8d0f2a4c6e8b0d2f4a' },
    });
  });

  it('a manual dispatch with the nightly input: the dated tag of the UTC day', async () => {
    const before = new Date().toISOString().slice(0, 10);
    const run = await runAction({
      inputs: { mode: 'plan', images: 'credentials' },
      cwd: repo.dir,
      event: { name: 'workflow_dispatch', payload: payload('workflow-dispatch-nightly') },
      ref: 'refs/heads/master',
      sha: sha.sumac2,
    });
    const after = new Date().toISOString().slice(0, 10);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const tags = run.outputs.tags!.split('\n');
    expect(tags.slice(0, 4)).toEqual([
      'docker.io/openedx/credentials:latest',
      'docker.io/openedx/credentials:master',
      `docker.io/openedx/credentials:${sha.sumac2}`,
      `docker.io/openedx/credentials:sha-${sha.sumac2!.slice(0, 7)}`,
    ]);
    expect([`docker.io/openedx/credentials:${before}`, `docker.io/openedx/credentials:${after}`]).toContain(tags[4]);
    expect(tags).toHaveLength(10);
  });

  it('a tag that is not a release: no tags, and the reason', async () => {
    const run = await runAction({
      inputs: { mode: 'plan' },
      cwd: repo.dir,
      event: { name: 'push', payload: payload('push-tag-not-release') },
      ref: 'refs/tags/v1.2.3',
      sha: sha.sumac2,
    });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.outputs.tags).toBe('');
    expect(run.summary).toContain('**Build:** none — tag v1.2.3 is not a publishing ref');
    expect(run.summary).toContain('| credentials | `Dockerfile` | app | linux/amd64 | no | (none) |');
  });

  it('an invalid extra tag fails the step with one line naming the input', async () => {
    const run = await runAction({ inputs: { mode: 'plan', tags: 'bad+tag' }, cwd: repo.dir, ref: 'refs/heads/master', sha: sha.sumac2 });
    expect(run.code).toBe(1);
    expect(run.stdout.split('\n').filter((l) => l.startsWith('::error'))).toEqual(['::error::tags: "bad+tag" is not a valid tag ([A-Za-z0-9_][A-Za-z0-9_.-]{0,127})']);
  });
});
