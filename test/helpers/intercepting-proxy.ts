// A loopback HTTP proxy in front of a real server (the test registry): every request passes
// through unchanged (the Host header rewritten to the target's), unless `intercept` answers it
// itself — how registry tests make a real registry answer 503, 429 or a refusal on cue.

import { request as httpRequest, createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export interface InterceptingProxy {
  host: string;
  stop(): Promise<void>;
}

/**
 * `intercept(req, res)` returns true when it answered the request; `passed(req, status)` hears the
 * upstream's status of every request that went through.
 */
export async function startInterceptingProxy(
  target: string,
  intercept: (req: IncomingMessage, res: ServerResponse) => boolean,
  passed: (req: IncomingMessage, status: number) => void = () => {},
): Promise<InterceptingProxy> {
  const server: Server = createServer((req, res) => {
    if (intercept(req, res)) {
      req.resume();
      return;
    }
    const [hostname, port] = target.split(':');
    const upstream = httpRequest({ hostname, port: Number(port), method: req.method, path: req.url, headers: { ...req.headers, host: target } }, (up) => {
      passed(req, up.statusCode ?? 0);
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    req.pipe(upstream);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  return {
    host: `127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
    stop: () => new Promise((r) => server.close(() => r())),
  };
}
