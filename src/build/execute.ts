// Builds, and in publish mode publishes, every planned image — building only what changed. Per
// image: compute the input key; in publish mode reuse the image already published under
// `inputs-<key>` (a registry-side re-tag, no build) unless `force` or `max-age` says otherwise;
// else build with the layer cache, push under `inputs-<key>` first, then move the human tags.
// One image failing never stops the others; every image ends built, reused or failed.

import { resolve } from 'node:path';
import type { PipelineInputs } from '../config/inputs.js';
import type { ImagePlan, ImageResult } from '../model/image.js';
import type { Project } from '../model/project.js';
import type { ReleaseContext } from '../model/release.js';
import { RegistryClient } from '../registry/client.js';
import { credentialSource } from '../registry/credentials.js';
import { formatReference } from '../registry/reference.js';
import { describeError, UserError } from '../util/errors.js';
import type { Log } from '../util/log.js';
import { cachePlan } from './cache.js';
import type { BuildRequest } from './command.js';
import { Docker } from './docker.js';
import { discoverDockerClient } from './docker-client.js';
import { inputKeyTag } from './input-key/compose.js';
import { computeInputKey, INPUT_KEY_LABEL, type KeyEnvironment } from './input-key/index.js';
import { checkImmutableTags, findReusable, groupTags, immutableTags, moveTags, type RepoTags, type Reuse } from './publish.js';

export interface ExecuteOptions {
  project: Project;
  inputs: PipelineInputs;
  log: Log;
  env: NodeJS.ProcessEnv;
  context: ReleaseContext;
}

interface Run {
  options: ExecuteOptions;
  docker: Docker;
  registry: RegistryClient;
  /** Short retries: for lookups that only make things faster (bases, cache sources). */
  quick: RegistryClient;
  driver?: string;
  keyEnv: KeyEnvironment;
}

const seconds = (since: number): number => Math.round((Date.now() - since) / 100) / 10;

/** Earlier images of the same repository to read an inline cache from: those that exist. */
async function previousImages(run: Run, group: RepoTags | undefined): Promise<string[]> {
  const backend = run.options.project.build.cache;
  const inline = run.docker.kind === 'buildkit' || backend === 'inline' || run.driver === 'docker';
  if (!group || backend === 'none' || !inline) return [];
  const tags = [...new Set([...group.tags, 'latest'])];
  const found: string[] = [];
  for (const tag of tags.slice(0, 4)) {
    const exists = await run.quick.headManifest({ ...group.repo, tag }).catch(() => undefined);
    if (exists) found.push(formatReference({ ...group.repo, tag }));
    if (found.length >= 2) break;
  }
  return found;
}

