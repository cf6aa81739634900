// A real CNCF distribution registry (Debian's docker-registry) on a free loopback port, with a
// throwaway config and storage, optionally behind htpasswd basic auth.

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import bcrypt from 'bcryptjs';

export interface TestRegistry {
  /** `127.0.0.1:PORT` */
  host: string;
  dir: string;
  /** The registry's own log (one line per request at info level). */
  log(): string;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitUntilUp(host: string, child: ChildProcess, logFile: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`registry exited: ${readFileSync(logFile, 'utf8')}`);
    try {
      const res = await fetch(`http://${host}/v2/`);
      if (res.status === 200 || res.status === 401) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`registry on ${host} did not start`);
}

/** Bearer token auth (distribution's `auth: token:`): tokens signed by a key whose cert is in `rootCertBundle`. */
export interface TokenAuthConfig {
  realm: string;
  service: string;
  issuer: string;
  rootCertBundle: string;
}

export async function startRegistry(options: { users?: Record<string, string>; token?: TokenAuthConfig } = {}): Promise<TestRegistry> {
  const dir = mkdtempSync(join(tmpdir(), 'oep45-registry-'));
  const port = await freePort();
  const host = `127.0.0.1:${port}`;
  const lines = [
    'version: 0.1',
    'log:',
    '  level: info',
    '  accesslog:',
    '    disabled: false',
    'storage:',
    '  filesystem:',
    `    rootdirectory: ${join(dir, 'data')}`,
    '  delete:',
    '    enabled: true',
    'http:',
    `  addr: ${host}`,
  ];
  if (options.users) {
    const htpasswd = Object.entries(options.users)
      .map(([user, password]) => `${user}:${bcrypt.hashSync(password, 6)}`)
      .join('\n');
    writeFileSync(join(dir, 'htpasswd'), htpasswd + '\n');
    lines.push('auth:', '  htpasswd:', '    realm: oep45-test', `    path: ${join(dir, 'htpasswd')}`);
  }
  if (options.token) {
    const t = options.token;
    lines.push('auth:', '  token:', `    realm: ${t.realm}`, `    service: ${t.service}`, `    issuer: ${t.issuer}`, `    rootcertbundle: ${t.rootCertBundle}`);
  }
  writeFileSync(join(dir, 'config.yml'), lines.join('\n') + '\n');
  const logFile = join(dir, 'registry.log');
  const { openSync } = await import('node:fs');
  const fd = openSync(logFile, 'a');
  const child = spawn('docker-registry', ['serve', join(dir, 'config.yml')], { stdio: ['ignore', fd, fd] });
  await waitUntilUp(host, child, logFile);
  return {
    host,
    dir,
    log: () => readFileSync(logFile, 'utf8'),
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
