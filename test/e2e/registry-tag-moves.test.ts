// Moving a publish's tags (src/image/publish.ts moveTags) against the real registry on loopback:
// one GET of the manifest per registry and image, the PUTs at once, no PUT for a tag already on the
// image, and nothing half-published when one PUT fails — a loopback proxy in front of the registry
// refuses the PUT of one tag (as a registry with tag-immutability rules does), and every tag that
// had moved is back on the image it pointed at before.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { currentTags, groupTags, moveTags } from '../../src/image/publish.js';
import { RegistryClient } from '../../src/registry/client.js';
import { parseReference } from '../../src/registry/reference.js';
import { startInterceptingProxy } from '../helpers/intercepting-proxy.js';
import { pushTestImage } from '../helpers/oci-push.js';
import { startRegistry, type TestRegistry } from '../helpers/registry.js';

// Retries as in a real run (a registry answers 5xx now and then: distribution 2.8 to concurrent PUTs of
// one manifest in one repository, seen on a loaded machine), but quickly; a 400 is never retried.
const FAST = { attempts: 3, baseMs: 10, maxMs: 50 };

interface RefusingProxy {
  host: string;
  /** PUTs of these manifest tags are answered 400 TAG_INVALID (Harbor-style tag immutability). */
  refuse: Set<string>;
  /** `METHOD path` of every request, in arrival order. */
  seen: string[];
  stop(): Promise<void>;
}

async function startRefusingProxy(target: string): Promise<RefusingProxy> {
  const proxy: RefusingProxy = { host: '', refuse: new Set(), seen: [], stop: async () => {} };
  const server = await startInterceptingProxy(target, (req, res) => {
    const path = req.url ?? '';
    proxy.seen.push(`${req.method} ${path}`);
    const tag = /\/manifests\/([^/?]+)$/.exec(path)?.[1];
    if (req.method !== 'PUT' || !tag || !proxy.refuse.has(tag)) return false;
    res.writeHead(400, { 'content-type': 'application/json' }).end('{"errors":[{"code":"TAG_INVALID","message":"the tag is immutable"}]}');
    return true;
  });
  proxy.host = server.host;
  proxy.stop = server.stop;
  return proxy;
}

describe('moving tags: at once, one manifest read, nothing half-published', () => {
  let registry: TestRegistry;
  let proxy: RefusingProxy;
  let client: RegistryClient;
  let oldImage: string;
  let newImage: string;
  const at = (repo: string, tag: string) => parseReference(`${proxy.host}/${repo}:${tag}`);
  const digestOf = async (repo: string, tag: string) => (await client.headManifest(at(repo, tag)))?.digest;
  const groups = () => groupTags(['a/app:latest', 'a/app:master', 'a/app:2026-01-02', 'b/app:latest', 'b/app:master'].map((t) => `${proxy.host}/${t}`));

  beforeAll(async () => {
    registry = await startRegistry();
    proxy = await startRefusingProxy(registry.host);
    client = new RegistryClient({ retry: FAST });
    // Last night's image under latest and master in both repositories; tonight's under its key tag
    // (the same bytes in both, as one push to two repositories makes them).
    for (const repo of ['a/app', 'b/app']) {
      oldImage = (await pushTestImage(proxy.host, repo, { tag: 'latest', content: 'last night', created: '2026-01-01T03:00:00Z' })).digest;
      await client.retag(at(repo, 'latest'), ['master']);
      newImage = (await pushTestImage(proxy.host, repo, { tag: 'inputs-k', content: 'tonight', created: '2026-01-02T03:00:00Z' })).digest;
    }
  });
  afterAll(async () => {
    await proxy.stop();
    await registry.stop();
  });
  beforeEach(() => {
    proxy.seen.length = 0;
    proxy.refuse.clear();
  });

  it('a refused PUT moves nothing for good: the tags that went through are put back, and the error says so', async () => {
    proxy.refuse.add('2026-01-02');
    const before = await currentTags(client, groups());
    expect([...before.values()]).toEqual([oldImage, oldImage, undefined, oldImage, oldImage]);
    const digests = new Map([`${proxy.host}/a/app`, `${proxy.host}/b/app`].map((name) => [name, newImage]));
    const error = await moveTags(client, groups(), 'inputs-k', { digests, before }).then(() => new Error('moved'), (e: unknown) => e as Error);
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toMatch(new RegExp(`^${proxy.host.replace(/\./g, '\\.')}/a/app:2026-01-02 could not be moved: .*400.*; the 4 tags moved with it were put back where they were$`));
    for (const repo of ['a/app', 'b/app']) for (const tag of ['latest', 'master']) expect(await digestOf(repo, tag)).toBe(oldImage);
    expect(await digestOf('a/app', '2026-01-02')).toBeUndefined();
    // One GET of tonight's manifest served every PUT of both repositories (same registry, same image).
    expect(proxy.seen.filter((l) => l.startsWith('GET ') && l.endsWith(`/manifests/${newImage}`))).toHaveLength(1);
  });

  it('with every PUT accepted, every tag is on the new image, from one manifest read', async () => {
    const before = await currentTags(client, groups());
    const digests = new Map([`${proxy.host}/a/app`, `${proxy.host}/b/app`].map((name) => [name, newImage]));
    const moved = await moveTags(client, groups(), 'inputs-k', { digests, before });
    expect([...moved.values()]).toEqual([newImage, newImage]);
    for (const [repo, tag] of [['a/app', 'latest'], ['a/app', 'master'], ['a/app', '2026-01-02'], ['b/app', 'latest'], ['b/app', 'master']] as const) expect(await digestOf(repo, tag)).toBe(newImage);
    expect(proxy.seen.filter((l) => l.startsWith('GET ') && /\/manifests\//.test(l))).toHaveLength(1);
    expect(proxy.seen.filter((l) => l.startsWith('PUT '))).toHaveLength(5);
  });

  it('a tag already on the image is not PUT again', async () => {
    const before = await currentTags(client, groups());
    proxy.seen.length = 0;
    const digests = new Map([`${proxy.host}/a/app`, `${proxy.host}/b/app`].map((name) => [name, newImage]));
    await moveTags(client, groups(), 'inputs-k', { digests, before });
    expect(proxy.seen.filter((l) => l.startsWith('PUT '))).toEqual([]);
  });

  it('a new tag that went through cannot be taken back where the registry deletes no tag (distribution 2.8): the error names it', async () => {
    const some = groupTags([`${proxy.host}/a/app:fresh`, `${proxy.host}/a/app:sumac.1`]);
    proxy.refuse.add('sumac.1');
    const error = await moveTags(client, some, 'inputs-k', { before: await currentTags(client, some) }).then(() => new Error('moved'), (e: unknown) => e as Error);
    expect(error.message).toContain(`; the tags moved with it were put back, except ${proxy.host}/a/app:fresh, which stay on the new image (a new tag this registry does not let us delete)`);
    expect(proxy.seen.some((l) => l === 'DELETE /v2/a/app/manifests/fresh')).toBe(true);
  });

  it('a refused PUT with nothing else moved fails with the registry\'s own error, and no tag moves', async () => {
    const only = groupTags([`${proxy.host}/a/app:teak.1`]);
    proxy.refuse.add('teak.1');
    const error = await moveTags(client, only, 'inputs-k', { before: await currentTags(client, only) }).then(() => new Error('moved'), (e: unknown) => e as Error);
    expect(error.message).toMatch(/PUT .*a\/app:teak\.1 failed with .*400/);
    expect(await digestOf('a/app', 'teak.1')).toBeUndefined();
  });
});
