// The OCI Distribution client against the real distribution registry on loopback: anonymous,
// htpasswd Basic auth, and distribution's Bearer token mode with a token service started here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLog } from '../../src/util/log.js';
import { RegistryClient } from '../../src/registry/client.js';
import { RegistryAuthError } from '../../src/registry/errors.js';
import { OCI_MANIFEST } from '../../src/registry/media-types.js';
import { parseReference } from '../../src/registry/reference.js';
import { pushTestImage } from '../helpers/oci-push.js';
import { freePort, startRegistry, type TestRegistry } from '../helpers/registry.js';
import { startTokenServer, type TokenServer } from '../helpers/token-server.js';

const FAST = { attempts: 2, baseMs: 10, maxMs: 50 };

describe('registry client, anonymous', () => {
  let registry: TestRegistry;
  beforeAll(async () => {
    registry = await startRegistry();
  });
  afterAll(() => registry.stop());

  it('reads a manifest by tag and by digest, and says undefined for a missing tag', async () => {
    const pushed = await pushTestImage(registry.host, 'ns/app', { tag: 'v1', content: 'one' });
    const client = new RegistryClient({ retry: FAST });
    const byTag = await client.headManifest(parseReference(`${registry.host}/ns/app:v1`));
    expect(byTag).toEqual({ digest: pushed.digest, mediaType: OCI_MANIFEST, size: pushed.size });
    const byDigest = await client.getManifest(parseReference(`${registry.host}/ns/app@${pushed.digest}`));
    expect(byDigest?.descriptor.digest).toBe(pushed.digest);
    expect(await client.headManifest(parseReference(`${registry.host}/ns/app:nope`))).toBeUndefined();
    expect(await client.headManifest(parseReference(`${registry.host}/ns/unknown:v1`))).toBeUndefined();
  });

  it('re-tags registry-side: the new tags have the same digest and no blob is uploaded', async () => {
    const pushed = await pushTestImage(registry.host, 'ns/retag', { tag: 'inputs-abc', content: 'two' });
    const before = registry.log().split('\n').filter((l) => /POST \/v2\/ns\/retag\/blobs/.test(l)).length;
    const client = new RegistryClient({ retry: FAST });
    const digest = await client.retag(parseReference(`${registry.host}/ns/retag:inputs-abc`), ['latest', 'master']);
    expect(digest).toBe(pushed.digest);
    for (const tag of ['latest', 'master']) expect((await client.headManifest(parseReference(`${registry.host}/ns/retag:${tag}`)))?.digest).toBe(pushed.digest);
    const after = registry.log().split('\n').filter((l) => /POST \/v2\/ns\/retag\/blobs/.test(l)).length;
    expect(after).toBe(before);
    expect((await client.listTags(parseReference(`${registry.host}/ns/retag`))).sort()).toEqual(['inputs-abc', 'latest', 'master']);
  });

  it('lists no tags for an unknown repository, and reads an image config (created, labels)', async () => {
    const client = new RegistryClient({ retry: FAST });
    expect(await client.listTags(parseReference(`${registry.host}/ns/none`))).toEqual([]);
    await pushTestImage(registry.host, 'ns/cfg', { tag: 'x', created: '2024-05-01T00:00:00Z', labels: { a: 'b' } });
    const config = await client.imageConfig(parseReference(`${registry.host}/ns/cfg:x`));
    expect(config?.created).toBe('2024-05-01T00:00:00Z');
    expect(config?.config?.Labels).toEqual({ a: 'b' });
  });

  it('fails with one clear line when nothing answers', async () => {
    const client = new RegistryClient({ retry: FAST });
    const port = await freePort();
    await expect(client.headManifest(parseReference(`127.0.0.1:${port}/ns/app:v1`))).rejects.toThrow(
      new RegExp(`^registry 127\\.0\\.0\\.1:${port} did not answer HEAD /v2/ns/app/manifests/v1: ECONNREFUSED$`),
    );
  });
});

