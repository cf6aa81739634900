// Where registry credentials come from: the action's inputs first, then the engine's own
// `config.json` (`auths` entries, base64 `user:password`, or a credential helper), so a step that
// ran `docker login` before us is honoured. Values found here are registered as secrets.

import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { RegistryCredential } from '../config/inputs.js';
import { exec } from '../util/exec.js';
import { normalizeRegistry } from './reference.js';

export interface Credential {
  username: string;
  password: string;
}

export type CredentialSource = (registry: string) => Promise<Credential | undefined>;

interface DockerConfig {
  auths?: Record<string, { auth?: string; username?: string; password?: string }>;
  credsStore?: string;
  credHelpers?: Record<string, string>;
}

export function dockerConfigDir(env: NodeJS.ProcessEnv): string {
  return env.DOCKER_CONFIG || join(env.HOME || homedir(), '.docker');
}

function readDockerConfig(env: NodeJS.ProcessEnv): DockerConfig {
  try {
    return JSON.parse(readFileSync(join(dockerConfigDir(env), 'config.json'), 'utf8')) as DockerConfig;
  } catch {
    return {};
  }
}

/** Decodes an `auths` entry: base64 `user:password` in `auth`, or separate fields. */
export function decodeAuthEntry(entry: { auth?: string; username?: string; password?: string }): Credential | undefined {
  if (entry.auth) {
    const text = Buffer.from(entry.auth, 'base64').toString('utf8');
    const colon = text.indexOf(':');
    if (colon > 0) return { username: text.slice(0, colon), password: text.slice(colon + 1) };
  }
  if (entry.username && entry.password) return { username: entry.username, password: entry.password };
  return undefined;
}

/** The `auths` entry for a registry, whatever form its key was written in (scheme, /v1/ path). */
export function findAuthEntry(config: DockerConfig, registry: string): Credential | undefined {
  const want = normalizeRegistry(registry);
  for (const [key, entry] of Object.entries(config.auths ?? {})) {
    if (normalizeRegistry(key) === want) {
      const cred = decodeAuthEntry(entry);
      if (cred) return cred;
    }
  }
  return undefined;
}

async function fromHelper(helper: string, registry: string, env: NodeJS.ProcessEnv): Promise<Credential | undefined> {
  const server = normalizeRegistry(registry) === 'docker.io' ? 'https://index.docker.io/v1/' : registry;
  try {
    const r = await exec(`docker-credential-${helper}`, ['get'], { input: server, env, allowFailure: true, timeoutMs: 10_000 });
    if (r.code !== 0) return undefined;
    const out = JSON.parse(r.stdout) as { Username?: string; Secret?: string };
    return out.Secret ? { username: out.Username ?? '', password: out.Secret } : undefined;
  } catch {
    return undefined;
  }
}

export function credentialSource(
  inputs: readonly RegistryCredential[],
  env: NodeJS.ProcessEnv,
  secret: (value: string) => void,
): CredentialSource {
  const cache = new Map<string, Promise<Credential | undefined>>();
  const lookup = async (registry: string): Promise<Credential | undefined> => {
    const want = normalizeRegistry(registry);
    const given = inputs.find((c) => normalizeRegistry(c.registry) === want);
    if (given) return { username: given.username, password: given.password };
    const config = readDockerConfig(env);
    const helper = config.credHelpers?.[want] ?? config.credHelpers?.[registry] ?? config.credsStore;
    const found = findAuthEntry(config, registry) ?? (helper ? await fromHelper(helper, registry, env) : undefined);
    if (found?.password) secret(found.password);
    return found;
  };
  return (registry) => {
    const key = normalizeRegistry(registry);
    let hit = cache.get(key);
    if (!hit) cache.set(key, (hit = lookup(registry)));
    return hit;
  };
}
