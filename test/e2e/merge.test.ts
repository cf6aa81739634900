// The reusable workflow's build legs and merge job, run for real against two loopback registries
// (every tag goes to both), with each builder: the amd64 leg built by the real engine through the
// spawned action and pushed by digest where the builder can (else under its inputs-<key> tag, the
// digest from the builder's metadata or the registry); the arm64 leg's image is a synthetic
// single-platform image pushed over the registry API (image-multi-platform.test.ts builds arm64 for
// real, under QEMU); then `merge` joining both into
// one two-platform index in each registry, every planned tag on it; a second merge that would move the immutable release tag is refused
// and moves nothing; the action in merge mode writes its outputs; a pull request merges nothing.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { RegistryClient } from '../../src/registry/client.js';
import { DOCKER_LIST, DOCKER_MANIFEST, isIndex, OCI_INDEX, OCI_MANIFEST, type ImageIndex } from '../../src/registry/media-types.js';
import { parseReference } from '../../src/registry/reference.js';
import { runAction, runCliProcess } from '../helpers/action.js';
import { tinyRepo } from '../helpers/build-fixtures.js';
import { describeWithBuilder, DOCKER } from '../helpers/docker-engine.js';
import type { TestRepo } from '../helpers/git.js';
import { pushTestImage } from '../helpers/oci-push.js';
import { platformImages } from '../helpers/registry-contents.js';
import { startRegistry, type TestRegistry } from '../helpers/registry.js';

const RELEASE_REF = 'refs/tags/open-release/sumac.1';
const env = { OEP45_DOCKER: DOCKER };
const prPayload = JSON.parse(readFileSync(resolve(import.meta.dirname, '../fixtures/events/pull-request-fork.json'), 'utf8')) as object;

interface ImageJson {
  name: string;
  status: string;
  digest?: string;
  inputKey?: string;
  tags: string[];
  platforms: string[];
  manifests?: Array<{ platform: string; digest: string }>;
  error?: string;
}

