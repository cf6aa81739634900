// Building and publishing against the real engine and a real registry on loopback, with each
// builder (buildx, and BuildKit without buildx): reuse of an unchanged image, rebuilds on real
// changes only, the layer cache each builder can keep, promotion, immutable release tags, failures
// that stay per image.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { executePlan } from '../../src/image/execute.js';
import { RegistryClient } from '../../src/registry/client.js';
import { parseReference } from '../../src/registry/reference.js';
import { OCI_MANIFEST, type ImageManifest } from '../../src/registry/media-types.js';
import { BUILDER, describeWithBuilder, DOCKER } from '../helpers/docker-engine.js';
import { platformImages } from '../helpers/registry-contents.js';
import { startRegistry, type TestRegistry } from '../helpers/registry.js';
import { inputsFor, masterContext, planFor, projectAt, recordingLog, releaseContext, tinyRepo } from '../helpers/build-fixtures.js';
import type { TestRepo } from '../helpers/git.js';

const env = { ...process.env, OEP45_DOCKER: DOCKER };
const blobUploads = (registry: TestRegistry): number => registry.log().split('\n').filter((l) => /"POST \/v2\/[^ ]+\/blobs\/uploads\//.test(l)).length;

describeWithBuilder('publish: build only what changed', () => {
  let registry: TestRegistry;
  let repo: TestRepo;
  let client: RegistryClient;
  const tags = (r: string, ...t: string[]): string[] => t.map((x) => `${registry.host}/ns/${r}:${x}`);
  const digestOf = async (ref: string): Promise<string | undefined> => (await client.headManifest(parseReference(ref)))?.digest;
  const publish = async (plans = [planFor('app', tags('app', 'latest', 'master'))], context = masterContext(), build = {}) => {
    const log = recordingLog();
    const results = await executePlan(plans, { project: projectAt(repo.dir, build), inputs: inputsFor('publish'), log, env, context });
    return { results, log, result: results[0]! };
  };

  beforeAll(async () => {
    registry = await startRegistry();
    client = new RegistryClient();
    repo = tinyRepo();
  });
  afterAll(() => registry.stop());

  it('builds and publishes: inputs-<key> first, then every tag on the same digest, with the key as a label', async () => {
    const { result, log } = await publish();
    expect(result.status, result.error).toBe('built');
    expect(result.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(result.inputKey).toMatch(/^[0-9a-f]{64}$/);
    expect(result.totalSteps).toBe(3);
    expect(result.seconds).toBeGreaterThan(0);
    for (const tag of ['latest', 'master', `inputs-${result.inputKey}`]) expect(await digestOf(`${registry.host}/ns/app:${tag}`)).toBe(result.digest);
    // The first tag written is the key (a builder may first store an index's images by their digests).
    const tagPuts = registry
      .log()
      .split('\n')
      .map((l) => /"PUT \/v2\/ns\/app\/manifests\/([^ ]+) /.exec(l)?.[1])
      .filter((reference) => reference && !reference.startsWith('sha256:'));
    expect(tagPuts[0]).toBe(`inputs-${result.inputKey}`);
    const config = await client.imageConfig(parseReference(`${registry.host}/ns/app:latest`));
    expect(config?.config?.Labels?.['org.openedx.oep45.input-key']).toBe(result.inputKey);
    expect(log.groups).toEqual(['Build app']);
  });

  it('a second publish of the same commit is reused: no build, no layer moved, same digest', async () => {
    const first = await digestOf(`${registry.host}/ns/app:latest`);
    const uploads = blobUploads(registry);
    const { result, log } = await publish([planFor('app', tags('app', 'latest', 'master', 'b'.repeat(40)))]);
    expect(result.status, result.error).toBe('reused');
    expect(result.digest).toBe(first);
    expect(log.groups).toEqual([]);
    expect(result.cachedSteps).toBeUndefined();
    expect(blobUploads(registry)).toBe(uploads);
    expect(await digestOf(`${registry.host}/ns/app:${'b'.repeat(40)}`)).toBe(first);
  });

  it('a change to a file .dockerignore excludes does not rebuild, committed or not', async () => {
    const before = await digestOf(`${registry.host}/ns/app:latest`);
    repo.write('notes.md', 'notes 2\n');
    expect((await publish()).result.status).toBe('reused');
    repo.commit('notes only');
    const { result } = await publish();
    expect(result.status).toBe('reused');
    expect(result.digest).toBe(before);
  });

  it('a code change rebuilds, with the unchanged layers from cache', async () => {
    const before = await digestOf(`${registry.host}/ns/app:latest`);
    // Content no earlier run built: the engine's build cache is shared by every run.
    repo.write('app.txt', `version 2, ${randomUUID()}\n`);
    repo.commit('code change');
    const { result } = await publish();
    expect(result.status, result.error).toBe('built');
    expect(result.digest).not.toBe(before);
    // RUN echo base layer came from cache; COPY app.txt and what follows it did not.
    expect([result.cachedSteps, result.totalSteps]).toEqual([1, 3]);
    expect(await digestOf(`${registry.host}/ns/app:latest`)).toBe(result.digest);
  });

  it('keeps the layer cache the builder can: a registry cache beside the image, else the inline cache in it', async () => {
    const { result, log } = await publish(undefined, undefined, { force: true });
    expect(result.status, result.error).toBe('built');
    const cache = await client.getManifest(parseReference(`${registry.host}/ns/app:buildcache`));
    const [image] = (await platformImages(client, `${registry.host}/ns/app:latest`)).images;
    const noRegistryCache = log.lines.filter((l) => /no registry cache/.test(l));
    if (BUILDER === 'buildx') {
      // mode=max, image-manifest=true: an OCI image manifest whose layers are the cache, in the image's repository.
      expect(cache?.descriptor.mediaType).toBe(OCI_MANIFEST);
      expect((cache!.json as ImageManifest).layers.length).toBeGreaterThanOrEqual(2);
      expect(noRegistryCache).toEqual([]);
      expect(log.lines.filter((l) => l.startsWith('warning: '))).toEqual([]);
    } else {
      expect(cache).toBeUndefined();
      expect(noRegistryCache).toEqual(['app: no registry cache, since docker build without buildx writes no cache but the inline one; using the inline cache in the pushed image instead']);
      // BUILDKIT_INLINE_CACHE=1: the cache metadata rides in the pushed image's config.
      expect(Object.keys(image!.config)).toContain('moby.buildkit.cache.v0');
    }
  });

  it('force rebuilds; max-age rebuilds an image older than it and reuses a younger one', async () => {
    expect((await publish(undefined, undefined, { force: true })).result.status).toBe('built');
    expect((await publish(undefined, undefined, { maxAgeSeconds: 3600 })).result.status).toBe('reused');
    const { result, log } = await publish(undefined, undefined, { maxAgeSeconds: 0 });
    expect(result.status).toBe('built');
    expect(log.lines.join('\n')).toMatch(/too old: it is \d+m old, older than max-age 0m/);
  });

  it('a base image change rebuilds', async () => {
    const base = `${registry.host}/ns/base:1`;
    const makeBase = (content: string): void => {
      execFileSync(DOCKER, ['build', '-q', '-t', base, '-'], { input: `FROM localhost/oep45-test/busybox:1\nRUN echo ${content} > /base-version\n`, env: { ...env, DOCKER_BUILDKIT: '1' } });
      execFileSync(DOCKER, ['push', base], { stdio: 'pipe' });
    };
    makeBase('one');
    const plan = planFor('onbase', tags('onbase', 'latest'), { buildArgs: { BASE: base } });
    const first = await publish([plan]);
    expect(first.result.status, first.result.error).toBe('built');
    expect((await publish([plan])).result.status).toBe('reused');
    makeBase('two');
    const third = await publish([plan]);
    expect(third.result.status, third.result.error).toBe('built');
    expect(third.result.inputKey).not.toBe(first.result.inputKey);
  });

  it('a release tag on a published commit is promoted without a build', async () => {
    const master = await digestOf(`${registry.host}/ns/app:master`);
    const { result, log } = await publish([planFor('app', tags('app', 'sumac.1', 'sumac'))], releaseContext('sumac.1'));
    expect(result.status, result.error).toBe('reused');
    expect(log.groups).toEqual([]);
    expect(await digestOf(`${registry.host}/ns/app:sumac.1`)).toBe(master);
  });

  it('refuses to move a release tag to a different image, before building; allow-overwrite moves it', async () => {
    const released = await digestOf(`${registry.host}/ns/app:sumac.1`);
    repo.write('app.txt', 'version 3\n');
    repo.commit('after the release');
    const plans = [planFor('app', tags('app', 'sumac.1', 'sumac'))];
    const { result, log } = await publish(plans, releaseContext('sumac.1'));
    expect(result.status).toBe('failed');
    expect(result.error).toBe(
      `${registry.host}/ns/app:sumac.1 already points at ${released}, and these inputs make a different image: release tags are immutable (set allow-overwrite: true to move it)`,
    );
    expect(log.groups).toEqual([]);
    expect(await digestOf(`${registry.host}/ns/app:sumac.1`)).toBe(released);
    expect(await digestOf(`${registry.host}/ns/app:sumac`)).toBe(released);
    const allowed = await publish(plans, releaseContext('sumac.1'), { allowOverwrite: true });
    expect(allowed.result.status, allowed.result.error).toBe('built');
    expect(await digestOf(`${registry.host}/ns/app:sumac.1`)).toBe(allowed.result.digest);
  });

  it('a failed image does not stop the others, and says why in one line', async () => {
    repo.write('broken/Dockerfile', 'FROM localhost/oep45-test/busybox:1\nRUN echo about to fail && exit 3\n');
    repo.write('app.txt', 'version 3, beside a broken image\n');
    repo.commit('broken image');
    const plans = [planFor('broken', tags('broken', 'latest'), { dockerfile: 'broken/Dockerfile' }), planFor('app', tags('app', 'latest'))];
    const { results } = await publish(plans);
    // app.txt changed, so app is rebuilt: the failure before it did not stop it.
    expect(results.map((r) => r.status)).toEqual(['failed', 'built']);
    // The step that failed and its exit code; buildx also names the Dockerfile line.
    expect(results[0]!.error).toMatch(/^docker build failed: (Dockerfile:2: )?process "\/bin\/sh -c echo about to fail && exit 3" did not complete successfully: exit code: 3$/);
    expect(await digestOf(`${registry.host}/ns/broken:latest`)).toBeUndefined();
  });
});
