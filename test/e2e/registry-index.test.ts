// The multi-platform index the distributed workflow's merge job makes: per-platform images pushed
// by digest, combined registry-side into one index, pushed by digest and then under every tag.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RegistryClient } from '../../src/registry/client.js';
import { createIndex } from '../../src/registry/create-index.js';
import { OCI_INDEX, type ImageIndex } from '../../src/registry/media-types.js';
import { parseReference } from '../../src/registry/reference.js';
import { pushTestImage } from '../helpers/oci-push.js';
import { startRegistry, type TestRegistry } from '../helpers/registry.js';

describe('createIndex', () => {
  let registry: TestRegistry;
  beforeAll(async () => {
    registry = await startRegistry();
  });
  afterAll(() => registry.stop());

  it('combines per-platform digests into one index, then tags it', async () => {
    const amd = await pushTestImage(registry.host, 'ns/multi', { content: 'amd64 build', architecture: 'amd64' });
    const arm = await pushTestImage(registry.host, 'ns/multi', { content: 'arm64 build', architecture: 'arm64' });
    const client = new RegistryClient();
    const repo = parseReference(`${registry.host}/ns/multi`);
    const index = await createIndex(
      client,
      repo,
      [
        { platform: 'linux/amd64', digest: amd.digest },
        { platform: 'linux/arm64/v8', digest: arm.digest },
      ],
      ['latest', 'master'],
      { 'org.opencontainers.image.revision': 'abc' },
    );
    expect(index.mediaType).toBe(OCI_INDEX);
    const byDigest = await client.getManifest({ ...repo, digest: index.digest });
    expect(byDigest?.descriptor.digest).toBe(index.digest);
    const doc = byDigest!.json as ImageIndex;
    expect(doc.manifests.map((m) => [m.digest, m.platform])).toEqual([
      [amd.digest, { os: 'linux', architecture: 'amd64' }],
      [arm.digest, { os: 'linux', architecture: 'arm64', variant: 'v8' }],
    ]);
    for (const tag of ['latest', 'master']) expect((await client.headManifest({ ...repo, tag }))?.digest).toBe(index.digest);
    // The index was stored by digest before any tag pointed at it.
    const puts = registry
      .log()
      .split('\n')
      .filter((l) => /"PUT \/v2\/ns\/multi\/manifests\//.test(l))
      .map((l) => /manifests\/([^ ]+) /.exec(l)?.[1]);
    expect(puts.slice(-3)).toEqual([index.digest, 'latest', 'master']);
  });

  it('refuses a digest that is not in the repository, leaving the tags alone', async () => {
    const client = new RegistryClient();
    const repo = parseReference(`${registry.host}/ns/multi2`);
    const one = await pushTestImage(registry.host, 'ns/multi2', { content: 'x', tag: 'keep' });
    const missing = 'sha256:' + '0'.repeat(64);
    await expect(
      createIndex(
        client,
        repo,
        [
          { platform: 'linux/amd64', digest: one.digest },
          { platform: 'linux/arm64', digest: missing },
        ],
        ['keep'],
      ),
    ).rejects.toThrow(`${registry.host}/ns/multi2@${missing} is not in the registry: push every platform's image before making the index`);
    expect((await client.headManifest({ ...repo, tag: 'keep' }))?.digest).toBe(one.digest);
  });
});
