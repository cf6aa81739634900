// The one engine question the input key asks on every run — `docker image inspect` of a FROM
// image — asked over the engine's API socket instead of through the docker CLI: a CLI process
// takes 20–40 ms to start here, the engine answers over its socket in a few (measured by the
// benchmark; on a no-change publish that was a tenth of the run). Only where the CLI would talk
// to that same socket: DOCKER_HOST unset or `unix://…`, no docker context other than `default`,
// no OEP45_DOCKER (a chosen client may be a wrapper that talks to another engine), not Windows.
// Anything else — or any failure to connect or to read the answer — leaves the question to the
// docker CLI, as before.

import { readFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { dockerConfigDir } from '../registry/credentials.js';

export interface EngineImage {
  id: string;
  repoDigests: string[];
}

/** The engine's socket the docker CLI would use with this environment, or undefined when that cannot be told simply. */
export function engineSocket(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string | undefined {
  if (platform === 'win32' || env.OEP45_DOCKER) return undefined;
  const host = env.DOCKER_HOST?.trim();
  if (host) return host.startsWith('unix://') && host.length > 'unix://'.length ? host.slice('unix://'.length) : undefined;
  if (env.DOCKER_CONTEXT && env.DOCKER_CONTEXT !== 'default') return undefined;
  if (!env.DOCKER_CONTEXT) {
    let current: unknown;
    try {
      current = (JSON.parse(readFileSync(join(dockerConfigDir(env), 'config.json'), 'utf8')) as { currentContext?: unknown }).currentContext;
    } catch (error) {
      // No config file is the default context; a config the CLI would have to make sense of is not.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return undefined;
    }
    if (current !== undefined && current !== '' && current !== 'default') return undefined;
  }
  return '/var/run/docker.sock';
}

/** What a name may hold to go into the API path as it is (the docker CLI sends it unescaped too). */
const PLAIN_REFERENCE = /^[A-Za-z0-9][A-Za-z0-9._/:@-]*$/;

/**
 * `GET /images/{name}/json`: the image's id and repo digests, null when the engine has no such
 * image, undefined when the socket did not give an answer (the caller asks the CLI then).
 */
export function inspectOverSocket(socket: string, reference: string, timeoutMs = 30_000): Promise<EngineImage | null | undefined> {
  if (!PLAIN_REFERENCE.test(reference)) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const request = http.request({ socketPath: socket, path: `/images/${reference}/json`, method: 'GET', headers: { host: 'docker' }, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', () => resolve(undefined));
      response.on('end', () => {
        if (response.statusCode === 404) return resolve(null);
        if (response.statusCode !== 200) return resolve(undefined);
        try {
          const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { Id?: unknown; RepoDigests?: unknown };
          if (typeof body.Id !== 'string') return resolve(undefined);
          const digests = Array.isArray(body.RepoDigests) ? body.RepoDigests.filter((d): d is string => typeof d === 'string') : [];
          resolve({ id: body.Id, repoDigests: digests });
        } catch {
          resolve(undefined);
        }
      });
    });
    request.setTimeout(timeoutMs, () => request.destroy(new Error('timeout')));
    request.on('error', () => resolve(undefined));
    request.end();
  });
}
