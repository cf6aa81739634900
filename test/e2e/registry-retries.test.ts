// Retries shown against a loopback proxy in front of the real registry that answers 503 or 429
// a few times before letting requests through.
import type { IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RegistryClient } from '../../src/registry/client.js';
import { parseReference } from '../../src/registry/reference.js';
import { pushTestImage } from '../helpers/oci-push.js';
import { startInterceptingProxy } from '../helpers/intercepting-proxy.js';
import { startRegistry, type TestRegistry } from '../helpers/registry.js';

interface FlakyProxy {
  host: string;
  /** Answers to give before passing requests through: a status, with Retry-After for 429. */
  failures: Array<{ status: number; retryAfter?: string }>;
  /** `time status method path` of every request. */
  seen: Array<{ at: number; status: number; method: string; path: string }>;
  stop(): Promise<void>;
}

async function startFlakyProxy(target: string): Promise<FlakyProxy> {
  const proxy: FlakyProxy = { host: '', failures: [], seen: [], stop: async () => {} };
  const see = (req: IncomingMessage, status: number) => proxy.seen.push({ at: Date.now(), status, method: req.method ?? '', path: req.url ?? '' });
  const server = await startInterceptingProxy(
    target,
    (req, res) => {
      const failure = proxy.failures.shift();
      if (!failure) return false;
      see(req, failure.status);
      res.writeHead(failure.status, failure.retryAfter ? { 'retry-after': failure.retryAfter } : {}).end('{"errors":[{"code":"UNAVAILABLE","message":"try later"}]}');
      return true;
    },
    see,
  );
  proxy.host = server.host;
  proxy.stop = server.stop;
  return proxy;
}

describe('registry retries through a flaky loopback proxy', () => {
  let registry: TestRegistry;
  let proxy: FlakyProxy;
  let digest: string;
  beforeAll(async () => {
    registry = await startRegistry();
    proxy = await startFlakyProxy(registry.host);
    digest = (await pushTestImage(registry.host, 'ns/app', { tag: 'v1' })).digest;
  });
  afterAll(async () => {
    await proxy.stop();
    await registry.stop();
  });

  it('gets through 503, 503, 429 to the real registry', async () => {
    proxy.seen.length = 0;
    proxy.failures = [{ status: 503 }, { status: 503 }, { status: 429, retryAfter: '0' }];
    const client = new RegistryClient({ retry: { attempts: 5, baseMs: 20, maxMs: 200 } });
    const found = await client.headManifest(parseReference(`${proxy.host}/ns/app:v1`));
    expect(found?.digest).toBe(digest);
    expect(proxy.seen.map((s) => s.status)).toEqual([503, 503, 429, 200]);
  });

  it('waits as long as Retry-After says', async () => {
    proxy.seen.length = 0;
    proxy.failures = [{ status: 429, retryAfter: '1' }];
    const client = new RegistryClient({ retry: { attempts: 3, baseMs: 1, maxMs: 5000 } });
    await client.retag(parseReference(`${proxy.host}/ns/app:v1`), ['again']);
    expect(proxy.seen[0]!.status).toBe(429);
    expect(proxy.seen[1]!.at - proxy.seen[0]!.at).toBeGreaterThanOrEqual(990);
    expect((await client.headManifest(parseReference(`${registry.host}/ns/app:again`)))?.digest).toBe(digest);
  });

  it('stops after the bounded number of attempts, with the registry error in one line', async () => {
    proxy.seen.length = 0;
    proxy.failures = Array.from({ length: 10 }, () => ({ status: 503 }));
    const client = new RegistryClient({ retry: { attempts: 3, baseMs: 5, maxMs: 20 } });
    await expect(client.headManifest(parseReference(`${proxy.host}/ns/app:v1`))).rejects.toThrow(`registry ${proxy.host}: HEAD ${proxy.host}/ns/app:v1 failed with HTTP 503`);
    expect(proxy.seen).toHaveLength(3);
    proxy.failures = [];
  });

  it('does not retry 403', async () => {
    proxy.seen.length = 0;
    proxy.failures = [{ status: 403 }, { status: 403 }];
    const client = new RegistryClient({ retry: { attempts: 5, baseMs: 5, maxMs: 20 } });
    await expect(client.headManifest(parseReference(`${proxy.host}/ns/app:v1`))).rejects.toThrow(`registry ${proxy.host} denied pulling from ${proxy.host}/ns/app (HTTP 403)`);
    expect(proxy.seen).toHaveLength(1);
    proxy.failures = [];
  });
});