describe('registry client, htpasswd Basic auth', () => {
  let registry: TestRegistry;
  const basic = 'Basic ' + Buffer.from('bob:s3cret-basic').toString('base64');
  beforeAll(async () => {
    registry = await startRegistry({ users: { bob: 's3cret-basic' } });
  });
  afterAll(() => registry.stop());

  it('authenticates with the given credentials', async () => {
    const pushed = await pushTestImage(registry.host, 'ns/app', { tag: 'v1', authorization: basic });
    const client = new RegistryClient({ retry: FAST, credentials: async () => ({ username: 'bob', password: 's3cret-basic' }) });
    await client.ping(registry.host);
    expect((await client.headManifest(parseReference(`${registry.host}/ns/app:v1`)))?.digest).toBe(pushed.digest);
    await client.retag(parseReference(`${registry.host}/ns/app:v1`), ['v2']);
    expect((await client.headManifest(parseReference(`${registry.host}/ns/app:v2`)))?.digest).toBe(pushed.digest);
  });

  it('says the credentials were refused, naming the user and never the password', async () => {
    const client = new RegistryClient({ retry: FAST, credentials: async () => ({ username: 'bob', password: 'wrong-password' }) });
    const error = await client.headManifest(parseReference(`${registry.host}/ns/app:v1`)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RegistryAuthError);
    expect(String((error as Error).message)).toBe(`registry ${registry.host} refused the credentials of user "bob" for pulling from ${registry.host}/ns/app (HTTP 401)`);
    expect(String((error as Error).message)).not.toContain('wrong-password');
  });

  it('says credentials are needed when there are none', async () => {
    const client = new RegistryClient({ retry: FAST });
    await expect(client.ping(registry.host)).rejects.toThrow(`registry ${registry.host} needs credentials for logging in: set registry-username and registry-password, or run docker login first`);
  });
});

describe('registry client, Bearer token challenge flow (distribution token auth)', () => {
  let registry: TestRegistry;
  let tokens: TokenServer;
  beforeAll(async () => {
    tokens = await startTokenServer({ alice: 'token-pass' });
    registry = await startRegistry({ token: tokens.config });
  });
  afterAll(async () => {
    await registry.stop();
    await tokens.stop();
  });

  it('follows the challenge to the token service, then pulls and pushes with the token', async () => {
    const client = new RegistryClient({ retry: FAST, credentials: async () => ({ username: 'alice', password: 'token-pass' }) });
    // Seed the repository through the token flow the engine uses (a token for push, by hand).
    const tokenRes = await fetch(`${tokens.config.realm}?service=${tokens.config.service}&scope=repository:ns/app:pull,push`, {
      headers: { authorization: 'Basic ' + Buffer.from('alice:token-pass').toString('base64') },
    });
    const { token } = (await tokenRes.json()) as { token: string };
    const pushed = await pushTestImage(registry.host, 'ns/app', { tag: 'v1', authorization: `Bearer ${token}` });

    await client.ping(registry.host);
    const ref = parseReference(`${registry.host}/ns/app:v1`);
    expect((await client.headManifest(ref))?.digest).toBe(pushed.digest);
    expect(await client.retag(ref, ['latest'])).toBe(pushed.digest);
    expect(await client.listTags(ref)).toEqual(expect.arrayContaining(['v1', 'latest']));
    // One token per scope, reused: the pull token served HEAD and GET, the push token the PUT.
    expect(tokens.requests).toEqual(expect.arrayContaining(['alice repository:ns/app:pull', 'alice repository:ns/app:pull,push']));
    expect(tokens.requests.filter((r) => r === 'alice repository:ns/app:pull').length).toBe(1);
  });

  it('reports refused credentials from the token service without the password', async () => {
    const client = new RegistryClient({ retry: FAST, credentials: async () => ({ username: 'alice', password: 'not-it' }) });
    const error = (await client.headManifest(parseReference(`${registry.host}/ns/app:v1`)).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(RegistryAuthError);
    expect(error.message).toBe(`registry ${registry.host} refused the credentials of user "alice" (token service answered 401)`);
  });

  it('its token service on the same host at another port is the same site: vetted, then used at once, every form of the token announced', async () => {
    const announced: string[] = [];
    const client = new RegistryClient({ retry: FAST, credentials: async () => ({ username: 'alice', password: 'token-pass' }), log: { ...silentLog, secret: (v) => void announced.push(v) } });
    await client.vetCredentials(registry.host);
    const before = tokens.requests.length;
    const logged = registry.log().split('\n').length;
    await client.headManifest(parseReference(`${registry.host}/ns/app:v1`));
    // The challenge was learnt by the vetting: the HEAD went with a token from the start.
    const heads = registry
      .log()
      .split('\n')
      .slice(logged - 1)
      .map((l) => /"HEAD \/v2\/ns\/app\/manifests\/v1 HTTP\/1\.1" (\d+)/.exec(l)?.[1])
      .filter(Boolean);
    expect(heads).toHaveLength(1);
    expect(heads[0]).not.toBe('401');
    expect(tokens.requests.slice(before)).toEqual(['alice repository:ns/app:pull']);
    expect(announced).toEqual(expect.arrayContaining(['token-pass', `Basic ${Buffer.from('alice:token-pass').toString('base64')}`]));
    expect(announced.some((v) => v.split('.').length === 3)).toBe(true); // the JWT it was handed
  });

  it('anonymous tokens grant nothing here: a clear "needs credentials"', async () => {
    const client = new RegistryClient({ retry: FAST });
    await expect(client.headManifest(parseReference(`${registry.host}/ns/app:v1`))).rejects.toThrow(`registry ${registry.host} needs credentials for pulling from ${registry.host}/ns/app`);
  });
});
