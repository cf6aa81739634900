// The manifest media types the client reads and writes: OCI and Docker, single images and
// multi-platform indexes.

export const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
export const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
export const DOCKER_LIST = 'application/vnd.docker.distribution.manifest.list.v2+json';
export const DOCKER_MANIFEST = 'application/vnd.docker.distribution.manifest.v2+json';

export const MANIFEST_ACCEPT = [OCI_INDEX, OCI_MANIFEST, DOCKER_LIST, DOCKER_MANIFEST].join(', ');

export function isIndex(mediaType: string | undefined): boolean {
  return mediaType === OCI_INDEX || mediaType === DOCKER_LIST;
}

export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  platform?: Platform;
  annotations?: Record<string, string>;
}

export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
}

/** `linux/arm64/v8` → `{os: 'linux', architecture: 'arm64', variant: 'v8'}`. */
export function parsePlatform(text: string): Platform {
  const [os, architecture, variant] = text.split('/');
  if (!os || !architecture) throw new Error(`"${text}" is not a platform (os/arch[/variant])`);
  return variant ? { os, architecture, variant } : { os, architecture };
}

export interface ImageManifest {
  schemaVersion: 2;
  mediaType?: string;
  config: Descriptor;
  layers: Descriptor[];
  annotations?: Record<string, string>;
}

export interface ImageIndex {
  schemaVersion: 2;
  mediaType?: string;
  manifests: Descriptor[];
  annotations?: Record<string, string>;
}

/** `sha256:` and its hex, or another algorithm's digest, as the OCI image spec writes them. */
export const DIGEST_PATTERN = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}$/;
const MEDIA_TYPE = /^[A-Za-z0-9][\w.+-]{0,126}\/[A-Za-z0-9][\w.+-]{0,126}$/;
const PLATFORM_PART = /^[A-Za-z0-9][\w.-]{0,63}$/;

export const isDigest = (value: unknown): value is string => typeof value === 'string' && DIGEST_PATTERN.test(value);
export const isMediaType = (value: unknown): value is string => typeof value === 'string' && MEDIA_TYPE.test(value);

function descriptorProblem(d: unknown, what: string): string | undefined {
  if (!d || typeof d !== 'object') return `${what} is not a descriptor`;
  const { digest, mediaType, size, platform } = d as Record<string, unknown>;
  if (!isDigest(digest)) return `${what} has no valid digest`;
  if (!isMediaType(mediaType)) return `${what} has no valid media type`;
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) return `${what} has no valid size`;
  if (platform !== undefined) {
    const p = platform as Record<string, unknown> | null;
    const parts = p && typeof p === 'object' ? [p.os, p.architecture, ...(p.variant === undefined ? [] : [p.variant])] : [undefined];
    if (!parts.every((part) => typeof part === 'string' && PLATFORM_PART.test(part))) return `${what} has no valid platform`;
  }
  return undefined;
}

/**
 * What is wrong with a manifest a registry sent, or undefined. The values it holds (digests, media
 * types, platforms) reach messages and outputs, so an answer that is not the shape the spec gives
 * is refused rather than quoted.
 */
export function manifestProblem(json: unknown): string | undefined {
  if (!json || typeof json !== 'object' || Array.isArray(json)) return 'it is not a JSON object';
  const m = json as Record<string, unknown>;
  if (m.mediaType !== undefined && !isMediaType(m.mediaType)) return 'its media type is not one';
  if (Array.isArray(m.manifests)) {
    for (const [i, child] of m.manifests.entries()) {
      const problem = descriptorProblem(child, `its manifest ${i + 1}`);
      if (problem) return problem;
    }
    return undefined;
  }
  if (m.manifests !== undefined) return 'its manifests are not a list';
  if (m.config === undefined) return undefined;
  return descriptorProblem(m.config, 'its config');
}
