// Builds, and in publish mode publishes, every planned image — building only what changed. Per
// image: compute the input key; in publish mode reuse the image already published under
// `inputs-<key>` (a registry-side re-tag, no build) unless `force` or `max-age` says otherwise;
// else build with the layer cache, push under `inputs-<key>` first, then move the human tags.
// One image failing never stops the others; every image ends built, reused or failed.
// With `push-by-digest` (a build leg of the reusable workflow) each image goes to leg.ts instead.
// With a gate (the checks still running) a step only looks up until it opens: see ExecuteOptions.

import type { ImagePlan, ImageResult } from '../model/image.js';
import { RegistryClient } from '../registry/client.js';
import { credentialSource } from '../registry/credentials.js';
import { secretsFor } from '../registry/secrets.js';
import { formatReference } from '../registry/reference.js';
import { describeError, UserError } from '../util/errors.js';
import { Docker } from './docker.js';
import { discoverDockerClient } from './docker-client.js';
import { missingLocalBases, offlineSkipReason } from './local-bases.js';
import { inputKeyTag } from './input-key/compose.js';
import { computeInputKey } from './input-key/index.js';
import { legStep } from './leg.js';
import { checkImmutableTags, currentTags, groupTags, immutableTags, inOrder, moveTags, type RepoTags, type Reuse, type TagState } from './publish.js';
import type { CachePlan } from './command.js';
import { heldLog } from '../util/held-log.js';
import { runImageStep } from './image-step.js';
import { buildLogged, buildRequestFor, cacheFor, checkPlatforms, mayAct, QUICK_RETRY, reuseFor, type ExecuteOptions, type Run } from './run.js';

export type { ExecuteOptions, Run } from './run.js';

async function imageStep(plan: ImagePlan, run: Run): Promise<ImageResult> {
  const { options, docker, registry } = run;
  const { project, inputs, log, context } = options;
  return runImageStep(plan, log, async (result) => {
    const publish = plan.push && inputs.mode === 'publish';
    const groups = publish ? groupTags(plan.tags) : [];
    if (publish && !groups.length) log.warning(`${plan.name}: nothing to push: the plan gives it no tags`);
    const key = await computeInputKey(plan, run.keyEnv);
    result.inputKey = key.key;
    const keyTag = inputKeyTag(key.key);
    log.info(`${plan.name}: input key ${key.key.slice(0, 16)}… (context from ${key.contextSource === 'git' ? 'the git tree' : 'its files'})`);
    const immutable = immutableTags(plan, context);
    const { allowOverwrite } = project.build;

    let before: TagState | undefined;
    let reuse: Reuse | undefined;
    if (groups.length) {
      // Look-ups only, so before the gate: the image with these inputs, and where the tags point now.
      // Both at once; an error of the first (the image with these inputs) is the one reported.
      const asked = currentTags(registry, groups);
      asked.catch(() => {}); // awaited below
      reuse = await reuseFor(run, groups, key, keyTag);
      before = await asked;
      if (!reuse.reusable) log.info(`${plan.name}: building: ${reuse.why}`);
    }
    // A build's prelude is look-ups too (which builder, what it can do, whether its cache exists):
    // it runs while the checks do; only the build waits for the gate.
    const prelude = reuse?.reusable ? undefined : buildPrelude(run, plan, publish, groups);
    prelude?.catch(() => {}); // awaited below, unless the gate closes
    if (!(await mayAct(run))) return notActed(result);
    if (reuse?.reusable) {
      await checkImmutableTags(registry, groups, immutable, reuse.digests, allowOverwrite, before);
      const digests = await moveTags(registry, groups, keyTag, { digests: reuse.digests, before });
      result.status = 'reused';
      result.digest = digests.get(groups[0]!.name);
      log.info(`${plan.name}: reused ${result.digest}: an image with the same inputs is published (${keyTag.slice(0, 23)}…); tags moved registry-side, nothing built`);
      return result;
    }
    // Refuse now rather than after a build that could not be published.
    if (groups.length) await checkImmutableTags(registry, groups, immutable, new Map(), allowOverwrite, before);
    const { cache } = await prelude!;
    const { pushesItself } = docker.capabilities;
    const keyRefs = groups.map((g) => formatReference({ ...g.repo, tag: keyTag }));
    const request = buildRequestFor(run, plan, key, {
      // A builder that pushes pushes every tag it is given: only the key tags. `docker build` tags locally.
      tags: groups.length ? (pushesItself ? keyRefs : [...keyRefs, ...plan.tags]) : plan.tags,
      cache,
      output: groups.length ? 'push' : plan.platforms.length > 1 ? 'none' : 'load',
    });
    const outcome = await buildLogged(run, plan.name, request, result);

    if (groups.length) {
      if (!pushesItself) {
        for (const ref of keyRefs) await docker.push(ref);
        for (const ref of keyRefs) await docker.untag(ref);
      }
      const digests = new Map<string, string>();
      // After the build the tags are asked again: the build took a while.
      const asked = currentTags(registry, groups);
      asked.catch(() => {}); // awaited below
      const pushedAll = await inOrder(groups.map((group) => registry.headManifest({ ...group.repo, tag: keyTag })));
      const before = await asked;
      for (const [i, group] of groups.entries()) {
        const pushed = pushedAll[i];
        if (!pushed) throw new UserError(`${formatReference({ ...group.repo, tag: keyTag })} is not in the registry after the push`);
        // What the builder says it pushed must be what the key tag names now, before any tag moves onto it.
        if (pushesItself && outcome.digest && pushed.digest !== outcome.digest) {
          throw new UserError(`${formatReference({ ...group.repo, tag: keyTag })} is ${pushed.digest}, but the builder reported pushing ${outcome.digest}; no tag was moved`);
        }
        digests.set(group.name, pushed.digest);
      }
      await checkImmutableTags(registry, groups, immutable, digests, allowOverwrite, before);
      await moveTags(registry, groups, keyTag, { digests, before });
      result.digest = digests.get(groups[0]!.name);
      log.info(`${plan.name}: pushed ${result.digest} as ${plan.tags.length} tag${plan.tags.length === 1 ? '' : 's'}`);
    } else {
      result.digest = outcome.digest ?? outcome.imageId;
    }
    result.status = 'built';
    return result;
  }, run.registry.secrets);
}

