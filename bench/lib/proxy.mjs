// Starts proxy-server.mjs in front of a registry and reads its upload counts per window.

import { fork } from 'node:child_process';
import { join } from 'node:path';

export async function startCountingProxy(registryHost) {
  const child = fork(join(import.meta.dirname, 'proxy-server.mjs'), [registryHost.split(':')[1]], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const port = await new Promise((resolve, reject) => {
    child.once('message', (m) => resolve(m.port));
    child.once('exit', (code) => reject(new Error(`the counting proxy exited (${code})`)));
  });
  return {
    host: `127.0.0.1:${port}`,
    /** What went up since the last call. */
    take() {
      return new Promise((resolve) => {
        child.once('message', (m) => resolve(m.counts));
        child.send('take');
      });
    },
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)));
    },
  };
}
