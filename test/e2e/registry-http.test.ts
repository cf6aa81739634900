// The registry client's HTTP (src/registry/http.ts, node:http in place of fetch) against real
// servers on loopback: redirects as fetch follows them (credentials never sent to another origin,
// 303 continues as a GET without the body, 307 repeats the request), the timeout, a refused
// connection with its system code as `cause`, and the answer's headers and body; and what a
// server can send is bounded: endless and slow bodies, a redirect's body, the URL that answered.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { freePort } from '../helpers/registry.js';
import { httpRequest } from '../../src/registry/http.js';
import { ERROR_BODY_BYTES, ERROR_BODY_MS } from '../../src/registry/answer.js';
import { withRetries } from '../../src/registry/retry.js';

interface Seen {
  method: string;
  url: string;
  authorization?: string;
  body: string;
  contentType?: string;
}

function server(handler: (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void): Promise<{ origin: string; seen: Seen[]; close(): Promise<void> }> {
  const seen: Seen[] = [];
  const s = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      seen.push({ method: req.method!, url: req.url!, authorization: req.headers.authorization, body, contentType: req.headers['content-type'] });
      handler(req, res, body);
    });
  });
  return new Promise((resolve) =>
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      resolve({ origin: `http://127.0.0.1:${port}`, seen, close: () => new Promise((r) => s.close(() => r())) });
    }),
  );
}

