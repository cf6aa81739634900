// A small OCI Distribution client over HTTP (http.ts: node:http, not `fetch`): auth (anonymous, Basic, and the Bearer token
// challenge flow of Docker Hub and GHCR), manifests by tag or digest (HEAD/GET/PUT, Docker and OCI
// media types, images and indexes), tag lists, blobs, and registry-side re-tagging.
// Hand-written because no maintained JS library does this: the npm registry clients are either
// abandoned, pull-only, or wrap the docker CLI; the API surface we need is a dozen requests.
// Every request goes through `withRetries` (network errors, 429, 5xx) and never logs a credential.
// Every error and debug line it makes goes through the run's Secrets, and says of an answer only
// what answer.ts lets through; every credential and token it learns is announced there before it
// is sent. Credentials go only where realm.ts allows, and never after a redirect to another host.

import { createHash } from 'node:crypto';
import type { Log } from '../util/log.js';
import { silentLog } from '../util/log.js';
import { VERSION } from '../version.js';
import type { CredentialSource, Credential } from './credentials.js';
import { describeAnswer } from './answer.js';
import { RegistryAuthError, RegistryError } from './errors.js';
import { httpRequest, type HttpRequestInit, type HttpResponse } from './http.js';
import { MANIFEST_ACCEPT, OCI_MANIFEST, isDigest, isIndex, isMediaType, manifestProblem, type Descriptor, type ImageIndex, type ImageManifest } from './media-types.js';
import { realmRefusal } from './realm.js';
import { apiBase, apiHost, formatReference, repositoryName, type ImageRef, type RepositoryRef } from './reference.js';
import { DEFAULT_RETRY, withRetries, type RetryPolicy } from './retry.js';
import { Secrets } from './secrets.js';
import { parseWwwAuthenticate, type Challenge } from './www-authenticate.js';

export type Access = 'pull' | 'pull,push';

export interface RegistryClientOptions {
  credentials?: CredentialSource;
  log?: Log;
  retry?: RetryPolicy;
  /** Per attempt. */
  timeoutMs?: number;
  /** The run's secrets (shared with the docker adapter); default: its own, announced to `log.secret`. */
  secrets?: Secrets;
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

const TAG = /^[\w][\w.-]{0,127}$/;

/** The host part of a URL, for comparing where an answer came from. */
const hostOf = (url: string): string => new URL(url).host;

/** The token scope for an access; none for the registry's root (`/v2/`, a login check). */
function scopeOf(repo: RepositoryRef, access: Access): string {
  return repo.repository ? `repository:${repo.repository}:${access}` : '';
}

export class RegistryClient {
  private readonly states = new Map<string, RegistryState>();
  private readonly log: Log;
  private readonly retry: RetryPolicy;
  private readonly timeoutMs: number;
  readonly secrets: Secrets;

  constructor(private readonly options: RegistryClientOptions = {}) {
    this.log = options.log ?? silentLog;
    this.retry = options.retry ?? DEFAULT_RETRY;
    this.timeoutMs = options.timeoutMs ?? 60_000;
    this.secrets = options.secrets ?? new Secrets((form) => this.log.secret(form));
  }

  /** Every error this client raises is made here: nothing it says carries a secret. */
  private error(message: string, status?: number): RegistryError {
    return new RegistryError(this.secrets.redact(message), status);
  }

  private authError(message: string, status?: number): RegistryAuthError {
    return new RegistryAuthError(this.secrets.redact(message), status);
  }

  private state(registry: string): RegistryState {
    let s = this.states.get(registry);
    if (!s) this.states.set(registry, (s = { tokens: new Map() }));
    return s;
  }

  /** The credential for a registry, its forms announced as secrets before anything sends it. */
  private async credential(registry: string): Promise<Credential | undefined> {
    const credential = await this.options.credentials?.(registry);
    this.secrets.addCredential(credential);
    return credential;
  }

  private async send(url: string, init: Omit<HttpRequestInit, 'timeoutMs'>): Promise<HttpResponse> {
    return withRetries(
      () => httpRequest(url, { ...init, timeoutMs: this.timeoutMs }),
      this.retry,
      (why, delay, n) => this.log.debug(this.secrets.redact(`registry: ${init.method} ${url}: ${why}; retry ${n} of ${this.retry.attempts - 1} in ${delay} ms`)),
    );
  }

  /** What an answer that is not the one wanted says (answer.ts decides how much of it). */
  private async describe(response: HttpResponse): Promise<string> {
    return describeAnswer({ status: response.status, body: await response.text(), truncated: response.truncated }, this.secrets);
  }

  /** What a failed request says: the system error's code, or the error's own message. */
  private static networkText(error: unknown): string {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return cause?.code ?? cause?.message ?? (error as Error).message;
  }

