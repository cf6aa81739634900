// A registry and its token service on loopback that answer some requests the way a careless proxy
// or a hostile server would: a chosen status with a body and headers that repeat the request (its
// Authorization header, the decoded user:password, the password base64- and percent-encoded, the
// POSTed form, the bearer token), or a huge body, or one that trickles and never ends, or a
// redirect to another host, or a challenge whose token service is on another host. Everything else
// they answer as a small registry with Bearer auth would (a real distribution registry cannot be
// told to misbehave, so this one is ours; it is a test server, not a stand-in for a registry's
// storage: manifests are always missing).
//
// Hosts: the registry on 127.0.0.1:R, its token service on 127.0.0.1:T (the same host, another
// port, as distribution's token servers commonly run), and "another host" on 127.0.0.2:F — another
// address is another machine as far as credentials go (src/registry/realm.ts says why).
//
// `to` chooses whose requests get the hostile answer: our registry client (user agent
// `oep45-action/…`) or the engine (docker login, BuildKit's pushes: any other user agent), so that
// one server tests either path while the other gets through.

import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type HostileAnswer =
  /** This status, with a body that repeats the request in the given shape, and headers that do too. */
  | { status: number; body?: 'json-errors' | 'json-details' | 'text' | 'html' }
  /** 500 with a body of `bytes` (the echo at its start and its end), streamed. */
  | { huge: number }
  /** 400 whose body (the echo) arrives a character at a time and never ends. */
  | { slow: true }
  /** 307 to the same path on another host, which asks for credentials itself. */
  | { redirect: 'another-host' }
  /** The registry's challenge names a token service on another host (registry only). */
  | { realm: 'another-host' };

export interface Hostility {
  at: 'token' | 'registry';
  to: 'client' | 'engine';
  answer: HostileAnswer;
  /** Only requests whose path matches (default: all of `at`'s). */
  path?: RegExp;
  /** Only requests of this method. */
  method?: string;
  /**
   * Only requests that carry credentials (a Basic credential or a bearer token), so that the echo
   * has one to repeat; the registry's default (its first, anonymous request gets the usual
   * challenge). The token service is always sent the Basic credential.
   */
  authenticated?: boolean;
}

export interface Seen {
  server: 'registry' | 'token' | 'another-host';
  method: string;
  url: string;
  userAgent: string;
  authorization?: string;
  body: string;
  hostile: boolean;
}

export interface HostileServers {
  /** The registry, `127.0.0.1:R`. */
  registry: string;
  /** Its token service's origin, `http://127.0.0.1:T`. */
  token: string;
  /** The other host, `127.0.0.2:F`. */
  anotherHost: string;
  seen: Seen[];
  /** Every bearer token the token service (or the other host) handed out, and to whom. */
  issued: Array<{ token: string; client: boolean; server: 'token' | 'another-host' }>;
  stop(): Promise<void>;
}

const fromClient = (req: http.IncomingMessage): boolean => (req.headers['user-agent'] ?? '').startsWith('oep45-action/');

/** What a careless server says back: every form of the credential it was sent. */
export function echoOf(req: http.IncomingMessage, body: string): string {
  const auth = req.headers.authorization ?? '';
  const decoded = auth.startsWith('Basic ') ? Buffer.from(auth.slice(6), 'base64').toString('utf8') : '';
  const password = decoded.slice(decoded.indexOf(':') + 1) || new URLSearchParams(body).get('password') || '';
  return [
    `you sent ${req.method} ${req.url} authorization=${auth}`,
    decoded && `(decoded: ${decoded})`,
    password && `password=${encodeURIComponent(password)} base64=${Buffer.from(password).toString('base64')}`,
    body && `body=${body}`,
    `headers=${JSON.stringify(req.headers)}`,
  ]
    .filter(Boolean)
    .join(' ');
}

