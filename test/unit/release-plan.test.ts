// planImages: every tag on every registry, extra tags, labels, and when to push.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PipelineInputs } from '../../src/config/inputs.js';
import type { ImageSpec, Project } from '../../src/model/project.js';
import type { ReleaseContext } from '../../src/model/release.js';
import { planImages } from '../../src/release/plan.js';
import { loadProject } from '../../src/config/load-project.js';

const SHA = 'e5a7c9b1d3f5a7c9e1b3d5f7a9c1e3b5d7f9a1c3';

const image = (name: string, over: Partial<ImageSpec> = {}): ImageSpec => ({
  name,
  context: '.',
  dockerfile: 'Dockerfile',
  platforms: ['linux/amd64'],
  buildArgs: {},
  declaredIn: '.oep45.yml',
  ...over,
});

function project(over: Partial<Project> = {}): Project {
  return {
    root: '/nowhere',
    name: 'credentials',
    appName: 'CREDENTIALS',
    sources: ['.oep45.yml'],
    images: [image('credentials', { target: 'app' }), image('credentials-dev', { target: 'dev', variantOf: 'credentials' })],
    operationsDir: 'docs/operations',
    workflowsDir: '.github/workflows',
    rules: {},
    failOn: 'error',
    registries: ['docker.io/openedx'],
    tags: {},
    labels: {},
    metadata: {},
    build: { cache: 'registry', cacheFrom: [], cacheTo: [], force: false, allowOverwrite: false },
    ...over,
  };
}

function context(over: Partial<ReleaseContext> & Pick<ReleaseContext, 'kind'>): ReleaseContext {
  return {
    reason: 'test',
    eventName: 'push',
    ref: 'refs/heads/master',
    sha: SHA,
    date: '2024-05-01',
    created: '2024-04-30T10:00:00.000Z',
    defaultBranch: 'master',
    publishable: over.kind !== 'none' && over.kind !== 'pull-request',
    ...over,
  };
}

const inputs = (over: Partial<PipelineInputs> = {}): PipelineInputs => ({ mode: 'plan', dir: '.', event: {}, secrets: [], credentials: [], ...over });

const MASTER = context({ kind: 'master' });
const SUMAC2 = context({
  kind: 'named-release',
  ref: 'refs/tags/open-release/sumac.2',
  release: { scheme: 'open-release', name: 'sumac', number: '2', version: 'sumac.2', newest: true },
});
const PR_FORK = context({ kind: 'pull-request', ref: 'refs/pull/2420/merge', eventName: 'pull_request', pullRequest: { number: 2420, fromFork: true } });
const NONE = context({ kind: 'none', ref: 'refs/heads/feature' });

