// Which layer cache a build reads and writes, from what the builder can do (capabilities.ts). The
// registry cache by default (`<image>:buildcache`, mode=max, image-manifest) wherever the builder
// exports caches; GitHub Actions cache (`type=gha`) as an option, scoped per image and platform;
// the inline cache where the builder exports no other (the reason goes to the log), read from the
// image's previous tags — with `docker build` without buildx as `BUILDKIT_INLINE_CACHE=1` and image
// references. A cache the builder cannot use is a fallback, never a failed build (cache exports
// get `ignore-error=true`).

import type { CacheBackend } from '../model/project.js';
import type { Capability } from './capabilities.js';
import type { CachePlan } from './command.js';
import type { BuilderKind } from './docker-client.js';

export interface CacheInputs {
  kind: BuilderKind;
  /** Whether the builder exports a cache outside the image (registry, gha), and why. */
  cacheExport: Capability;
  backend: CacheBackend;
  imageName: string;
  platforms: readonly string[];
  /** The image's first repository (`host/ns/name`), where the registry cache lives. */
  repository?: string;
  push: boolean;
  /** Image references of earlier builds that exist (for the inline cache), best first. */
  previous: readonly string[];
  /**
   * Whether the registry cache's reference exists (asked before the build; undefined: not asked).
   * When it does not, the build is not told to read it: BuildKit would ask the registry for it,
   * fail, and say so in the log, on every first build of an image.
   */
  registryCacheExists?: boolean;
  userFrom: readonly string[];
  userTo: readonly string[];
  /** False in a pull-request build (cache-policy.ts): nothing is written, not even the inline cache. */
  writes?: boolean;
}

export interface CacheDecision extends CachePlan {
  /** What was asked for and cannot be done (a gha cache, a cache spec the builder refuses). */
  warnings: string[];
  /** The default registry cache replaced by the inline one, and why (a log line, not a warning). */
  notes: string[];
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

/** Whether the builder reads the inline cache of earlier images (so their references are worth finding). */
export function readsInlineCache(backend: CacheBackend, cacheExport: Capability): boolean {
  return backend === 'inline' || (backend !== 'none' && !cacheExport.can);
}

/** The registry cache's reference: `<first repository>:buildcache[-<platform>]`, or none without a repository. */
export function registryCacheRef(i: Pick<CacheInputs, 'repository' | 'platforms'>): string | undefined {
  return i.repository ? `${i.repository}:buildcache${platformSuffix(i.platforms)}` : undefined;
}

export function cachePlan(i: CacheInputs): CacheDecision {
  const decision = planCache(i);
  return i.writes === false ? { ...decision, to: [], inline: false } : decision;
}

function planCache(i: CacheInputs): CacheDecision {
  const warnings: string[] = [];
  const notes: string[] = [];
  let backend = i.backend;
  if (!i.cacheExport.can && (backend === 'gha' || backend === 'registry')) {
    const why = `${i.imageName}: no ${backend} cache, since ${i.cacheExport.why}; using the inline cache in the pushed image instead`;
    (backend === 'gha' ? warnings : notes).push(why);
    backend = 'inline';
  }
  if (i.kind === 'buildkit') {
    // docker build without buildx: --cache-from takes image references, and nothing but the inline cache is written.
    const from = backend === 'none' ? [] : [...i.previous];
    for (const spec of i.userFrom) {
      const ref = imageOfSpec(spec);
      if (ref) from.push(ref);
      else warnings.push(`${i.imageName}: cache-from "${spec}" needs buildx; ignored`);
    }
    for (const spec of i.userTo) warnings.push(`${i.imageName}: cache-to "${spec}" needs buildx; ignored`);
    return { from: [...new Set(from)], to: [], inline: backend === 'inline', warnings, notes };
  }
  const from: string[] = [];
  const to: string[] = [];
  if (backend === 'registry') {
    const ref = registryCacheRef(i);
    if (ref) {
      if (i.registryCacheExists !== false) from.push(`type=registry,ref=${ref}`);
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
  return { from: [...new Set(from)], to: [...new Set(to)], inline: false, warnings, notes };
}