function shaped(shape: string, status: number, echo: string): { type: string; text: string } {
  switch (shape) {
    case 'json-details':
      return { type: 'application/json', text: JSON.stringify({ details: echo }) };
    case 'text':
      return { type: 'text/plain', text: `${echo}\nrequest headers follow\n${echo}\n` };
    case 'html':
      return { type: 'text/html', text: `<!DOCTYPE html><html><head><title>${status} ${echo}</title></head><body><pre>${echo}</pre></body></html>` };
    default:
      return { type: 'application/json', text: JSON.stringify({ errors: [{ code: 'DENIED', message: echo, detail: echo }] }) };
  }
}

/** Headers that repeat the request (header values cannot hold every character: latin1, no line breaks). */
function echoHeaders(req: http.IncomingMessage, echo: string): Record<string, string> {
  const safe = (v: string): string => v.replace(/[^\x20-\x7e]/g, '?');
  const auth = req.headers.authorization ?? '';
  return { 'x-echo-authorization': safe(auth), 'x-echo-request': safe(echo).slice(0, 4000), 'set-cookie': `session=${safe(auth).replace(/[;,\s]/g, '_')}` };
}

function listen(server: http.Server, address: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, address, () => resolve((server.address() as AddressInfo).port));
  });
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

export async function startHostileServers(users: Record<string, string>, hostility: Hostility): Promise<HostileServers> {
  const seen: Seen[] = [];
  const issued: HostileServers['issued'] = [];
  const tokens = new Set<string>();
  const origins = { registry: '', token: '', anotherHost: '' };
  const service = 'oep45-hostile-test';
  const sockets = new Set<Socket>();

  const issue = (server: 'token' | 'another-host', req: http.IncomingMessage, res: http.ServerResponse, field: 'token' | 'access_token'): void => {
    const token = `tok-${randomUUID()}`;
    tokens.add(token);
    issued.push({ token, client: fromClient(req), server });
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ [field]: token, expires_in: 300 }));
  };

  /** Answers with the hostile answer when this request is the one chosen; says whether it did. */
  const hostile = (at: Hostility['at'], req: http.IncomingMessage, res: http.ServerResponse, body: string): boolean => {
    if (hostility.at !== at || fromClient(req) !== (hostility.to === 'client')) return false;
    if (hostility.path && !hostility.path.test(req.url ?? '')) return false;
    if (hostility.method && hostility.method !== req.method) return false;
    if ((hostility.authenticated ?? at === 'registry') && !req.headers.authorization) return false;
    const answer = hostility.answer;
    if ('realm' in answer) return false; // the challenge itself is hostile, below
    const echo = echoOf(req, body);
    if ('redirect' in answer) {
      res.writeHead(307, { location: `http://${origins.anotherHost}${req.url}`, ...echoHeaders(req, echo) }).end(echo);
      return true;
    }
    if ('huge' in answer) {
      res.writeHead(500, { 'content-type': 'text/plain', ...echoHeaders(req, echo) });
      const chunk = Buffer.alloc(1 << 16, 'z');
      let sent = 0;
      const pump = (): void => {
        if (sent === 0) res.write(`${echo}\n`);
        while (!res.destroyed && sent < answer.huge) {
          sent += chunk.length;
          if (!res.write(chunk)) return;
        }
        if (!res.destroyed) res.end(`\n${echo}\n`);
      };
      res.on('drain', pump);
      res.on('error', () => {});
      pump();
      return true;
    }
    if ('slow' in answer) {
      res.writeHead(400, { 'content-type': 'text/plain', ...echoHeaders(req, echo) });
      let i = 0;
      const timer = setInterval(() => res.write(echo[i++ % echo.length]!), 40);
      res.on('close', () => clearInterval(timer));
      res.on('error', () => {});
      return true;
    }
    const { type, text } = shaped(answer.body ?? 'json-errors', answer.status, echo);
    const extra: Record<string, string> = {};
    if (answer.status === 429) extra['retry-after'] = '0';
    if (answer.status === 401) extra['www-authenticate'] = `Bearer realm="${origins.token}/token",service="${service}",error="${echoHeaders(req, echo)['x-echo-authorization']}"`;
    res.writeHead(answer.status, { 'content-type': type, ...echoHeaders(req, echo), ...extra }).end(text);
    return true;
  };

  const record = (server: Seen['server'], req: http.IncomingMessage, body: string, wasHostile: boolean): void => {
    seen.push({ server, method: req.method ?? '', url: req.url ?? '', userAgent: req.headers['user-agent'] ?? '', authorization: req.headers.authorization, body, hostile: wasHostile });
  };

  const basicUser = (req: http.IncomingMessage, body: string): string | undefined => {
    const auth = req.headers.authorization ?? '';
    if (auth.startsWith('Basic ')) {
      const text = Buffer.from(auth.slice(6), 'base64').toString('utf8');
      const colon = text.indexOf(':');
      const [user, password] = [text.slice(0, colon), text.slice(colon + 1)];
      return users[user] === password ? user : undefined;
    }
    // containerd's OAuth2 form: grant_type=password&username=…&password=…
    const form = new URLSearchParams(body);
    const user = form.get('username') ?? '';
    return form.get('grant_type') === 'password' && users[user] === form.get('password') ? user : undefined;
  };

  const tokenServer = http.createServer(async (req, res) => {
    const body = await readBody(req);
    const wasHostile = hostile('token', req, res, body);
    record('token', req, body, wasHostile);
    if (wasHostile) return;
    if (!basicUser(req, body)) return void res.writeHead(401, { 'content-type': 'application/json' }).end('{"details":"incorrect username or password"}');
    issue('token', req, res, req.method === 'POST' ? 'access_token' : 'token');
  });

  const registryServer = http.createServer(async (req, res) => {
    const body = await readBody(req);
    const wasHostile = hostile('registry', req, res, body);
    record('registry', req, body, wasHostile);
    if (wasHostile) return;
    const bearer = req.headers.authorization?.startsWith('Bearer ') ? req.headers.authorization.slice(7) : undefined;
    if (!bearer || !tokens.has(bearer)) {
      const foreignRealm = 'realm' in hostility.answer && fromClient(req) === (hostility.to === 'client');
      const realm = foreignRealm ? `http://${origins.anotherHost}/token` : `${origins.token}/token`;
      return void res
        .writeHead(401, { 'content-type': 'application/json', 'www-authenticate': `Bearer realm="${realm}",service="${service}"` })
        .end('{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}');
    }
    if (req.url === '/v2/' || req.url === '/v2') return void res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    res.writeHead(404, { 'content-type': 'application/json' }).end('{"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown"}]}');
  });

  // The other host: asks for credentials of its own, and would take any it is sent.
  const anotherHost = http.createServer(async (req, res) => {
    const body = await readBody(req);
    record('another-host', req, body, false);
    if (req.url?.startsWith('/token')) return issue('another-host', req, res, 'token');
    res.writeHead(401, { 'www-authenticate': `Bearer realm="http://${origins.anotherHost}/token",service="elsewhere"`, 'content-type': 'application/json' }).end('{"errors":[{"code":"UNAUTHORIZED"}]}');
  });

  for (const server of [tokenServer, registryServer, anotherHost]) server.on('connection', (s) => (sockets.add(s), s.on('close', () => sockets.delete(s))));
  origins.token = `http://127.0.0.1:${await listen(tokenServer, '127.0.0.1')}`;
  origins.registry = `127.0.0.1:${await listen(registryServer, '127.0.0.1')}`;
  origins.anotherHost = `127.0.0.2:${await listen(anotherHost, '127.0.0.2')}`;
  return {
    registry: origins.registry,
    token: origins.token,
    anotherHost: origins.anotherHost,
    seen,
    issued,
    async stop() {
      for (const socket of sockets) socket.destroy();
      await Promise.all([tokenServer, registryServer, anotherHost].map((s) => new Promise((r) => s.close(r))));
    },
  };
}
