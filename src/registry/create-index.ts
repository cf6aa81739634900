// Makes a multi-platform image from per-platform images already pushed by digest to one
// repository: an index (OCI, or a Docker manifest list when a child is a Docker manifest, since
// registries and old engines want the family kept) is PUT by its digest first, then under every
// tag, so a tag never points at an index whose children are missing. The distributed workflow's
// merge job calls this after its build legs.

import type { RegistryClient } from './client.js';
import { sha256Digest } from './client.js';
import { RegistryError } from './errors.js';
import { DOCKER_LIST, DOCKER_MANIFEST, OCI_INDEX, isIndex, parsePlatform, type Descriptor, type ImageIndex } from './media-types.js';
import { formatReference, type RepositoryRef } from './reference.js';

export interface PlatformImage {
  /** `linux/amd64`, `linux/arm64/v8`. */
  platform: string;
  digest: string;
}

export interface CreatedIndex {
  digest: string;
  mediaType: string;
  size: number;
}

/** The index document for the given children (pure: exposed for tests). */
export function indexDocument(children: ReadonlyArray<Descriptor>, annotations?: Record<string, string>): { body: Buffer; mediaType: string } {
  const docker = children.some((c) => c.mediaType === DOCKER_MANIFEST);
  const mediaType = docker ? DOCKER_LIST : OCI_INDEX;
  const doc: ImageIndex = {
    schemaVersion: 2,
    mediaType,
    // A child's annotations stay: an attestation manifest names the image it describes in them.
    manifests: children.map((c) => ({
      mediaType: c.mediaType,
      digest: c.digest,
      size: c.size,
      ...(c.platform ? { platform: c.platform } : {}),
      ...(c.annotations && Object.keys(c.annotations).length ? { annotations: c.annotations } : {}),
    })),
    ...(!docker && annotations && Object.keys(annotations).length ? { annotations } : {}),
  };
  return { body: Buffer.from(JSON.stringify(doc, null, 2) + '\n'), mediaType };
}

export async function createIndex(
  client: RegistryClient,
  repo: RepositoryRef,
  images: readonly PlatformImage[],
  tags: readonly string[],
  annotations?: Record<string, string>,
): Promise<CreatedIndex> {
  if (!images.length) throw new RegistryError(`no images to combine into an index for ${repo.registry}/${repo.repository}`);
  const seen = new Set<string>();
  const children: Descriptor[] = [];
  for (const image of images) {
    if (seen.has(image.platform)) throw new RegistryError(`platform ${image.platform} is given twice for ${repo.registry}/${repo.repository}`);
    seen.add(image.platform);
    const ref = { ...repo, digest: image.digest };
    const found = await client.headManifest(ref);
    if (!found) throw new RegistryError(`${formatReference(ref)} is not in the registry: push every platform's image before making the index`);
    if (isIndex(found.mediaType)) throw new RegistryError(`${formatReference(ref)} is itself an index, not one platform's image`);
    children.push({ ...found, platform: parsePlatform(image.platform) });
  }
  const { body, mediaType } = indexDocument(children, annotations);
  const digest = sha256Digest(body);
  await client.putManifest(repo, digest, body, mediaType);
  for (const tag of tags) await client.putManifest(repo, tag, body, mediaType);
  return { digest, mediaType, size: body.length };
}
