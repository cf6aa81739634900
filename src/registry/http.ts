// HTTP for the registry client, over node:http and node:https rather than `fetch`. Measured here
// (Node 20): the first `fetch` of a process loads undici, about 40 ms, and a process that used it
// takes some 70 ms more to exit; together that was a third of a publish that reuses every image.
// node:http is part of Node's start-up snapshot. What the client needs of `fetch` is kept: a
// Response-like answer (status, headers, body read once), redirects followed (the Authorization
// header dropped when one leaves the origin, as fetch does), a per-request timeout, and network
// failures thrown with the system error as `cause` (so the retries read `cause.code`).
// What a server sends is bounded, so a hostile one cannot fill memory or hold a run: a successful
// answer larger than `maxBytes` is refused; of an error's body only the first ERROR_BODY_BYTES are
// kept, and only what arrives within ERROR_BODY_MS of its status (an excerpt needs no more); a
// redirect's body is not read.

import http from 'node:http';
import https from 'node:https';
import { ERROR_BODY_BYTES, ERROR_BODY_MS } from './answer.js';

/** What the registry client reads of an answer; `fetch`'s Response has the same shape. */
export interface HttpResponse {
  readonly status: number;
  /** The URL that gave this answer, after redirects. */
  readonly url: string;
  /** Whether reading the body stopped before its end (an error's body, cut). */
  readonly truncated: boolean;
  readonly ok: boolean;
  readonly headers: { get(name: string): string | null };
  readonly body: { cancel(): Promise<void> } | null;
  text(): Promise<string>;
  arrayBuffer(): Promise<ArrayBuffer>;
  json(): Promise<unknown>;
}

export interface HttpRequestInit {
  method: string;
  headers?: Record<string, string>;
  body?: Buffer;
  /** For the whole exchange, redirects included. */
  timeoutMs: number;
  /** A successful answer's body larger than this is refused; default MAX_ANSWER_BYTES. */
  maxBytes?: number;
}

/** Manifests, image configs, tag lists and tokens are far smaller (the OCI spec bounds a manifest at 4 MiB). */
export const MAX_ANSWER_BYTES = 16 * 1024 * 1024;

const MAX_REDIRECTS = 20;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** An answer whose body has been read (registry answers are small: manifests, configs, tokens, errors). */
class BufferedResponse implements HttpResponse {
  readonly ok: boolean;
  readonly headers: { get(name: string): string | null };
  readonly body: { cancel(): Promise<void> } | null;

  constructor(
    readonly status: number,
    raw: http.IncomingHttpHeaders,
    private readonly bytes: Buffer,
    readonly url: string,
    readonly truncated: boolean,
  ) {
    this.ok = status >= 200 && status <= 299;
    this.headers = {
      get: (name) => {
        const value = raw[name.toLowerCase()];
        return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
      },
    };
    this.body = { cancel: async () => {} };
  }

  async text(): Promise<string> {
    return this.bytes.toString('utf8');
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    return this.bytes.buffer.slice(this.bytes.byteOffset, this.bytes.byteOffset + this.bytes.byteLength) as ArrayBuffer;
  }

  async json(): Promise<unknown> {
    return JSON.parse(this.bytes.toString('utf8'));
  }
}

/** A failure before any answer: `cause` is the system error (its `code`: ECONNREFUSED, ENOTFOUND, …). */
function networkError(method: string, url: URL, cause: Error): Error {
  return new TypeError(`${method} ${url.origin}${url.pathname} failed: ${cause.message}`, { cause });
}

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  bytes: Buffer;
  truncated: boolean;
}

/** An answer too large to take: not retried (the same server would send it again). */
function tooLarge(method: string, url: URL, limit: number): Error {
  return Object.assign(new TypeError(`${method} ${url.origin}${url.pathname}: the answer is larger than ${limit >= 1 << 20 ? `${Math.round(limit / (1 << 20))} MiB` : `${limit} bytes`}, refused`), { final: true });
}