describe('planImages', () => {
  it('puts every tag on every registry, for each image and its -dev variant', async () => {
    const plans = await planImages(project({ registries: ['docker.io/openedx', 'ghcr.io/OpenEdX'] }), SUMAC2, inputs());
    expect(plans.map((p) => p.tags)).toEqual([
      [
        'docker.io/openedx/credentials:sumac.2',
        `docker.io/openedx/credentials:${SHA}`,
        'docker.io/openedx/credentials:sumac',
        'ghcr.io/openedx/credentials:sumac.2',
        `ghcr.io/openedx/credentials:${SHA}`,
        'ghcr.io/openedx/credentials:sumac',
      ],
      [
        'docker.io/openedx/credentials-dev:sumac.2',
        `docker.io/openedx/credentials-dev:${SHA}`,
        'docker.io/openedx/credentials-dev:sumac',
        'ghcr.io/openedx/credentials-dev:sumac.2',
        `ghcr.io/openedx/credentials-dev:${SHA}`,
        'ghcr.io/openedx/credentials-dev:sumac',
      ],
    ]);
    expect(plans[0]!.immutableTags).toEqual(['docker.io/openedx/credentials:sumac.2', 'ghcr.io/openedx/credentials:sumac.2']);
    expect(plans.map((p) => p.target)).toEqual(['app', 'dev']);
  });

  it('with no registry, tags are local names', async () => {
    const plans = await planImages(project({ registries: [], images: [image('sample-ida')] }), MASTER, inputs());
    expect(plans[0]!.tags).toEqual(['sample-ida:latest', 'sample-ida:master', `sample-ida:${SHA}`, 'sample-ida:sha-e5a7c9b']);
  });

  it('Docker Hub short forms are one registry', async () => {
    const plans = await planImages(project({ registries: ['openedx', 'docker.io/openedx', 'index.docker.io/openedx/'], images: [image('credentials')] }), MASTER, inputs());
    expect(plans[0]!.tags).toEqual([
      'docker.io/openedx/credentials:latest',
      'docker.io/openedx/credentials:master',
      `docker.io/openedx/credentials:${SHA}`,
      'docker.io/openedx/credentials:sha-e5a7c9b',
    ]);
  });

  it('names where a bad registry came from', async () => {
    await expect(planImages(project({ registries: ['docker.io'] }), MASTER, inputs())).rejects.toThrow('.oep45.yml registries: "docker.io" names Docker Hub without a namespace');
    await expect(planImages(project({ registries: ['docker.io'] }), MASTER, inputs({ registries: ['docker.io'] }))).rejects.toThrow(/^registries: "docker.io"/);
  });

  describe('push', () => {
    it.each<[string, ReleaseContext, Partial<PipelineInputs>, boolean]>([
      ['publish mode on master', MASTER, { mode: 'publish' }, true],
      ['plan mode on master', MASTER, { mode: 'plan' }, false],
      ['build mode on master', MASTER, { mode: 'build' }, false],
      ['push: true on master', MASTER, { mode: 'build', push: true }, true],
      ['push: false in publish mode', MASTER, { mode: 'publish', push: false }, false],
      ['publish mode on a release', SUMAC2, { mode: 'publish' }, true],
      ['a fork pull request with push: true', PR_FORK, { mode: 'publish', push: true }, false],
      ['a same-repo pull request with push: true', { ...PR_FORK, pullRequest: { number: 1, fromFork: false } }, { mode: 'publish', push: true }, false],
      ['a non-publishing ref with push: true', NONE, { mode: 'publish', push: true, tags: ['mine'] }, false],
    ])('%s → %s', async (_, c, over, push) => {
      const plans = await planImages(project(), c, inputs(over));
      expect(plans.every((p) => p.push === push)).toBe(true);
    });

    it('nothing to push when a kind has no tags', async () => {
      const plans = await planImages(project({ tags: { master: [] } }), MASTER, inputs({ mode: 'publish' }));
      expect(plans[0]).toMatchObject({ tags: [], push: false });
    });
  });

  describe('extra tags (the tags input)', () => {
    it('plain tags go on every image and registry; placeholders expand', async () => {
      const plans = await planImages(project({ registries: ['docker.io/openedx', 'ghcr.io/o'], tags: { master: ['latest'] } }), MASTER, inputs({ tags: ['edge', 'nightly-{date}'] }));
      expect(plans[1]!.tags).toEqual([
        'docker.io/openedx/credentials-dev:latest',
        'docker.io/openedx/credentials-dev:edge',
        'docker.io/openedx/credentials-dev:nightly-2024-05-01',
        'ghcr.io/o/credentials-dev:latest',
        'ghcr.io/o/credentials-dev:edge',
        'ghcr.io/o/credentials-dev:nightly-2024-05-01',
      ]);
    });

    it('a full reference goes to the image of that name, as given', async () => {
      const plans = await planImages(project({ tags: { master: ['latest'] } }), MASTER, inputs({ tags: ['quay.io/edx/credentials-dev:experiment'] }));
      expect(plans[0]!.tags).toEqual(['docker.io/openedx/credentials:latest']);
      expect(plans[1]!.tags).toEqual(['docker.io/openedx/credentials-dev:latest', 'quay.io/edx/credentials-dev:experiment']);
    });

    it('with one image, a full reference of any name is that image', async () => {
      const plans = await planImages(project({ images: [image('credentials')], tags: { master: [] } }), MASTER, inputs({ tags: ['registry.example.com/team/creds:v{sha7}'] }));
      expect(plans[0]!.tags).toEqual(['registry.example.com/team/creds:ve5a7c9b']);
    });

    it('a pull request gets them too, but never pushes them', async () => {
      const plans = await planImages(project({ images: [image('credentials')] }), PR_FORK, inputs({ mode: 'publish', push: true, tags: ['pr-{pr}-{sha7}'] }));
      expect(plans[0]).toMatchObject({ tags: ['docker.io/openedx/credentials:pr-2420', 'docker.io/openedx/credentials:pr-2420-e5a7c9b'], push: false });
    });

    it.each([
      [['-leading-dash'], 'tags: "-leading-dash" is not a valid tag ([A-Za-z0-9_][A-Za-z0-9_.-]{0,127})'],
      [['a'.repeat(129)], 'is not a valid tag'],
      [['ghcr.io/o/ecommerce:x'], 'tags: "ghcr.io/o/ecommerce:x" names no image of this project (credentials, credentials-dev)'],
      [['ghcr.io/o/credentials'], 'tags: "ghcr.io/o/credentials" has no tag'],
      [['{release}'], 'tags: "{release}" needs {release}, which is unknown for this build (master)'],
      [['{commit}'], 'tags: "{commit}" uses {commit}, which is not a placeholder'],
    ])('refuses %j', async (tags, message) => {
      await expect(planImages(project(), MASTER, inputs({ tags }))).rejects.toThrow(message);
    });
  });

  describe('labels', () => {
    it('OCI labels from the metadata and the context, and the release name', async () => {
      const p = project({ metadata: { description: 'Credentials service', licenses: 'AGPL-3.0-only', source: 'https://github.com/openedx/credentials', url: 'https://docs.openedx.org' } });
      const plans = await planImages(p, SUMAC2, inputs());
      expect(plans[1]!.labels).toEqual({
        'org.opencontainers.image.title': 'credentials-dev',
        'org.opencontainers.image.description': 'Credentials service',
        'org.opencontainers.image.source': 'https://github.com/openedx/credentials',
        'org.opencontainers.image.url': 'https://docs.openedx.org',
        'org.opencontainers.image.revision': SHA,
        'org.opencontainers.image.created': '2024-04-30T10:00:00.000Z',
        'org.opencontainers.image.version': 'sumac.2',
        'org.opencontainers.image.licenses': 'AGPL-3.0-only',
        'org.openedx.release': 'sumac',
      });
    });

    it('falls back to what the event payload says about the repository', async () => {
      const c = { ...MASTER, repositoryUrl: 'https://github.com/openedx/credentials', license: 'AGPL-3.0', repositoryDescription: 'The Credentials service' };
      const plans = await planImages(project({ images: [image('credentials')] }), c, inputs());
      expect(plans[0]!.labels).toMatchObject({
        'org.opencontainers.image.source': 'https://github.com/openedx/credentials',
        'org.opencontainers.image.url': 'https://github.com/openedx/credentials',
        'org.opencontainers.image.licenses': 'AGPL-3.0',
        'org.opencontainers.image.description': 'The Credentials service',
        'org.opencontainers.image.version': 'master',
      });
      expect(plans[0]!.labels).not.toHaveProperty('org.openedx.release');
    });

    it('the user labels win over ours', async () => {
      const plans = await planImages(project({ labels: { 'org.opencontainers.image.version': 'custom', 'com.example.team': 'blue' } }), SUMAC2, inputs());
      expect(plans[0]!.labels).toMatchObject({ 'org.opencontainers.image.version': 'custom', 'com.example.team': 'blue', 'org.openedx.release': 'sumac' });
    });

    it.each<[string, ReleaseContext, string | undefined]>([
      ['master', MASTER, 'master'],
      ['nightly', context({ kind: 'nightly' }), 'master'],
      ['release line', context({ kind: 'release-line', ref: 'refs/heads/release/teak', release: { scheme: 'release', name: 'teak' } }), 'teak'],
      ['named release', SUMAC2, 'sumac.2'],
      ['pull request', PR_FORK, 'pr-2420'],
      ['nothing', NONE, undefined],
    ])('version of a %s build is %s', async (_, c, version) => {
      const plans = await planImages(project(), c, inputs());
      expect(plans[0]!.labels['org.opencontainers.image.version']).toBe(version);
    });
  });

  it('an images-data.json matrix: one plan per entry, build args included', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'oep45-matrix-'));
    mkdirSync(join(dir, 'dockerfiles'));
    writeFileSync(
      join(dir, 'images-data.json'),
      JSON.stringify([
        { name: 'credentials', image_name: 'credentials', os_platform: 'linux/amd64,linux/arm64', target: 'app', build_args: { SERVICE_VERSION: 'master', PYTHON_VERSION: '3.11' }, owning_team_email: 'team@example.com' },
        { name: 'credentials (dev)', image_name: 'credentials-dev', dockerfile: 'credentials', target: 'dev' },
      ]),
    );
    const loaded = loadProject(inputs({ dir, registries: ['openedx'] }));
    const plans = await planImages(loaded, context({ kind: 'nightly' }), inputs({ registries: ['openedx'] }));
    expect(plans.map((p) => ({ name: p.name, dockerfile: p.dockerfile, target: p.target, platforms: p.platforms, buildArgs: p.buildArgs }))).toEqual([
      { name: 'credentials', dockerfile: 'dockerfiles/credentials.Dockerfile', target: 'app', platforms: ['linux/amd64', 'linux/arm64'], buildArgs: { SERVICE_VERSION: 'master', PYTHON_VERSION: '3.11' } },
      { name: 'credentials-dev', dockerfile: 'dockerfiles/credentials.Dockerfile', target: 'dev', platforms: ['linux/amd64'], buildArgs: {} },
    ]);
    expect(plans[0]!.tags).toContain('docker.io/openedx/credentials:2024-05-01');
    expect(plans[1]!.tags).toContain('docker.io/openedx/credentials-dev:2024-05-01');
  });
});
