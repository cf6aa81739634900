// A small OCI Distribution client over HTTP (http.ts: node:http, not `fetch`): auth (anonymous, Basic, and the Bearer token
// challenge flow of Docker Hub and GHCR), manifests by tag or digest (HEAD/GET/PUT, Docker and OCI
// media types, images and indexes), tag lists, blobs, and registry-side re-tagging.
// Hand-written because no maintained JS library does this: the npm registry clients are either
// abandoned, pull-only, or wrap the docker CLI; the API surface we need is a dozen requests.
// Every request goes through `withRetries` (network errors, 429, 5xx) and never logs a credential.

import { createHash } from 'node:crypto';
import type { Log } from '../util/log.js';
import { silentLog } from '../util/log.js';
import { VERSION } from '../version.js';
import type { CredentialSource, Credential } from './credentials.js';
import { RegistryAuthError, RegistryError, registryErrorDetail } from './errors.js';
import { httpRequest, type HttpRequestInit, type HttpResponse } from './http.js';
import { MANIFEST_ACCEPT, OCI_MANIFEST, isIndex, type Descriptor, type ImageIndex, type ImageManifest } from './media-types.js';
import { apiBase, formatReference, repositoryName, type ImageRef, type RepositoryRef } from './reference.js';
import { DEFAULT_RETRY, withRetries, type RetryPolicy } from './retry.js';
import { parseWwwAuthenticate, type Challenge } from './www-authenticate.js';

export type Access = 'pull' | 'pull,push';

export interface RegistryClientOptions {
  credentials?: CredentialSource;
  log?: Log;
  retry?: RetryPolicy;
  /** Per attempt. */
  timeoutMs?: number;
}

export interface Manifest {
  descriptor: Descriptor;
  /** The exact bytes: re-tagging PUTs these, so the digest stays the same. */
  body: Buffer;
  json: ImageManifest | ImageIndex;
}

interface RegistryState {
  /** The scheme learnt from the registry's first 401; undefined until then (anonymous). */
  challenge?: Challenge;
  tokens: Map<string, { token: string; expires: number }>;
}

export function sha256Digest(body: Buffer | string): string {
  return `sha256:${createHash('sha256').update(body).digest('hex')}`;
}

/** The token scope for an access; none for the registry's root (`/v2/`, a login check). */
function scopeOf(repo: RepositoryRef, access: Access): string {
  return repo.repository ? `repository:${repo.repository}:${access}` : '';
}

export class RegistryClient {
  private readonly states = new Map<string, RegistryState>();
  private readonly log: Log;
  private readonly retry: RetryPolicy;
  private readonly timeoutMs: number;

  constructor(private readonly options: RegistryClientOptions = {}) {
    this.log = options.log ?? silentLog;
    this.retry = options.retry ?? DEFAULT_RETRY;
    this.timeoutMs = options.timeoutMs ?? 60_000;
  }

  private state(registry: string): RegistryState {
    let s = this.states.get(registry);
    if (!s) this.states.set(registry, (s = { tokens: new Map() }));
    return s;
  }

  private credential(registry: string): Promise<Credential | undefined> {
    return this.options.credentials?.(registry) ?? Promise.resolve(undefined);
  }

  private async send(url: string, init: Omit<HttpRequestInit, 'timeoutMs'>): Promise<HttpResponse> {
    return withRetries(
      () => httpRequest(url, { ...init, timeoutMs: this.timeoutMs }),
      this.retry,
      (why, delay, n) => this.log.debug(`registry: ${init.method} ${url}: ${why}; retry ${n} of ${this.retry.attempts - 1} in ${delay} ms`),
    );
  }