  /**
   * Asks the token service for a Bearer token for `scope`, with the user's credentials if any —
   * only when realm.ts lets them go there; anonymously otherwise when there are none.
   */
  private async fetchToken(registry: string, challenge: Challenge, scope: string): Promise<string> {
    const realm = challenge.params.realm;
    if (!realm) throw this.authError(`registry ${registry} asked for a Bearer token but named no token service (realm)`);
    let url: URL;
    try {
      url = new URL(realm);
    } catch {
      throw this.authError(`registry ${registry} named a token service (realm) that is not a URL`);
    }
    if (challenge.params.service) url.searchParams.set('service', challenge.params.service);
    if (scope) url.searchParams.append('scope', scope);
    const cred = await this.credential(registry);
    const refusal = cred ? realmRefusal(apiHost(registry), url) : undefined;
    if (refusal) throw this.authError(`registry ${registry}: ${refusal}, so the credentials for ${registry} are not sent there`);
    const headers: Record<string, string> = { 'user-agent': `oep45-action/${VERSION}` };
    if (cred) headers.authorization = `Basic ${Buffer.from(`${cred.username}:${cred.password}`).toString('base64')}`;
    let response: HttpResponse;
    try {
      response = await this.send(url.toString(), { method: 'GET', headers });
    } catch (error) {
      throw this.error(`registry ${registry}: its token service ${url.origin} did not answer (${RegistryClient.networkText(error)})`);
    }
    if (hostOf(response.url) !== url.host) {
      throw this.authError(`registry ${registry}: its token service ${url.origin} sent the request on to another host (${hostOf(response.url)}); no token is taken from there`);
    }
    if (response.status === 401 || response.status === 403) {
      throw this.authError(
        cred
          ? `registry ${registry} refused the credentials of user "${cred.username}" (token service answered ${response.status})`
          : `registry ${registry} needs credentials${scope ? ` for ${scope}` : ''}: set registry-username and registry-password, or run docker login first`,
        response.status,
      );
    }
    if (!response.ok) throw this.error(`registry ${registry}: its token service answered ${await this.describe(response)}`, response.status);
    let body: { token?: unknown; access_token?: unknown; refresh_token?: unknown; expires_in?: unknown };
    try {
      body = JSON.parse(await response.text()) as typeof body;
    } catch {
      throw this.error(`registry ${registry}: the token service's answer is not JSON`);
    }
    const token = typeof body?.token === 'string' ? body.token : typeof body?.access_token === 'string' ? body.access_token : undefined;
    if (!token) throw this.error(`registry ${registry}: the token service gave no token`);
    // Masked before it is first sent.
    this.secrets.add(token);
    if (typeof body.refresh_token === 'string') this.secrets.add(body.refresh_token);
    const expiresIn = typeof body.expires_in === 'number' && Number.isFinite(body.expires_in) ? body.expires_in : 60;
    const state = this.state(registry);
    state.tokens.set(scope, { token, expires: Date.now() + Math.max(30, expiresIn - 10) * 1000 });
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
    if (status === 403) return this.authError(`registry ${registry} denied ${what}${cred ? ` to user "${cred.username}"` : ''} (HTTP 403)`, status);
    if (cred && sentAuth) return this.authError(`registry ${registry} refused the credentials of user "${cred.username}" for ${what} (HTTP 401)`, status);
    return this.authError(`registry ${registry} needs credentials for ${what}: set registry-username and registry-password, or run docker login first`, status);
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
        throw this.error(`registry ${registry} did not answer ${method} ${path}: ${RegistryClient.networkText(error)}`);
      }
      // A redirect to another host (storage, a CDN) that asks for credentials gets none: they are the registry's.
      if ((response.status === 401 || response.status === 403) && hostOf(response.url) !== hostOf(url)) {
        throw this.authError(
          `registry ${registry}: ${method} ${path} was sent on to another host (${hostOf(response.url)}), which answered ${response.status}; the credentials for ${registry} are not sent there`,
          response.status,
        );
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
      // Try again once after learning the scheme (or with a fresh token), or when this request went
      // out before another one learnt it (requests run at once); a second refusal is final.
      if (round === 0 && (learnt || auth?.startsWith('Bearer ') || (!auth && challenge !== undefined))) {
        if (challenge?.scheme === 'basic' && !(await this.credential(registry))) throw await this.authFailure(registry, what, 401, false);
        continue;
      }
      throw await this.authFailure(registry, what, 401, Boolean(auth));
    }
  }

  private async fail(response: HttpResponse, registry: string, what: string): Promise<never> {
    throw this.error(`registry ${registry}: ${what} failed with ${await this.describe(response)}`, response.status);
  }

  /** An answer's JSON, or a clear error that quotes none of it (JSON.parse's own message would). */
  private json(body: Buffer | string, registry: string, what: string): unknown {
    try {
      return JSON.parse(typeof body === 'string' ? body : body.toString('utf8'));
    } catch {
      throw this.error(`registry ${registry}: ${what} is not JSON`);
    }
  }