function once(url: URL, init: HttpRequestInit, deadline: number): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const transport = url.protocol === 'https:' ? https : url.protocol === 'http:' ? http : undefined;
    if (!transport) {
      reject(new TypeError(`${url.protocol} URLs are not supported (${url.origin})`));
      return;
    }
    const headers: Record<string, string> = { ...init.headers };
    if (init.body) headers['content-length'] = String(init.body.length);
    const request = transport.request(url, { method: init.method, headers });
    let settled = false;
    let bodyTimer: NodeJS.Timeout | undefined;
    const settle = (done: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(bodyTimer);
      done();
    };
    const timer = setTimeout(
      () => {
        const error = new Error('The operation was aborted due to timeout');
        error.name = 'TimeoutError';
        settle(() => reject(error));
        request.destroy(error);
      },
      Math.max(0, deadline - Date.now()),
    );
    timer.unref();
    request.on('error', (error) =>
      settle(() => {
        if (error.name === 'TimeoutError') return reject(error);
        // A kept-alive socket the server closed as it was reused: the request never reached it (see httpRequest).
        const stale = request.reusedSocket && (error as NodeJS.ErrnoException).code === 'ECONNRESET';
        reject(Object.assign(networkError(init.method, url, error), stale ? { staleSocket: true } : {}));
      }),
    );
    request.on('response', (response) => {
      const status = response.statusCode ?? 0;
      const answer = (bytes: Buffer, truncated: boolean): Answer => ({ status, headers: response.headers, bytes, truncated });
      if (REDIRECTS.has(status) && response.headers.location) {
        settle(() => resolve(answer(Buffer.alloc(0), true)));
        response.destroy();
        return;
      }
      const success = status >= 200 && status <= 299;
      const limit = success ? (init.maxBytes ?? MAX_ANSWER_BYTES) : ERROR_BODY_BYTES;
      const chunks: Buffer[] = [];
      let size = 0;
      const cut = (): void => {
        settle(() => resolve(answer(Buffer.concat(chunks).subarray(0, limit), true)));
        response.destroy();
      };
      if (!success) {
        bodyTimer = setTimeout(cut, ERROR_BODY_MS);
        bodyTimer.unref();
      }
      response.on('data', (chunk: Buffer) => {
        if (settled) return;
        chunks.push(chunk);
        size += chunk.length;
        if (size <= limit) return;
        if (!success) return cut();
        settle(() => reject(tooLarge(init.method, url, limit)));
        response.destroy();
      });
      response.on('error', (error) => settle(() => reject(networkError(init.method, url, error))));
      response.on('end', () => settle(() => resolve(answer(Buffer.concat(chunks), false))));
    });
    request.end(init.body);
  });
}

/** One request, redirects followed; resolves with the final answer, its body read. */
export async function httpRequest(target: string, init: HttpRequestInit): Promise<HttpResponse> {
  const deadline = Date.now() + init.timeoutMs;
  let url = new URL(target);
  let current: HttpRequestInit = init;
  for (let redirects = 0, stale = 0; ; redirects++) {
    let answer: Answer;
    try {
      answer = await once(url, current, deadline);
    } catch (error) {
      // Node's own advice for a reset kept-alive socket: send again, once, on a new one.
      if ((error as { staleSocket?: boolean }).staleSocket && stale++ === 0) {
        redirects--;
        continue;
      }
      throw error;
    }
    const location = answer.headers.location;
    if (!REDIRECTS.has(answer.status) || !location) return new BufferedResponse(answer.status, answer.headers, answer.bytes, url.toString(), answer.truncated);
    if (redirects >= MAX_REDIRECTS) throw new TypeError(`${init.method} ${new URL(target).origin}: more than ${MAX_REDIRECTS} redirects`);
    const next = new URL(location, url);
    const headers = { ...current.headers };
    // Credentials for the registry are not for the storage it redirects to.
    if (next.origin !== url.origin) for (const name of Object.keys(headers)) if (name.toLowerCase() === 'authorization') delete headers[name];
    // As fetch: 303 (and 301/302 after a POST) continue as a GET without a body; 307/308 repeat the request.
    const toGet = answer.status === 303 ? current.method !== 'HEAD' : (answer.status === 301 || answer.status === 302) && current.method === 'POST';
    current = toGet ? { ...current, method: 'GET', headers: withoutBodyHeaders(headers), body: undefined } : { ...current, headers };
    url = next;
  }
}

function withoutBodyHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !/^content-(type|length|encoding|language|location)$/i.test(name)));
}