async function imageStep(plan: ImagePlan, run: Run): Promise<ImageResult> {
  const { options, docker, registry } = run;
  const { project, inputs, log, context } = options;
  const started = Date.now();
  const result: ImageResult = { ...plan, status: 'failed' };
  try {
    const publish = plan.push && inputs.mode === 'publish';
    const groups = publish ? groupTags(plan.tags) : [];
    if (publish && !groups.length) log.warning(`${plan.name}: nothing to push: the plan gives it no tags`);
    const key = await computeInputKey(plan, run.keyEnv);
    result.inputKey = key.key;
    const keyTag = inputKeyTag(key.key);
    log.info(`${plan.name}: input key ${key.key.slice(0, 16)}… (context from ${key.contextSource === 'git' ? 'the git tree' : 'its files'})`);
    const immutable = immutableTags(plan, context);
    const { force, maxAgeSeconds, allowOverwrite } = project.build;

    if (groups.length) {
      let reuse: Reuse;
      if (force) reuse = { reusable: false, why: 'force is set' };
      else if (key.unresolved.length) reuse = { reusable: false, why: `the input key could not pin down ${key.unresolved.join(', ')}` };
      else reuse = await findReusable(registry, groups, keyTag, maxAgeSeconds);
      if (reuse.reusable) {
        await checkImmutableTags(registry, groups, immutable, reuse.digests, allowOverwrite);
        const digests = await moveTags(registry, groups, keyTag);
        result.status = 'reused';
        result.digest = digests.get(groups[0]!.name);
        log.info(`${plan.name}: reused ${result.digest}: an image with the same inputs is published (${keyTag.slice(0, 23)}…); tags moved registry-side, nothing built`);
        return result;
      }
      log.info(`${plan.name}: building: ${reuse.why}`);
      // Refuse now rather than after a build that could not be published.
      await checkImmutableTags(registry, groups, immutable, new Map(), allowOverwrite);
    }

    if (docker.kind === 'buildkit' && plan.platforms.length > 1) {
      throw new UserError(`building ${plan.platforms.join(', ')} at once needs docker buildx, and ${docker.client.program} has none: install buildx, or build one platform per job`);
    }
    let planGroups: RepoTags[] = groups;
    if (!publish) {
      try {
        planGroups = groupTags(plan.tags);
      } catch {
        planGroups = [];
      }
    }
    const cache = cachePlan({
      kind: docker.kind,
      driver: run.driver,
      backend: project.build.cache,
      imageName: plan.name,
      platforms: plan.platforms,
      repository: planGroups[0]?.name,
      push: publish,
      previous: await previousImages(run, planGroups[0]),
      userFrom: project.build.cacheFrom,
      userTo: project.build.cacheTo,
    });
    for (const warning of cache.warnings) log.warning(warning);
    const keyRefs = groups.map((g) => formatReference({ ...g.repo, tag: keyTag }));
    const request: BuildRequest = {
      kind: docker.kind,
      context: resolve(project.root, plan.context),
      dockerfile: resolve(project.root, plan.dockerfile),
      platforms: plan.platforms,
      buildArgs: plan.buildArgs,
      labels: { ...plan.labels, [INPUT_KEY_LABEL]: key.key },
      // buildx pushes every tag it is given: only the key tags. `docker build` tags locally.
      tags: groups.length ? (docker.kind === 'buildx' ? keyRefs : [...keyRefs, ...plan.tags]) : plan.tags,
      secrets: inputs.secrets,
      cache,
      output: groups.length ? 'push' : plan.platforms.length > 1 ? 'none' : 'load',
    };
    if (plan.target) request.target = plan.target;
    const buildStarted = Date.now();
    const outcome = await log.group(`Build ${plan.name}`, () => docker.build(request, project.root));
    result.cachedSteps = outcome.cachedSteps;
    result.totalSteps = outcome.totalSteps;
    log.info(`${plan.name}: built in ${seconds(buildStarted)} s, ${outcome.cachedSteps} of ${outcome.totalSteps} steps cached`);

    if (groups.length) {
      if (docker.kind === 'buildkit') {
        for (const ref of keyRefs) await docker.push(ref);
        for (const ref of keyRefs) await docker.untag(ref);
      }
      const digests = new Map<string, string>();
      for (const group of groups) {
        const pushed = await registry.headManifest({ ...group.repo, tag: keyTag });
        if (!pushed) throw new UserError(`${formatReference({ ...group.repo, tag: keyTag })} is not in the registry after the push`);
        digests.set(group.name, pushed.digest);
      }
      await checkImmutableTags(registry, groups, immutable, digests, allowOverwrite);
      await moveTags(registry, groups, keyTag);
      result.digest = digests.get(groups[0]!.name);
      log.info(`${plan.name}: pushed ${result.digest} as ${plan.tags.length} tag${plan.tags.length === 1 ? '' : 's'}`);
    } else {
      result.digest = outcome.digest ?? outcome.imageId;
    }
    result.status = 'built';
    return result;
  } catch (error) {
    result.status = 'failed';
    result.error = describeError(error);
    log.warning(`${plan.name}: ${result.error}`);
    return result;
  } finally {
    result.seconds = seconds(started);
  }
}

export async function executePlan(plans: ImagePlan[], options: ExecuteOptions): Promise<ImageResult[]> {
  const { log, env, inputs, project } = options;
  const failAll = (error: unknown): ImageResult[] => plans.map((p) => ({ ...p, status: 'failed', error: describeError(error) }));
  if (!plans.length) return [];
  let docker: Docker;
  try {
    docker = new Docker(await discoverDockerClient(env, log), env, log);
  } catch (error) {
    return failAll(error);
  }
  for (const credential of inputs.credentials) if (credential.password) log.secret(credential.password);
  const credentials = credentialSource(inputs.credentials, env, (v) => log.secret(v));
  const registry = new RegistryClient({ credentials, log });
  const quick = new RegistryClient({ credentials, log, retry: { attempts: 2, baseMs: 100, maxMs: 1000 }, timeoutMs: 10_000 });
  const driver = await docker.buildxDriver();
  const run: Run = {
    options,
    docker,
    registry,
    quick,
    ...(driver ? { driver } : {}),
    keyEnv: {
      root: project.root,
      env,
      docker,
      registry: quick,
      log,
      secrets: inputs.secrets,
      usesLocalImages: docker.kind === 'buildkit' || driver === 'docker',
      memo: new Map(),
    },
  };
  try {
    return await docker.withLogins(
      inputs.credentials.filter((c) => c.username && c.password),
      async () => {
        const results: ImageResult[] = [];
        for (const plan of plans) results.push(await imageStep(plan, run));
        return results;
      },
    );
  } catch (error) {
    return failAll(error);
  }
}