  /** A manifest as the spec shapes it, or a clear error that quotes none of it. */
  private manifestJson(body: Buffer, ref: ImageRef): ImageManifest | ImageIndex {
    const json = this.json(body, ref.registry, `the manifest of ${formatReference(ref)}`);
    const problem = manifestProblem(json);
    if (problem) throw this.error(`registry ${ref.registry}: the manifest of ${formatReference(ref)} is not a valid manifest: ${problem}`);
    return json as ImageManifest | ImageIndex;
  }

  /**
   * Checks, before anything else is given the registry's credentials (the docker engine, at
   * `docker login`), that this client would send them where the registry says: a token service
   * realm.ts allows, and no other host after a redirect. It learns the registry's challenge, so
   * the next request goes with credentials at once. Any other failure is left to the caller.
   */
  async vetCredentials(registry: string): Promise<void> {
    const cred = await this.credential(registry);
    if (!cred) return;
    const url = `${apiBase(registry)}/v2/`;
    let response: HttpResponse;
    try {
      // One attempt: a registry that does not answer now is docker login's to report.
      response = await httpRequest(url, { method: 'GET', headers: { 'user-agent': `oep45-action/${VERSION}` }, timeoutMs: Math.min(this.timeoutMs, 10_000) });
    } catch {
      return;
    }
    if (response.status !== 401) return;
    if (hostOf(response.url) !== hostOf(url)) {
      throw this.authError(`registry ${registry}: GET /v2/ was sent on to another host (${hostOf(response.url)}), which asks for credentials; the credentials for ${registry} are not sent there`, 401);
    }
    const challenge = parseWwwAuthenticate(response.headers.get('www-authenticate')).find((c) => c.scheme === 'bearer' || c.scheme === 'basic');
    if (!challenge) return;
    this.state(registry).challenge = challenge;
    if (challenge.scheme !== 'bearer' || !challenge.params.realm) return;
    let realm: URL;
    try {
      realm = new URL(challenge.params.realm);
    } catch {
      return;
    }
    const refusal = realmRefusal(apiHost(registry), realm);
    if (refusal) throw this.authError(`registry ${registry}: ${refusal}, so the credentials for ${registry} are not sent there`);
  }

  /** Checks that the registry answers and that the credentials (if any) are good. */
  async ping(registry: string): Promise<void> {
    const url = `${apiBase(registry)}/v2/`;
    const response = await this.request({ registry, repository: '' }, 'pull', 'GET', '/v2/');
    await response.body?.cancel().catch(() => {});
    if (!response.ok) throw this.error(`registry ${registry}: GET ${url} answered ${response.status}`, response.status);
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
    if (!isDigest(digest) || !isMediaType(mediaType) || !Number.isSafeInteger(size) || size < 0) {
      // Some registries leave headers out of HEAD answers (and one that is not a digest is not taken): read the manifest itself.
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
    const json = this.manifestJson(body, ref);
    const header = response.headers.get('content-type')?.split(';')[0]?.trim();
    const mediaType = json.mediaType ?? (isMediaType(header) ? header : OCI_MANIFEST);
    // The digest is what the bytes hash to; a registry's header is taken only when it is a digest.
    const given = response.headers.get('docker-content-digest');
    const digest = isDigest(given) ? given : sha256Digest(body);
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
    const given = response.headers.get('docker-content-digest');
    return isDigest(given) ? given : sha256Digest(body);
  }

  /**
   * Deletes a tag, leaving the manifest (OCI Distribution 1.1's tag deletion). Whether the registry
   * did: many refuse (distribution 2.8 answers 400, others 405), which is false here, not an error.
   */
  async deleteTag(repo: RepositoryRef, tag: string): Promise<boolean> {
    const response = await this.request(repo, 'pull,push', 'DELETE', `/v2/${repo.repository}/manifests/${tag}`);
    await response.body?.cancel().catch(() => {});
    return response.status === 202 || response.status === 200;
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
      const body = this.json(await response.text(), repo.registry, `the tag list of ${repositoryName(repo)}`) as { tags?: unknown } | null;
      // Only names that are tags: whatever else a list holds is not passed on.
      if (Array.isArray(body?.tags)) tags.push(...body.tags.filter((t): t is string => typeof t === 'string' && TAG.test(t)));
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
    return this.json(await this.getBlob(ref, config.digest), ref.registry, `the image config of ${formatReference(ref)}`) as { created?: string };
  }

  /**
   * Re-tags registry-side: the manifest `source` points at is PUT, byte for byte, under each tag
   * of the same repository. No layer moves. Returns the digest.
   */
  async retag(source: ImageRef, tags: readonly string[]): Promise<string> {
    const manifest = await this.getManifest(source);
    if (!manifest) throw this.error(`registry ${source.registry}: ${formatReference(source)} does not exist, so it cannot be re-tagged`);
    await Promise.all(tags.map((tag) => this.putManifest(source, tag, manifest.body, manifest.descriptor.mediaType)));
    return manifest.descriptor.digest;
  }
}
