// Publishing decisions made against the registry: whether an image with the same input key can be
// reused (and is young enough), whether a release tag would move to another image (refused unless
// allowed), and moving the human tags onto the image that `inputs-<key>` points at — registry-side,
// after the image itself is complete, so no tag ever points at a half-published image. The moves
// go out at once (one GET of the manifest per registry and image, every PUT in parallel), and a
// move that fails takes back the ones that went through, so a run never leaves some of its tags
// on the new image and the rest on the old.

import type { ImagePlan } from '../model/image.js';
import type { ReleaseContext } from '../model/release.js';
import type { Manifest, RegistryClient } from '../registry/client.js';
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

/** Like Promise.all, but when several fail the error is the first one's in order, not in time: the same run says the same. */
export async function inOrder<T>(promises: ReadonlyArray<Promise<T>>): Promise<T[]> {
  const settled = await Promise.allSettled(promises);
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<T>).value);
}

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
  // Every repository asked at once; the answers are read in order, so the reason (or the error) is the first one's.
  const found = await inOrder(groups.map((group) => client.headManifest({ ...group.repo, tag: keyTag })));
  for (const [i, group] of groups.entries()) {
    const descriptor = found[i];
    if (!descriptor) return { reusable: false, why: `no image with these inputs in ${group.name}` };
    digests.set(group.name, descriptor.digest);
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

/** The full reference of a planned tag: how the tag maps below are keyed. */
export const tagReference = (group: RepoTags, tag: string): string => formatReference({ ...group.repo, tag });

/** What each planned tag points at now (undefined: no such tag), every tag asked at once. */
export type TagState = ReadonlyMap<string, string | undefined>;

export async function currentTags(client: RegistryClient, groups: readonly RepoTags[]): Promise<TagState> {
  const pairs = groups.flatMap((group) => group.tags.map((tag) => ({ group, tag })));
  const digests = await inOrder(pairs.map(async ({ group, tag }) => (await client.headManifest({ ...group.repo, tag }))?.digest));
  return new Map(pairs.map(({ group, tag }, i) => [tagReference(group, tag), digests[i]]));
}

/**
 * Refuses, before anything moves, to point a release tag at another image. `digests` holds the
 * digest each repository will get (undefined: a new build, different from anything there);
 * `current`, when given, what the tags point at now (else they are asked, at once).
 */
export async function checkImmutableTags(
  client: RegistryClient,
  groups: readonly RepoTags[],
  immutable: ReadonlySet<string>,
  digests: ReadonlyMap<string, string | undefined>,
  allowOverwrite: boolean,
  current?: TagState,
): Promise<void> {
  if (allowOverwrite || !immutable.size) return;
  const checked = groups.flatMap((group) => group.tags.filter((tag) => immutable.has(tagReference(group, tag))).map((tag) => ({ group, tag })));
  const existing = await inOrder(checked.map(async ({ group, tag }) => (current ? current.get(tagReference(group, tag)) : (await client.headManifest({ ...group.repo, tag }))?.digest)));
  for (const [i, { group, tag }] of checked.entries()) {
    const before = existing[i];
    const next = digests.get(group.name);
    if (before && before !== next) {
      throw new UserError(
        `${tagReference(group, tag)} already points at ${before}${next ? `, not ${next}` : ', and these inputs make a different image'}: release tags are immutable (set allow-overwrite: true to move it)`,
      );
    }
  }
}

export interface MoveOptions {
  /** The digest `keyTag` points at in each repository, when known: the manifest is then read once per registry and digest. */
  digests?: ReadonlyMap<string, string>;
  /** What the tags point at before the move (currentTags): a tag already on the image is not PUT again, and a failed move is taken back to it. */
  before?: TagState;
}

/**
 * Points every planned tag at what `keyTag` points at: the manifest read once per registry and
 * image (the same bytes serve every repository there that holds the image), then every PUT at
 * once. When one fails, the tags that moved are put back where they were (a tag that did not
 * exist is deleted where the registry allows it) and the error says what could not be undone.
 */
export async function moveTags(client: RegistryClient, groups: readonly RepoTags[], keyTag: string, options: MoveOptions = {}): Promise<Map<string, string>> {
  const reads = new Map<string, Promise<Manifest>>();
  const manifestOf = (group: RepoTags): Promise<Manifest> => {
    const digest = options.digests?.get(group.name);
    const key = digest ? `${group.repo.registry}\0${digest}` : group.name;
    let read = reads.get(key);
    if (!read) {
      const source = digest ? { ...group.repo, digest } : { ...group.repo, tag: keyTag };
      read = client.getManifest(source).then((found) => {
        if (!found) throw new UserError(`${formatReference(source)} does not exist, so its tags cannot be moved onto it`);
        return found;
      });
      read.catch(() => {}); // awaited below
      reads.set(key, read);
    }
    return read;
  };
  const manifests = await Promise.all(groups.map(manifestOf));
  const moves = groups.flatMap((group, i) => {
    const manifest = manifests[i]!;
    return group.tags.filter((tag) => options.before?.get(tagReference(group, tag)) !== manifest.descriptor.digest).map((tag) => ({ group, tag, manifest }));
  });
  const outcomes = await Promise.allSettled(moves.map(({ group, tag, manifest }) => client.putManifest(group.repo, tag, manifest.body, manifest.descriptor.mediaType)));
  const failed = outcomes.findIndex((o) => o.status === 'rejected');
  if (failed >= 0) {
    const moved = moves.filter((_, i) => outcomes[i]!.status === 'fulfilled');
    const left = await undoMoves(client, moved, options.before);
    const reason = (outcomes[failed] as PromiseRejectedResult).reason;
    const what = `${tagReference(moves[failed]!.group, moves[failed]!.tag)} could not be moved: ${reason instanceof Error ? reason.message : String(reason)}`;
    // Nothing went through: the registry's own error says it all.
    if (!moved.length) throw reason;
    throw new UserError(
      left.length
        ? `${what}; the tags moved with it were put back, except ${left.join(', ')}, which stay on the new image (${options.before ? 'a new tag this registry does not let us delete' : 'what they pointed at before is not known'})`
        : `${what}; the ${moved.length} tag${moved.length === 1 ? '' : 's'} moved with it ${moved.length === 1 ? 'was' : 'were'} put back where ${moved.length === 1 ? 'it was' : 'they were'}`,
    );
  }
  return new Map(groups.map((group, i) => [group.name, manifests[i]!.descriptor.digest]));
}

/** Puts moved tags back on what they pointed at before (deletes new ones where allowed); returns those left moved. */
async function undoMoves(client: RegistryClient, moved: ReadonlyArray<{ group: RepoTags; tag: string }>, before: TagState | undefined): Promise<string[]> {
  const left = await Promise.all(
    moved.map(async ({ group, tag }) => {
      const ref = tagReference(group, tag);
      const previous = before?.get(ref);
      try {
        if (previous) {
          const old = await client.getManifest({ ...group.repo, digest: previous });
          if (old) {
            await client.putManifest(group.repo, tag, old.body, old.descriptor.mediaType);
            return undefined;
          }
        } else if (before && (await client.deleteTag(group.repo, tag))) {
          return undefined;
        }
      } catch {
        // left as it is, and named
      }
      return ref;
    }),
  );
  return left.filter((ref): ref is string => ref !== undefined);
}