describeWithBuilder('build legs pushed by digest, merged into one multi-platform image', () => {
  let registry: TestRegistry;
  let second: TestRegistry;
  let repo: TestRepo;
  let sha: string;
  const client = new RegistryClient();
  /** amd64: the leg's digest; amd64Image: the amd64 image itself (the leg's digest, or its child when the leg pushed an index with an attestation). */
  const digests: { amd64?: string; amd64Image?: string; arm64?: string; index?: string } = {};
  const repository = (): string => `${registry.host}/ns/app`;
  const repositories = (): string[] => [repository(), `${second.host}/ns/app`];
  const everywhere = (tags: string[]): string[] => repositories().flatMap((r) => tags.map((t) => `${r}:${t}`));
  /** A synthetic single-platform image with the same digest in both registries. */
  const pushArm64 = async (content: string): Promise<string> => {
    const options = { architecture: 'arm64', content, created: '2025-01-01T00:00:00Z' };
    const [one, two] = [await pushTestImage(registry.host, 'ns/app', options), await pushTestImage(second.host, 'ns/app', options)];
    expect(two.digest).toBe(one.digest);
    return one.digest;
  };
  const digestOf = async (ref: string): Promise<string | undefined> => (await client.headManifest(parseReference(ref)))?.digest;
  const manifestPuts = (): string[] =>
    registry
      .log()
      .split('\n')
      .filter((l) => /"PUT \/v2\/ns\/app\/manifests\//.test(l))
      .map((l) => /manifests\/([^ ]+) /.exec(l)?.[1] ?? '');
  /** The tags written (not the manifests stored by their digests). */
  const tagPuts = (): string[] => manifestPuts().filter((reference) => !reference.startsWith('sha256:'));
  const release = ['--ref', RELEASE_REF, '--event', 'push'];
  const cli = async (args: string[]) => {
    const run = await runCliProcess([...args, '--sha', sha, '--format', 'json'], { env });
    const out = run.stdout ? (JSON.parse(run.stdout) as { images: ImageJson[]; failures: string[] }) : undefined;
    return { ...run, images: out?.images ?? [], failures: out?.failures ?? [] };
  };

  beforeAll(async () => {
    [registry, second] = await Promise.all([startRegistry(), startRegistry()]);
    repo = tinyRepo();
    repo.write('.oep45.yml', `name: app\nregistries: [${registry.host}/ns, ${second.host}/ns]\nplatforms: [linux/amd64, linux/arm64]\n`);
    sha = repo.commit('release sumac.1');
    repo.tag('open-release/sumac.1');
  });
  afterAll(() => Promise.all([registry.stop(), second.stop()]));

  it('the amd64 leg (the action, push-by-digest) pushes by digest and as inputs-<key> only, skipping the checks', async () => {
    const run = await runAction({
      inputs: { mode: 'publish', 'push-by-digest': 'true', images: 'app', platforms: 'linux/amd64' },
      cwd: repo.dir,
      ref: RELEASE_REF,
      sha,
      env,
    });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const [image] = JSON.parse(run.outputs.images ?? '[]') as ImageJson[];
    expect(image).toMatchObject({ name: 'app', status: 'built', platforms: ['linux/amd64'] });
    expect(run.outputs.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(image!.digest).toBe(run.outputs.digest);
    digests.amd64 = run.outputs.digest;
    for (const ref of everywhere([`inputs-${image!.inputKey}`])) expect(await digestOf(ref), ref).toBe(digests.amd64);
    // No human tag: the merge applies them.
    expect(image!.tags).toEqual(everywhere(['sumac.1', sha, 'sumac']));
    for (const ref of image!.tags) expect(await digestOf(ref), ref).toBeUndefined();
    // The only tag written is the key (a builder may write it more than once, and its registry cache beside it).
    expect([...new Set(tagPuts().filter((t) => !t.startsWith('buildcache')))]).toEqual([`inputs-${image!.inputKey}`]);
    const pushed = await platformImages(client, `${repository()}@${digests.amd64}`);
    expect(pushed.images.map((i) => i.platform)).toEqual(['linux/amd64']);
    digests.amd64Image = pushed.images[0]!.digest;
    expect(run.stdout).toContain("checks skipped in a push-by-digest build leg: the reusable workflow's plan job ran them once for the whole run");
    expect(run.stdout).not.toMatch(/^::(error|warning|notice) file=/m);
    expect(run.summary).toContain('Build leg: each image is pushed by digest only; the merge job applies these tags.');
  });

  it('the same leg again (the CLI) is reused: its digest, nothing built, nothing pushed', async () => {
    const puts = manifestPuts().length;
    const run = await cli(['publish', repo.dir, '--push-by-digest', '--only', 'app', '--platform', 'linux/amd64', ...release]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.images[0]).toMatchObject({ status: 'reused', digest: digests.amd64 });
    expect(run.stderr).not.toContain('▸ Build');
    expect(manifestPuts()).toHaveLength(puts);
  });

  it('merge joins the amd64 and arm64 images into one index; every planned tag resolves to it', async () => {
    digests.arm64 = await pushArm64('the arm64 build');
    const before = manifestPuts().length;
    const run = await cli(['merge', repo.dir, '--only', 'app', '--digest', digests.amd64!, '--digest', digests.arm64!, ...release]);
    expect(run.code, run.stderr).toBe(0);
    const [image] = run.images;
    expect(image).toMatchObject({
      status: 'merged',
      manifests: [
        { platform: 'linux/amd64', digest: digests.amd64Image },
        { platform: 'linux/arm64', digest: digests.arm64 },
      ],
    });
    digests.index = image!.digest;
    expect(digests.index).toMatch(/^sha256:[0-9a-f]{64}$/);
    for (const tag of image!.tags) expect(await client.headManifest(parseReference(tag)), tag).toMatchObject({ digest: digests.index });
    expect(image!.tags).toEqual(everywhere(['sumac.1', sha, 'sumac']));
    const index = await client.getManifest(parseReference(`${second.host}/ns/app@${digests.index}`));
    // The amd64 leg's entries as it pushed them (an index's children, its attestation included), then arm64's.
    const leg = (await client.getManifest(parseReference(`${second.host}/ns/app@${digests.amd64}`)))!;
    const legEntries = isIndex(leg.descriptor.mediaType)
      ? (leg.json as ImageIndex).manifests.map((m) => [m.mediaType, m.digest, m.platform])
      : [[leg.descriptor.mediaType, digests.amd64, { os: 'linux', architecture: 'amd64' }]];
    expect((index!.json as ImageIndex).manifests.map((m) => [m.mediaType, m.digest, m.platform])).toEqual([...legEntries, [OCI_MANIFEST, digests.arm64, { os: 'linux', architecture: 'arm64' }]]);
    // A leg that pushed a Docker manifest keeps the index in the Docker family; else it is OCI.
    expect(index?.descriptor.mediaType).toBe(leg.descriptor.mediaType === DOCKER_MANIFEST ? DOCKER_LIST : OCI_INDEX);
    // Stored by its digest before any tag pointed at it.
    expect(manifestPuts().slice(before)[0]).toBe(digests.index);
    expect(run.stderr).toContain('checks skipped in merge mode');
    // A real engine resolves the index to its own platform's image.
    const ref = `${repository()}:sumac.1`;
    execFileSync(DOCKER, ['pull', '--quiet', ref], { stdio: 'pipe' });
    expect(execFileSync(DOCKER, ['run', '--rm', ref], { encoding: 'utf8' })).toBe('version 1\n');
    execFileSync(DOCKER, ['image', 'rm', ref], { stdio: 'pipe' });
  });

  it('a second merge with another arm64 image is refused on the release tag and moves nothing; allow-overwrite moves it', async () => {
    const other = await pushArm64('a different arm64 build');
    const before = manifestPuts().length;
    const run = await cli(['merge', repo.dir, '--only', 'app', '--digest', digests.amd64!, '--digest', other, ...release]);
    expect(run.code).toBe(1);
    const message = new RegExp(
      `^${repository().replace(/\./g, '\\.')}:sumac\\.1 already points at ${digests.index}, not sha256:[0-9a-f]{64}: release tags are immutable \\(set allow-overwrite: true to move it\\)$`,
    );
    expect(run.images[0]).toMatchObject({ status: 'failed' });
    expect(run.images[0]!.error).toMatch(message);
    expect(run.failures).toEqual([`image app failed: ${run.images[0]!.error}`]);
    expect(manifestPuts()).toHaveLength(before);
    for (const ref of everywhere(['sumac.1', sha, 'sumac'])) expect(await digestOf(ref), ref).toBe(digests.index);

    const allowed = await cli(['merge', repo.dir, '--only', 'app', '--digest', digests.amd64!, '--digest', other, '--allow-overwrite', ...release]);
    expect(allowed.code, allowed.stderr).toBe(0);
    expect(allowed.images[0]!.digest).not.toBe(digests.index);
    for (const ref of everywhere(['sumac.1', sha, 'sumac'])) expect(await digestOf(ref), ref).toBe(allowed.images[0]!.digest);
  });

  it('a digest missing from the registry is a clear error', async () => {
    const missing = 'sha256:' + '0'.repeat(64);
    const run = await cli(['merge', repo.dir, '--only', 'app', '--digest', digests.amd64!, '--digest', missing, ...release]);
    expect(run.code).toBe(1);
    expect(run.images[0]!.error).toBe(
      `${repository()}@${missing} is not in the registry: each build leg pushes its platform's image to every registry of the image before the merge (is the digest another image's, or did its leg fail?)`,
    );
  });

  it('the action in merge mode on master writes the images and digest outputs; the same digests make the same index', async () => {
    const run = await runAction({
      inputs: { mode: 'merge', images: 'app', digests: `${digests.amd64}\n${digests.arm64}` },
      cwd: repo.dir,
      ref: 'refs/heads/master',
      sha,
      env,
    });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.outputs.digest).toBe(digests.index);
    const [image] = JSON.parse(run.outputs.images ?? '[]') as ImageJson[];
    expect(image).toMatchObject({ name: 'app', status: 'merged', digest: digests.index });
    expect(image!.tags).toEqual(everywhere(['latest', 'master', sha, `sha-${sha.slice(0, 7)}`]));
    for (const tag of image!.tags) expect(await client.headManifest(parseReference(tag)), tag).toMatchObject({ digest: digests.index });
    expect(run.outputs.tags?.split('\n')).toEqual(image!.tags);
    expect(run.outputs.result).toBe('success');
    expect(run.summary).toContain("Merge: the build legs' images joined into one multi-platform index, stored by its digest, then tagged.");
    expect(run.summary).toContain(`| app | merged: linux/amd64 \`${digests.amd64Image!.slice(0, 19)}\`<br>linux/arm64 \`${digests.arm64!.slice(0, 19)}\` |`);
  });

  it('on a pull request, merge does nothing and says so', async () => {
    const before = manifestPuts().length;
    const run = await runAction({
      inputs: { mode: 'merge', images: 'app', digests: `${digests.amd64}\n${digests.arm64}` },
      cwd: repo.dir,
      event: { name: 'pull_request', payload: prPayload },
      ref: 'refs/pull/2420/merge',
      sha,
      env,
    });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const [image] = JSON.parse(run.outputs.images ?? '[]') as ImageJson[];
    expect(image).toMatchObject({ status: 'skipped', push: false });
    expect(image!.error).toMatch(/^not merged: a pull-request build never pushes \(.+\)$/);
    expect(run.stdout).toContain('app: nothing merged or tagged: a pull-request build never pushes');
    expect(run.outputs.digest).toBe('');
    expect(run.summary).not.toContain('Merge:');
    expect(run.summary).toContain('| app | skipped: not merged: a pull-request build never pushes');
    expect(manifestPuts()).toHaveLength(before);
  });

  it('a leg of two platforms, or a merge of two images, is a one-line usage error', async () => {
    const leg = await cli(['publish', repo.dir, '--push-by-digest', ...release]);
    expect(leg.code).toBe(2);
    expect(leg.stderr.trim()).toBe(
      'oep45: push-by-digest builds one platform per build leg, and image app has linux/amd64, linux/arm64: pass one (platforms: linux/amd64, CLI --platform)',
    );
    const two = tinyRepo();
    two.write('.oep45.yml', `name: app\nregistries: [${registry.host}/ns]\nimages:\n  - name: app\n  - name: worker\n`);
    const twoSha = two.commit('two images');
    const merge = await runCliProcess(['merge', two.dir, '--digest', digests.amd64!, '--ref', 'refs/heads/master', '--sha', twoSha], { env });
    expect(merge.code).toBe(2);
    expect(merge.stderr.trim()).toBe('oep45: merge joins the digests of one image: name it with images (CLI --only); this project has app, worker');
  });
});
