// Platforms as the merge compares them: the planned `os/arch[/variant]` strings against what each
// pushed image says in its image config (`os`, `architecture`, `variant`). Spellings that mean the
// same platform compare equal: `linux/arm64` and `linux/arm64/v8`, `linux/amd64` and
// `linux/amd64/v1`, `linux/arm` and `linux/arm/v7` (the defaults of containerd's platform
// matcher). Pure.

import { parsePlatform, type Descriptor, type Platform } from '../registry/media-types.js';
import { UserError } from '../util/errors.js';

const DEFAULT_VARIANT: Record<string, string> = { arm64: 'v8', amd64: 'v1', arm: 'v7' };

/** `linux/arm64/v8`, as written in an index's descriptor. */
export function platformText(p: Platform): string {
  return `${p.os}/${p.architecture}${p.variant ? `/${p.variant}` : ''}`;
}

/** A planned platform string, or a UserError naming it. */
export function plannedPlatform(text: string, image: string): Platform {
  try {
    return parsePlatform(text);
  } catch {
    throw new UserError(`image ${image}: platform "${text}" is not os/architecture[/variant], e.g. linux/amd64`);
  }
}

/** One spelling per platform: the default variant of the architecture left out. */
export function platformKey(p: Platform | string): string {
  const platform = typeof p === 'string' ? parsePlatform(p) : p;
  const os = platform.os.toLowerCase();
  const architecture = platform.architecture.toLowerCase();
  const variant = platform.variant?.toLowerCase();
  return variant && variant !== DEFAULT_VARIANT[architecture] ? `${os}/${architecture}/${variant}` : `${os}/${architecture}`;
}

/** The platform an image config (`{os, architecture, variant}`) declares, or undefined. */
export function platformOfConfig(config: unknown): Platform | undefined {
  if (!config || typeof config !== 'object') return undefined;
  const { os, architecture, variant } = config as Record<string, unknown>;
  if (typeof os !== 'string' || !os || typeof architecture !== 'string' || !architecture) return undefined;
  return typeof variant === 'string' && variant ? { os, architecture, variant } : { os, architecture };
}

/**
 * BuildKit's attestation manifests (provenance, SBOM) sit in an index beside the image they
 * describe, with the platform `unknown/unknown` and a `vnd.docker.reference.type` annotation.
 */
export function isAttestation(d: Descriptor): boolean {
  return d.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest' || (d.platform?.os === 'unknown' && d.platform.architecture === 'unknown');
}
