// What a registry holds for an image, read through our registry client: the platform images of a
// manifest or an index (attestations left out), each with its config, and a file out of a layer —
// so that the build tests assert what was pushed, whichever builder pushed it.

import { execFileSync } from 'node:child_process';
import type { RegistryClient } from '../../src/registry/client.js';
import { isIndex, type ImageIndex, type ImageManifest } from '../../src/registry/media-types.js';
import { parseReference } from '../../src/registry/reference.js';

export interface PlatformImage {
  /** `os/architecture[/variant]`, from the image config. */
  platform: string;
  digest: string;
  mediaType: string;
  manifest: ImageManifest;
  config: { architecture?: string; os?: string; variant?: string; config?: { Labels?: Record<string, string> | null }; [key: string]: unknown };
}

const isAttestation = (d: { platform?: { os?: string; architecture?: string }; annotations?: Record<string, string> }): boolean =>
  d.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest' || (d.platform?.os === 'unknown' && d.platform.architecture === 'unknown');

/** The platform images `ref` resolves to: itself when it is one image, else the index's images. */
export async function platformImages(client: RegistryClient, ref: string): Promise<{ mediaType: string; digest: string; images: PlatformImage[] }> {
  const parsed = parseReference(ref);
  const top = await client.getManifest(parsed);
  if (!top) throw new Error(`${ref} is not in the registry`);
  const children = isIndex(top.descriptor.mediaType) ? (top.json as ImageIndex).manifests.filter((d) => !isAttestation(d)).map((d) => d.digest) : [top.descriptor.digest];
  const images: PlatformImage[] = [];
  for (const digest of children) {
    const child = await client.getManifest({ ...parsed, tag: undefined, digest });
    if (!child) throw new Error(`${ref}: ${digest} is not in the registry`);
    const manifest = child.json as ImageManifest;
    const config = JSON.parse((await client.getBlob(parsed, manifest.config.digest)).toString('utf8')) as PlatformImage['config'];
    const platform = [config.os, config.architecture, config.variant].filter(Boolean).join('/');
    images.push({ platform, digest, mediaType: child.descriptor.mediaType, manifest, config });
  }
  return { mediaType: top.descriptor.mediaType, digest: top.descriptor.digest, images };
}

/** A file as the image's layers leave it (gzip-compressed tars, the top one first), as text; undefined when none has it. */
export async function imageFile(client: RegistryClient, ref: string, image: PlatformImage, path: string): Promise<string | undefined> {
  for (const layer of [...image.manifest.layers].reverse()) {
    const blob = await client.getBlob(parseReference(ref), layer.digest);
    try {
      return execFileSync('tar', ['-xzO', '-f', '-', path], { input: blob, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
    } catch {
      // not in this layer
    }
  }
  return undefined;
}