/**
 * What a build needs before it starts and that only looks up: the builder chosen and read (its
 * probes are process starts), the platforms checked against it, the layer cache planned (with the
 * look-ups that takes).
 */
async function buildPrelude(run: Run, plan: ImagePlan, publish: boolean, groups: RepoTags[]): Promise<{ cache: CachePlan }> {
  await run.docker.ready();
  checkPlatforms(run, plan, plan.name);
  let planGroups = groups;
  if (!publish) {
    try {
      planGroups = groupTags(plan.tags);
    } catch {
      planGroups = [];
    }
  }
  return { cache: await cacheFor(run, plan, planGroups[0], publish) };
}

/** A step stopped at the gate: the checks failed the publish (the pipeline reports it skipped). */
function notActed(result: ImageResult): ImageResult {
  return { ...result, status: 'skipped', error: 'not published: the checks failed' };
}

export async function executePlan(plans: ImagePlan[], given: ExecuteOptions): Promise<ImageResult[]> {
  // With a gate (the checks still run), what the steps say waits for it.
  const options = given.gate ? { ...given, log: heldLog(given.log, given.gate) } : given;
  const { log, env, inputs, project } = options;
  // One set of secrets for the run: the docker adapter and both registry clients add what they learn.
  const secrets = secretsFor(inputs.credentials, (v) => log.secret(v));
  const failAll = (error: unknown): ImageResult[] => plans.map((p) => ({ ...p, status: 'failed', error: secrets.redact(describeError(error)) }));
  if (!plans.length) return [];
  // The builder client is chosen (probed) when the first image builds: reused images never need it.
  const docker = new Docker(() => discoverDockerClient(env, log), env, log, secrets);
  const credentials = credentialSource(inputs.credentials, env, (v) => log.secret(v));
  const registry = new RegistryClient({ credentials, log, secrets });
  const quick = new RegistryClient({ credentials, log, secrets, retry: QUICK_RETRY, timeoutMs: 10_000 });
  const logins = inputs.credentials.filter((c) => c.username && c.password);
  const run: Run = {
    options,
    docker,
    registry,
    quick,
    keyEnv: {
      root: project.root,
      env,
      docker,
      registry: quick,
      log,
      secrets: inputs.secrets,
      usesLocalImages: async () => {
        // Asked before pulling a stale base: no pull before the checks pass.
        if (!(await (options.gate ?? true))) return false;
        await docker.ready();
        return docker.capabilities.usesEngineImages;
      },
      offline: Boolean(inputs.offline),
      memo: new Map(),
    },
  };
  try {
    // The engine is given a password only where this client would send it (realm.ts).
    for (const login of logins) await registry.vetCredentials(login.registry);
    return await docker.withLogins(
      logins,
      async () => {
        const results: ImageResult[] = [];
        for (const plan of plans) {
          // A build leg pushes by digest; an image that does not push builds as in build mode.
          const leg = inputs.pushByDigest && inputs.mode === 'publish' && plan.push;
          const missing = inputs.offline ? await missingLocalBases(plan, project.root, docker).catch(() => []) : [];
          if (missing.length) {
            const error = offlineSkipReason(missing);
            log.info(`${plan.name}: ${error}`);
            results.push({ ...plan, status: 'skipped', error });
            continue;
          }
          results.push(await (leg ? legStep : imageStep)(plan, run));
        }
        return results;
      },
    );
  } catch (error) {
    return failAll(error);
  }
}
