// Which manifests go into an image's multi-platform index, from the images its build legs pushed
// (pure). A leg's digest is either one platform's image (its platform read from its config) or,
// with buildx's default attestations, an index holding that image and its attestation manifest:
// then its children are taken as they are, attestations included, as `docker buildx imagetools
// create` does. The platforms must be exactly the plan's: one image per planned platform, none
// missing (no tag may point at a partial image) and none the plan does not build.

import type { PlatformManifest } from '../model/image.js';
import type { Descriptor } from '../registry/media-types.js';
import { UserError } from '../util/errors.js';
import { isAttestation, plannedPlatform, platformKey, platformText } from './platforms.js';

export interface PushedImage {
  /** The digest as the leg handed it on. */
  digest: string;
  /** What it adds to the index: the image itself with its platform, or an index's children. */
  descriptors: Descriptor[];
}

export interface IndexEntries {
  /** The index's manifests, in the order of the digests. */
  children: Descriptor[];
  /** The platform images among them (attestations left out), by planned platform. */
  manifests: PlatformManifest[];
}

export function indexEntries(images: readonly PushedImage[], planned: readonly string[], image: string): IndexEntries {
  const plannedKeys = new Map(planned.map((p) => [platformKey(plannedPlatform(p, image)), p]));
  const seen = new Map<string, string>();
  const children: Descriptor[] = [];
  const manifests: PlatformManifest[] = [];
  const added = new Set<string>();
  for (const pushed of images) {
    if (!pushed.descriptors.some((d) => !isAttestation(d))) throw new UserError(`image ${image}: ${pushed.digest} holds attestations only, no platform's image`);
    for (const d of pushed.descriptors) {
      if (added.has(d.digest)) continue;
      if (!isAttestation(d)) {
        if (!d.platform) throw new UserError(`image ${image}: ${pushed.digest} holds a manifest with no platform (${d.digest})`);
        const key = platformKey(d.platform);
        const other = seen.get(key);
        if (other) throw new UserError(`image ${image}: ${other} and ${pushed.digest} are both ${key} images; give one digest per platform`);
        const plannedAs = plannedKeys.get(key);
        if (!plannedAs) {
          throw new UserError(`image ${image}: ${pushed.digest} is a ${platformText(d.platform)} image, and the plan builds ${image} for ${planned.join(', ')} only (set platforms)`);
        }
        seen.set(key, pushed.digest);
        manifests.push({ platform: plannedAs, digest: d.digest });
      }
      added.add(d.digest);
      children.push(d);
    }
  }
  const missing = [...plannedKeys].filter(([key]) => !seen.has(key)).map(([, text]) => text);
  if (missing.length) {
    throw new UserError(
      `image ${image}: no image for ${missing.join(', ')} among the digests (they hold ${[...seen.keys()].join(', ') || 'no platform'}); the published image would lack ${missing.length === 1 ? 'that platform' : 'those platforms'}`,
    );
  }
  return { children, manifests };
}