describe('httpRequest', () => {
  let storage: Awaited<ReturnType<typeof server>>;
  let api: Awaited<ReturnType<typeof server>>;
  beforeAll(async () => {
    storage = await server((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.end('blob bytes');
    });
    api = await server((req, res, body) => {
      const to = (status: number, location: string) => {
        res.writeHead(status, { location });
        res.end();
      };
      if (req.url === '/elsewhere') return to(307, `${storage.origin}/blob`);
      if (req.url === '/here') return to(302, '/final');
      if (req.url === '/see-other') return to(303, '/final');
      if (req.url === '/repeat') return to(307, '/final');
      if (req.url === '/loop') return to(302, '/loop');
      if (req.url === '/slow') return; // never answers
      res.setHeader('www-authenticate', ['Bearer realm="a"', 'Basic realm="b"']);
      res.writeHead(req.url === '/missing' ? 404 : 200, { 'content-type': 'application/json', 'docker-content-digest': 'sha256:abc' });
      res.end(JSON.stringify({ method: req.method, body }));
    });
  });
  afterAll(async () => {
    await storage.close();
    await api.close();
  });

  it('follows a redirect to another origin without the credentials', async () => {
    const r = await httpRequest(`${api.origin}/elsewhere`, { method: 'GET', headers: { authorization: 'Bearer secret' }, timeoutMs: 5000 });
    expect([r.status, await r.text()]).toEqual([200, 'blob bytes']);
    expect(api.seen.at(-1)!.authorization).toBe('Bearer secret');
    expect(storage.seen.at(-1)!.authorization).toBeUndefined();
  });

  it('keeps the credentials on a redirect within the origin', async () => {
    const r = await httpRequest(`${api.origin}/here`, { method: 'GET', headers: { authorization: 'Bearer secret' }, timeoutMs: 5000 });
    expect(r.status).toBe(200);
    expect(api.seen.at(-1)).toMatchObject({ url: '/final', authorization: 'Bearer secret' });
  });

  const redirects: Array<[string, string, { method: string; body: string; contentType?: string }]> = [
    ['303 continues as a GET without the body', '/see-other', { method: 'GET', body: '' }],
    ['307 repeats the PUT with its body', '/repeat', { method: 'PUT', body: '{"a":1}', contentType: 'application/json' }],
  ];
  for (const [what, path, expected] of redirects) {
    it(what, async () => {
      const r = await httpRequest(`${api.origin}${path}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: Buffer.from('{"a":1}'), timeoutMs: 5000 });
      expect(r.status).toBe(200);
      expect(api.seen.at(-1)).toMatchObject({ url: '/final', ...expected });
      if (!expected.contentType) expect(api.seen.at(-1)!.contentType).toBeUndefined();
    });
  }

  it('gives up after 20 redirects', async () => {
    await expect(httpRequest(`${api.origin}/loop`, { method: 'GET', timeoutMs: 5000 })).rejects.toThrow(/more than 20 redirects/);
  });

  it('reads the answer: status, headers (repeated ones joined, any case), body as text, JSON or bytes', async () => {
    const r = await httpRequest(`${api.origin}/ok`, { method: 'POST', body: Buffer.from('x'), timeoutMs: 5000 });
    expect([r.status, r.ok]).toEqual([200, true]);
    expect(r.headers.get('Docker-Content-Digest')).toBe('sha256:abc');
    expect(r.headers.get('www-authenticate')).toBe('Bearer realm="a", Basic realm="b"');
    expect(r.headers.get('x-none')).toBeNull();
    expect(await r.json()).toEqual({ method: 'POST', body: 'x' });
    expect(Buffer.from(await r.arrayBuffer()).toString('utf8')).toBe('{"method":"POST","body":"x"}');
    const missing = await httpRequest(`${api.origin}/missing`, { method: 'HEAD', timeoutMs: 5000 });
    expect([missing.status, missing.ok]).toEqual([404, false]);
    await missing.body?.cancel();
  });

  it('times out as fetch does (TimeoutError), whatever the server does', async () => {
    const error = await httpRequest(`${api.origin}/slow`, { method: 'GET', timeoutMs: 200 }).catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(Error);
    expect([(error as Error).name, (error as Error).message]).toEqual(['TimeoutError', 'The operation was aborted due to timeout']);
  });

  it('a refused connection fails with the system error as its cause', async () => {
    const port = await freePort();
    const error: unknown = await httpRequest(`http://127.0.0.1:${port}/v2/`, { method: 'GET', timeoutMs: 5000 }).catch((e: unknown) => e);
    expect((error as { cause?: { code?: string } }).cause?.code).toBe('ECONNREFUSED');
  });
});

describe('httpRequest: what a server sends is bounded', () => {
  let endless: Awaited<ReturnType<typeof server>>;
  beforeAll(async () => {
    endless = await server((req, res) => {
      // Streams for as long as the client reads: a client that read it whole would never finish.
      const status = req.url === '/ok' || req.url === '/elsewhere' ? 200 : req.url === '/redirect' ? 302 : 500;
      res.writeHead(status, { 'content-type': 'text/plain', ...(status === 302 ? { location: '/elsewhere' } : {}) });
      if (req.url === '/elsewhere') return res.end('arrived');
      if (req.url === '/trickle') {
        const timer = setInterval(() => res.write('x'), 50);
        res.on('close', () => clearInterval(timer));
        return;
      }
      const chunk = Buffer.alloc(64 * 1024, 'y');
      const pump = (): void => {
        while (!res.destroyed && res.write(chunk));
      };
      res.on('drain', pump);
      pump();
    });
  });
  afterAll(() => endless.close());

  it(`keeps the first ${ERROR_BODY_BYTES} bytes of an error's endless body, and stops reading`, async () => {
    const r = await httpRequest(`${endless.origin}/error`, { method: 'GET', timeoutMs: 30_000 });
    expect([r.status, r.truncated, (await r.text()).length]).toEqual([500, true, ERROR_BODY_BYTES]);
  });

  it('refuses a successful answer larger than maxBytes, once (not retried: it would come again)', async () => {
    let attempts = 0;
    const started = Date.now();
    const error = await withRetries(
      () => {
        attempts++;
        return httpRequest(`${endless.origin}/ok`, { method: 'GET', timeoutMs: 30_000, maxBytes: 1 << 20 });
      },
      { attempts: 5, baseMs: 1, maxMs: 1 },
    ).catch((e: unknown) => e as Error);
    expect((error as Error).message).toMatch(/^GET http:\/\/127\.0\.0\.1:\d+\/ok: the answer is larger than 1 MiB, refused$/);
    expect(attempts).toBe(1);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it(`waits no more than ${ERROR_BODY_MS} ms for a slow error body, and keeps what came`, async () => {
    const started = Date.now();
    const r = await httpRequest(`${endless.origin}/trickle`, { method: 'GET', timeoutMs: 30_000 });
    const took = Date.now() - started;
    expect([r.status, r.truncated]).toEqual([500, true]);
    expect((await r.text()).length).toBeGreaterThan(5);
    expect(took).toBeGreaterThanOrEqual(ERROR_BODY_MS - 50);
    expect(took).toBeLessThan(ERROR_BODY_MS + 2000);
  });

  it("reads no redirect's body, and says which URL answered", async () => {
    const r = await httpRequest(`${endless.origin}/redirect`, { method: 'GET', timeoutMs: 30_000 });
    expect([r.status, await r.text(), r.url, r.truncated]).toEqual([200, 'arrived', `${endless.origin}/elsewhere`, false]);
  });
});

describe('httpRequest: a kept-alive socket the server resets as it is reused', () => {
  it('sends the request again on a new socket, once', async () => {
    // A raw server: answers the first request on a connection and keeps it open; resets the
    // connection (RST) when a second request comes on it, as a server whose idle timeout just ran out.
    let connections = 0;
    const server = net.createServer((socket) => {
      connections++;
      let requests = 0;
      socket.on('data', () => {
        if (++requests > 1) return socket.resetAndDestroy();
        socket.write('HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: keep-alive\r\n\r\nok');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const first = await httpRequest(`${origin}/a`, { method: 'GET', timeoutMs: 5000 });
      const second = await httpRequest(`${origin}/b`, { method: 'GET', timeoutMs: 5000 });
      expect([first.status, await first.text(), second.status, await second.text()]).toEqual([200, 'ok', 200, 'ok']);
      expect(connections).toBe(2);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
