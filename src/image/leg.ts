// One build leg of the reusable workflow (`push-by-digest`): one image, one platform, pushed by
// digest to every repository the image goes to, plus the tag `inputs-<key>` so that the next run
// finds it and reuses it. No human tag moves here: the merge job joins the legs' digests into one
// multi-platform index and applies the tags, so no tag ever points at one platform alone.
// How it is pushed follows what the builder can do (capabilities.ts): a builder that pushes by
// digest does so (no tag at all), and the key tag is added registry-side afterwards; one that
// pushes but not by digest (buildx's docker driver) pushes under the key tag and the digest comes
// from its metadata file; `docker build` without buildx tags the key locally, `docker push` sends
// it and the digest is read back from the registry. Reuse works as in a full publish: when
// `inputs-<key>` of this platform exists, its digest is the leg's result, unbuilt.

import type { ImagePlan, ImageResult } from '../model/image.js';
import { formatReference } from '../registry/reference.js';
import { UserError } from '../util/errors.js';
import { runImageStep } from './image-step.js';
import { buildLogged, buildRequestFor, cacheFor, checkPlatforms, reuseFor, type Run } from './run.js';
import { inputKeyTag } from './input-key/compose.js';
import { computeInputKey } from './input-key/index.js';
import { groupTags, type RepoTags } from './publish.js';

/** The one platform of a leg (pure): push-by-digest builds exactly one per image. */
export function legPlatform(plan: Pick<ImagePlan, 'name' | 'platforms'>): string {
  const [platform, ...more] = plan.platforms;
  if (!platform || more.length) {
    throw new UserError(
      `push-by-digest builds one platform per build leg, and image ${plan.name} has ${plan.platforms.length ? plan.platforms.join(', ') : 'none'}: pass one (platforms: linux/amd64, CLI --platform)`,
    );
  }
  return platform;
}

/** The leg's one digest (pure): the same image must have the same digest in every repository. */
export function oneDigest(digests: ReadonlyMap<string, string | undefined>): string {
  const entries = [...digests];
  const [first] = entries;
  if (!first?.[1]) throw new UserError(`the pushed image is not in ${first?.[0] ?? 'any repository'}`);
  for (const [repository, digest] of entries) {
    if (!digest) throw new UserError(`the pushed image is not in ${repository}`);
    if (digest !== first[1]) {
      throw new UserError(`the image has digest ${first[1]} in ${first[0]} but ${digest} in ${repository}; the merge needs one digest per platform in every registry`);
    }
  }
  return first[1];
}

async function digestsOf(run: Run, groups: readonly RepoTags[], keyTag: string): Promise<Map<string, string | undefined>> {
  const found = new Map<string, string | undefined>();
  for (const group of groups) found.set(group.name, (await run.registry.headManifest({ ...group.repo, tag: keyTag }))?.digest);
  return found;
}

export async function legStep(plan: ImagePlan, run: Run): Promise<ImageResult> {
  const { options, docker, registry } = run;
  const { log } = options;
  return runImageStep(plan, log, async (result) => {
    const platform = legPlatform(plan);
    const what = `${plan.name} (${platform})`;
    const groups = groupTags(plan.tags);
    if (!groups.length) throw new UserError(`${what}: nothing to push: the plan gives it no tags`);
    const key = await computeInputKey(plan, run.keyEnv);
    result.inputKey = key.key;
    const keyTag = inputKeyTag(key.key);
    log.info(`${what}: input key ${key.key.slice(0, 16)}… (context from ${key.contextSource === 'git' ? 'the git tree' : 'its files'})`);

    const reuse = await reuseFor(run, groups, key, keyTag);
    if (reuse.reusable) {
      result.status = 'reused';
      result.digest = oneDigest(reuse.digests);
      log.info(`${what}: reused ${result.digest}: an image with the same inputs is published (${keyTag.slice(0, 23)}…); nothing built, no tag moved (the merge applies the tags)`);
      return result;
    }
    log.info(`${what}: building: ${reuse.why}`);
    await docker.ready();
    checkPlatforms(run, plan, what);
    const { pushByDigest, pushesItself } = docker.capabilities;

    const keyRefs = groups.map((g) => formatReference({ ...g.repo, tag: keyTag }));
    const request = buildRequestFor(run, plan, key, {
      // buildx refuses a tagged name when pushing by digest; otherwise the key tag is the only tag.
      tags: pushByDigest.can ? [] : keyRefs,
      cache: await cacheFor(run, plan, groups[0], true),
      output: pushByDigest.can ? 'push-by-digest' : 'push',
      digestRepositories: groups.map((g) => g.name),
    });
    const outcome = await buildLogged(run, what, request, result);

    if (pushByDigest.can) {
      const digest = outcome.digest;
      if (!digest) throw new UserError(`${what}: the builder pushed by digest but wrote no digest in its metadata file`);
      // The key tag, registry-side: this also proves the image reached every repository.
      for (const group of groups) await registry.retag({ ...group.repo, digest }, [keyTag]);
      result.digest = digest;
    } else if (pushesItself) {
      const digest = outcome.digest;
      if (!digest) throw new UserError(`${what}: the builder pushed ${keyTag.slice(0, 23)}… but wrote no digest in its metadata file`);
      const pushed = oneDigest(await digestsOf(run, groups, keyTag));
      if (pushed !== digest) throw new UserError(`${what}: the builder reported ${digest}, but ${groups[0]!.name}:${keyTag.slice(0, 23)}… is ${pushed}`);
      result.digest = digest;
    } else {
      for (const ref of keyRefs) await docker.push(ref);
      for (const ref of keyRefs) await docker.untag(ref);
      result.digest = oneDigest(await digestsOf(run, groups, keyTag));
    }
    result.status = 'built';
    const how = pushByDigest.can ? `by digest (and as ${keyTag.slice(0, 23)}…)` : `as ${keyTag.slice(0, 23)}… (${pushByDigest.why})`;
    log.info(`${what}: pushed ${result.digest} ${how} to ${groups.map((g) => g.name).join(', ')}; no tag moved (the merge applies the tags)`);
    return result;
  }, run.registry.secrets);
}