  /** Asks the token service for a Bearer token for `scope`, with the user's credentials if any. */
  private async fetchToken(registry: string, challenge: Challenge, scope: string): Promise<string> {
    const realm = challenge.params.realm;
    if (!realm) throw new RegistryAuthError(`registry ${registry} asked for a Bearer token but named no token service (realm)`);
    const url = new URL(realm);
    if (challenge.params.service) url.searchParams.set('service', challenge.params.service);
    if (scope) url.searchParams.append('scope', scope);
    const cred = await this.credential(registry);
    const headers: Record<string, string> = { 'user-agent': `oep45-action/${VERSION}` };
    if (cred) headers.authorization = `Basic ${Buffer.from(`${cred.username}:${cred.password}`).toString('base64')}`;
    let response: HttpResponse;
    try {
      response = await this.send(url.toString(), { method: 'GET', headers });
    } catch (error) {
      throw new RegistryError(`registry ${registry}: its token service ${url.origin} did not answer (${(error as Error).message})`);
    }
    const text = await response.text();
    if (response.status === 401 || response.status === 403) {
      throw new RegistryAuthError(
        cred
          ? `registry ${registry} refused the credentials of user "${cred.username}" (token service answered ${response.status})`
          : `registry ${registry} needs credentials${scope ? ` for ${scope}` : ''}: set registry-username and registry-password, or run docker login first`,
        response.status,
      );
    }
    if (!response.ok) throw new RegistryError(`registry ${registry}: token service answered ${response.status}: ${registryErrorDetail(text) ?? ''}`.trim(), response.status);
    let body: { token?: string; access_token?: string; expires_in?: number };
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      throw new RegistryError(`registry ${registry}: the token service's answer is not JSON`);
    }
    const token = body.token ?? body.access_token;
    if (!token) throw new RegistryError(`registry ${registry}: the token service gave no token`);
    const state = this.state(registry);
    state.tokens.set(scope, { token, expires: Date.now() + Math.max(30, (body.expires_in ?? 60) - 10) * 1000 });
    return token;
  }

  private async authorization(registry: string, scope: string): Promise<string | undefined> {
    const state = this.state(registry);
    const challenge = state.challenge;
    if (!challenge) return undefined;
    if (challenge.scheme === 'bearer') {
      const cached = state.tokens.get(scope);
      const token = cached && cached.expires > Date.now() ? cached.token : await this.fetchToken(registry, challenge, scope);
      return `Bearer ${token}`;
    }
    if (challenge.scheme === 'basic') {
      const cred = await this.credential(registry);
      return cred ? `Basic ${Buffer.from(`${cred.username}:${cred.password}`).toString('base64')}` : undefined;
    }
    return undefined;
  }

  private async authFailure(registry: string, what: string, status: number, sentAuth: boolean): Promise<RegistryAuthError> {
    const cred = await this.credential(registry);
    if (status === 403) return new RegistryAuthError(`registry ${registry} denied ${what}${cred ? ` to user "${cred.username}"` : ''} (HTTP 403)`, status);
    if (cred && sentAuth) return new RegistryAuthError(`registry ${registry} refused the credentials of user "${cred.username}" for ${what} (HTTP 401)`, status);
    return new RegistryAuthError(`registry ${registry} needs credentials for ${what}: set registry-username and registry-password, or run docker login first`, status);
  }

  /**
   * One API request with auth: sent with what we know of the registry's auth; on a 401, the
   * challenge is read, a credential or token obtained and the request sent once more.
   */
  async request(repo: RepositoryRef, access: Access, method: string, path: string, init: { headers?: Record<string, string>; body?: Buffer } = {}): Promise<HttpResponse> {
    const registry = repo.registry;
    const url = `${apiBase(registry)}${path}`;
    const scope = scopeOf(repo, access);
    const what = !repo.repository ? 'logging in' : `${access === 'pull' ? 'pulling from' : 'pushing to'} ${repositoryName(repo)}`;
    for (let round = 0; ; round++) {
      const auth = await this.authorization(registry, scope);
      const headers: Record<string, string> = { 'user-agent': `oep45-action/${VERSION}`, ...init.headers };
      if (auth) headers.authorization = auth;
      let response: HttpResponse;
      try {
        response = await this.send(url, { method, headers, ...(init.body ? { body: init.body } : {}) });
      } catch (error) {
        const cause = (error as { cause?: { code?: string; message?: string } }).cause;
        throw new RegistryError(`registry ${registry} did not answer ${method} ${path}: ${cause?.code ?? cause?.message ?? (error as Error).message}`);
      }
      if (response.status === 403) {
        await response.body?.cancel().catch(() => {});
        throw await this.authFailure(registry, what, 403, Boolean(auth));
      }
      if (response.status !== 401) return response;
      await response.body?.cancel().catch(() => {});
      const challenge = parseWwwAuthenticate(response.headers.get('www-authenticate')).find((c) => c.scheme === 'bearer' || c.scheme === 'basic');
      const state = this.state(registry);
      const learnt = challenge && (!state.challenge || state.challenge.scheme !== challenge.scheme || state.challenge.params.realm !== challenge.params.realm);
      if (challenge) state.challenge = challenge;
      state.tokens.delete(scope);
      // Try again once after learning the scheme (or with a fresh token); a second refusal is final.
      if (round === 0 && (learnt || auth?.startsWith('Bearer '))) {
        if (challenge?.scheme === 'basic' && !(await this.credential(registry))) throw await this.authFailure(registry, what, 401, false);
        continue;
      }
      throw await this.authFailure(registry, what, 401, Boolean(auth));
    }
  }

  private async fail(response: HttpResponse, registry: string, what: string): Promise<never> {
    const detail = registryErrorDetail(await response.text());
    throw new RegistryError(`registry ${registry}: ${what} failed with HTTP ${response.status}${detail ? `: ${detail}` : ''}`, response.status);
  }

  /** Checks that the registry answers and that the credentials (if any) are good. */
  async ping(registry: string): Promise<void> {
    const url = `${apiBase(registry)}/v2/`;
    const response = await this.request({ registry, repository: '' }, 'pull', 'GET', '/v2/');
    await response.body?.cancel().catch(() => {});
    if (!response.ok) throw new RegistryError(`registry ${registry}: GET ${url} answered ${response.status}`, response.status);
  }

  /** The descriptor of a manifest by tag or digest, or undefined when there is none. */
  async headManifest(ref: ImageRef): Promise<Descriptor | undefined> {
    const reference = ref.digest ?? ref.tag ?? 'latest';
    const response = await this.request(ref, 'pull', 'HEAD', `/v2/${ref.repository}/manifests/${reference}`, { headers: { accept: MANIFEST_ACCEPT } });
    if (response.status === 404) return undefined;
    if (!response.ok) return this.fail(response, ref.registry, `HEAD ${formatReference(ref)}`);
    const digest = response.headers.get('docker-content-digest');
    const mediaType = response.headers.get('content-type')?.split(';')[0]?.trim();
    const size = Number(response.headers.get('content-length') ?? NaN);
    if (!digest || !mediaType || Number.isNaN(size)) {
      // Some registries leave headers out of HEAD answers: read the manifest itself.
      return (await this.getManifest(ref))?.descriptor;
    }
    return { digest, mediaType, size };
  }

  async getManifest(ref: ImageRef): Promise<Manifest | undefined> {
    const reference = ref.digest ?? ref.tag ?? 'latest';
    const response = await this.request(ref, 'pull', 'GET', `/v2/${ref.repository}/manifests/${reference}`, { headers: { accept: MANIFEST_ACCEPT } });
    if (response.status === 404) {
      await response.body?.cancel().catch(() => {});
      return undefined;
    }
    if (!response.ok) return this.fail(response, ref.registry, `GET ${formatReference(ref)}`);
    const body = Buffer.from(await response.arrayBuffer());
    const json = JSON.parse(body.toString('utf8')) as ImageManifest | ImageIndex;
    const mediaType = json.mediaType ?? response.headers.get('content-type')?.split(';')[0]?.trim() ?? OCI_MANIFEST;
    const digest = response.headers.get('docker-content-digest') ?? sha256Digest(body);
    return { descriptor: { mediaType, digest, size: body.length }, body, json };
  }

  /** Stores a manifest under a tag or its digest; returns its digest. */
  async putManifest(repo: RepositoryRef, reference: string, body: Buffer, mediaType: string): Promise<string> {
    const response = await this.request(repo, 'pull,push', 'PUT', `/v2/${repo.repository}/manifests/${reference}`, {
      headers: { 'content-type': mediaType },
      body,
    });
    if (response.status !== 201 && !response.ok) return this.fail(response, repo.registry, `PUT ${repositoryName(repo)}:${reference}`);
    await response.body?.cancel().catch(() => {});
    return response.headers.get('docker-content-digest') ?? sha256Digest(body);
  }

  /** Every tag of a repository (following `Link` pagination); empty when the repository is unknown. */
  async listTags(repo: RepositoryRef): Promise<string[]> {
    const tags: string[] = [];
    let path: string | undefined = `/v2/${repo.repository}/tags/list?n=1000`;
    while (path) {
      const response = await this.request(repo, 'pull', 'GET', path);
      if (response.status === 404) {
        await response.body?.cancel().catch(() => {});
        return tags;
      }
      if (!response.ok) return this.fail(response, repo.registry, `listing the tags of ${repositoryName(repo)}`);
      const body = (await response.json()) as { tags?: string[] | null };
      tags.push(...(body.tags ?? []));
      const next = /<([^>]+)>;\s*rel="?next"?/.exec(response.headers.get('link') ?? '')?.[1];
      path = next ? (next.startsWith('http') ? new URL(next).pathname + new URL(next).search : next) : undefined;
    }
    return tags;
  }

  async getBlob(repo: RepositoryRef, digest: string): Promise<Buffer> {
    const response = await this.request(repo, 'pull', 'GET', `/v2/${repo.repository}/blobs/${digest}`);
    if (!response.ok) return this.fail(response, repo.registry, `GET blob ${digest} of ${repositoryName(repo)}`);
    return Buffer.from(await response.arrayBuffer());
  }

  /** The image config of a manifest (for an index: of its first image that is not an attestation). */
  async imageConfig(ref: ImageRef): Promise<{ created?: string; config?: { Labels?: Record<string, string> | null } } | undefined> {
    let manifest = await this.getManifest(ref);
    if (!manifest) return undefined;
    if (isIndex(manifest.descriptor.mediaType)) {
      const child = (manifest.json as ImageIndex).manifests.find((m) => m.platform?.os !== 'unknown');
      if (!child) return undefined;
      manifest = await this.getManifest({ ...ref, tag: undefined, digest: child.digest } as ImageRef);
      if (!manifest) return undefined;
    }
    const config = (manifest.json as ImageManifest).config;
    if (!config) return undefined;
    return JSON.parse((await this.getBlob(ref, config.digest)).toString('utf8')) as { created?: string };
  }

  /**
   * Re-tags registry-side: the manifest `source` points at is PUT, byte for byte, under each tag
   * of the same repository. No layer moves. Returns the digest.
   */
  async retag(source: ImageRef, tags: readonly string[]): Promise<string> {
    const manifest = await this.getManifest(source);
    if (!manifest) throw new RegistryError(`registry ${source.registry}: ${formatReference(source)} does not exist, so it cannot be re-tagged`);
    await Promise.all(tags.map((tag) => this.putManifest(source, tag, manifest.body, manifest.descriptor.mediaType)));
    return manifest.descriptor.digest;
  }
}
