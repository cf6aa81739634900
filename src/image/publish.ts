// Publishing decisions made against the registry: whether an image with the same input key can be
// reused (and is young enough), whether a release tag would move to another image (refused unless
// allowed), and moving the human tags onto the image that `inputs-<key>` points at — registry-side,
// after the image itself is complete, so no tag ever points at a half-published image.

import type { ImagePlan } from '../model/image.js';
import type { ReleaseContext } from '../model/release.js';
import type { RegistryClient } from '../registry/client.js';
import { formatReference, parseReference, repositoryName, type RepositoryRef } from '../registry/reference.js';
import { UserError } from '../util/errors.js';

export interface RepoTags {
  repo: RepositoryRef;
  /** `registry/repository`. */
  name: string;
  /** Tag names (not references) planned in this repository, in plan order. */
  tags: string[];
}

/** Groups full tag references by repository, keeping the plan's order (pure). */
export function groupTags(tags: readonly string[]): RepoTags[] {
  const groups = new Map<string, RepoTags>();
  for (const text of tags) {
    const ref = parseReference(text);
    if (!ref.tag || ref.digest) throw new UserError(`${text}: a planned tag must be a reference with a tag and no digest`);
    const name = repositoryName(ref);
    let group = groups.get(name);
    if (!group) groups.set(name, (group = { repo: { registry: ref.registry, repository: ref.repository }, name, tags: [] }));
    if (!group.tags.includes(ref.tag)) group.tags.push(ref.tag);
  }
  return [...groups.values()];
}

/** Full references (normalised) of the tags that must not move (pure). */
export function immutableTags(plan: ImagePlan, context: ReleaseContext): Set<string> {
  const normal = (t: string): string => formatReference(parseReference(t));
  if (plan.immutableTags) return new Set(plan.immutableTags.map(normal));
  const version = context.kind === 'named-release' ? context.release?.version : undefined;
  if (!version) return new Set();
  return new Set(plan.tags.filter((t) => parseReference(t).tag === version).map(normal));
}

export type Reuse = { reusable: true; digests: Map<string, string>; created?: string } | { reusable: false; why: string };

/** Age check (pure): a reusable image older than `maxAgeSeconds` is rebuilt anyway. */
export function tooOld(created: string | undefined, maxAgeSeconds: number | undefined, now: number): string | undefined {
  if (maxAgeSeconds === undefined) return undefined;
  const at = created ? Date.parse(created) : NaN;
  if (Number.isNaN(at)) return 'its creation time is unknown and max-age is set';
  const age = (now - at) / 1000;
  if (age <= maxAgeSeconds) return undefined;
  return `it is ${formatAge(age)} old, older than max-age ${formatAge(maxAgeSeconds)}`;
}

export function formatAge(seconds: number): string {
  if (seconds >= 86400) return `${Math.floor(seconds / 86400)}d`;
  if (seconds >= 3600) return `${Math.floor(seconds / 3600)}h`;
  return `${Math.max(0, Math.floor(seconds / 60))}m`;
}

/** Reusable when `keyTag` exists in every repository the image goes to, and is young enough. */
export async function findReusable(client: RegistryClient, groups: readonly RepoTags[], keyTag: string, maxAgeSeconds: number | undefined, now = Date.now()): Promise<Reuse> {
  const digests = new Map<string, string>();
  for (const group of groups) {
    const found = await client.headManifest({ ...group.repo, tag: keyTag });
    if (!found) return { reusable: false, why: `no image with these inputs in ${group.name}` };
    digests.set(group.name, found.digest);
  }
  const first = groups[0];
  if (!first) return { reusable: false, why: 'no repository to publish to' };
  let created: string | undefined;
  if (maxAgeSeconds !== undefined) {
    const config = await client.imageConfig({ ...first.repo, tag: keyTag });
    created = config?.created ?? config?.config?.Labels?.['org.opencontainers.image.created'];
    const old = tooOld(created, maxAgeSeconds, now);
    if (old) return { reusable: false, why: `the image with these inputs is too old: ${old}` };
  }
  return { reusable: true, digests, ...(created ? { created } : {}) };
}

/**
 * Refuses, before anything moves, to point a release tag at another image. `digests` holds the
 * digest each repository will get (undefined: a new build, different from anything there).
 */
export async function checkImmutableTags(
  client: RegistryClient,
  groups: readonly RepoTags[],
  immutable: ReadonlySet<string>,
  digests: ReadonlyMap<string, string | undefined>,
  allowOverwrite: boolean,
): Promise<void> {
  if (allowOverwrite || !immutable.size) return;
  for (const group of groups) {
    for (const tag of group.tags) {
      const ref = { ...group.repo, tag };
      if (!immutable.has(formatReference(ref))) continue;
      const existing = await client.headManifest(ref);
      const next = digests.get(group.name);
      if (existing && existing.digest !== next) {
        throw new UserError(
          `${formatReference(ref)} already points at ${existing.digest}${next ? `, not ${next}` : ', and these inputs make a different image'}: release tags are immutable (set allow-overwrite: true to move it)`,
        );
      }
    }
  }
}

/** Points every planned tag at what `keyTag` points at, repository by repository. */
export async function moveTags(client: RegistryClient, groups: readonly RepoTags[], keyTag: string): Promise<Map<string, string>> {
  const digests = new Map<string, string>();
  for (const group of groups) {
    digests.set(group.name, await client.retag({ ...group.repo, tag: keyTag }, group.tags));
  }
  return digests;
}
