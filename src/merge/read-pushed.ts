// Reads what a build leg pushed, by digest, in one repository: the manifest and, for a single
// image, its config (which names the platform). Nothing is written here.

import type { RegistryClient } from '../registry/client.js';
import { isIndex, type ImageIndex, type ImageManifest } from '../registry/media-types.js';
import { formatReference, type RepositoryRef } from '../registry/reference.js';
import { UserError } from '../util/errors.js';
import type { PushedImage } from './index-entries.js';
import { platformOfConfig } from './platforms.js';

export async function readPushedImage(client: RegistryClient, repo: RepositoryRef, digest: string): Promise<PushedImage> {
  const ref = { ...repo, digest };
  const manifest = await client.getManifest(ref);
  if (!manifest) {
    throw new UserError(
      `${formatReference(ref)} is not in the registry: each build leg pushes its platform's image to every registry of the image before the merge (is the digest another image's, or did its leg fail?)`,
    );
  }
  if (isIndex(manifest.descriptor.mediaType)) {
    return { digest, descriptors: [...((manifest.json as ImageIndex).manifests ?? [])] };
  }
  const config = (manifest.json as ImageManifest).config;
  if (!config?.digest) throw new UserError(`${formatReference(ref)} is neither an image nor an index (it has no config)`);
  let parsed: unknown;
  try {
    parsed = JSON.parse((await client.getBlob(repo, config.digest)).toString('utf8'));
  } catch (error) {
    if (error instanceof SyntaxError) parsed = undefined;
    else throw error;
  }
  const platform = platformOfConfig(parsed);
  if (!platform) throw new UserError(`${formatReference(ref)}: its image config names no os and architecture, so its platform is unknown`);
  const { mediaType, size } = manifest.descriptor;
  return { digest, descriptors: [{ mediaType, digest: manifest.descriptor.digest, size, platform }] };
}
