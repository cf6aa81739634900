// Which layer cache a build reads and writes. Registry cache by default
// (`<image>:buildcache`, mode=max, image-manifest) with buildx; the inline cache with the plain
// engine (`BUILDKIT_INLINE_CACHE=1`, `--cache-from` the image's previous tags); GitHub Actions cache
// (`type=gha`) as an option, scoped per image and platform. A cache the builder cannot use is a
// warning and a fallback, never a failed build (buildx cache exports get `ignore-error=true`).

import type { CacheBackend } from '../model/project.js';
import type { CachePlan } from './command.js';
import type { BuilderKind } from './docker-client.js';

export interface CacheInputs {
  kind: BuilderKind;
  /** buildx driver (`docker` cannot export registry or gha caches). */
  driver?: string;
  backend: CacheBackend;
  imageName: string;
  platforms: readonly string[];
  /** The image's first repository (`host/ns/name`), where the registry cache lives. */
  repository?: string;
  push: boolean;
  /** Image references of earlier builds that exist (for the inline cache), best first. */
  previous: readonly string[];
  userFrom: readonly string[];
  userTo: readonly string[];
}

export interface CacheDecision extends CachePlan {
  warnings: string[];
}

function platformSuffix(platforms: readonly string[]): string {
  return platforms.length === 1 ? `-${platforms[0]!.replace(/[^A-Za-z0-9]+/g, '-')}` : '';
}

/** `ref=X` of a `type=registry,ref=X` spec, or a plain reference as it is. */
function imageOfSpec(spec: string): string | undefined {
  if (!spec.includes('=')) return spec;
  const fields = Object.fromEntries(spec.split(',').map((f) => [f.slice(0, f.indexOf('=')), f.slice(f.indexOf('=') + 1)]));
  return fields.type === 'registry' || !fields.type ? fields.ref : undefined;
}

/** The gha cache scope: image and platforms, so matrix legs do not evict each other. */
export function ghaScope(imageName: string, platforms: readonly string[]): string {
  return `${imageName}${platformSuffix(platforms)}`;
}

export function cachePlan(i: CacheInputs): CacheDecision {
  const warnings: string[] = [];
  let backend = i.backend;
  if (i.kind === 'buildkit') {
    // The plain engine: inline cache only; --cache-from takes image references.
    if (backend === 'gha' || backend === 'registry') {
      if (backend === 'gha') warnings.push(`${i.imageName}: the gha cache needs buildx; using the inline cache in the pushed image instead`);
      backend = 'inline';
    }
    const from = backend === 'none' ? [] : [...i.previous];
    for (const spec of i.userFrom) {
      const ref = imageOfSpec(spec);
      if (ref) from.push(ref);
      else warnings.push(`${i.imageName}: cache-from "${spec}" needs buildx; ignored`);
    }
    for (const spec of i.userTo) warnings.push(`${i.imageName}: cache-to "${spec}" needs buildx; ignored`);
    return { from: [...new Set(from)], to: [], inline: backend === 'inline', warnings };
  }
  if (i.driver === 'docker' && (backend === 'registry' || backend === 'gha')) {
    warnings.push(`${i.imageName}: the buildx "docker" driver cannot export a ${backend} cache; using the inline cache (set up a docker-container builder for the ${backend} cache)`);
    backend = 'inline';
  }
  const from: string[] = [];
  const to: string[] = [];
  if (backend === 'registry') {
    if (i.repository) {
      const ref = `${i.repository}:buildcache${platformSuffix(i.platforms)}`;
      from.push(`type=registry,ref=${ref}`);
      if (i.push) to.push(`type=registry,ref=${ref},mode=max,image-manifest=true,oci-mediatypes=true,ignore-error=true`);
    }
  } else if (backend === 'gha') {
    const scope = ghaScope(i.imageName, i.platforms);
    from.push(`type=gha,scope=${scope}`);
    to.push(`type=gha,scope=${scope},mode=max,ignore-error=true`);
  } else if (backend === 'inline') {
    for (const ref of i.previous) from.push(`type=registry,ref=${ref}`);
    to.push('type=inline');
  }
  from.push(...i.userFrom);
  to.push(...i.userTo);
  return { from: [...new Set(from)], to: [...new Set(to)], inline: false, warnings };
}
