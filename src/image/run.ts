// What the image steps of one run share (the docker client, the registry clients, the input-key
// environment) and the decisions both a full publish (execute.ts) and a build leg (leg.ts) make
// the same way: whether an image with the same inputs can be reused, and which layer cache to use.

import { resolve } from 'node:path';
import type { PipelineInputs } from '../config/inputs.js';
import type { ImagePlan, ImageResult } from '../model/image.js';
import type { Project } from '../model/project.js';
import type { ReleaseContext } from '../model/release.js';
import type { RegistryClient } from '../registry/client.js';
import type { RetryPolicy } from '../registry/retry.js';
import { formatReference } from '../registry/reference.js';
import type { Log } from '../util/log.js';
import { UserError } from '../util/errors.js';
import { cachePlan, readsInlineCache, registryCacheRef } from './cache.js';
import { unlistedPlatforms } from './capabilities.js';
import type { BuildRequest, CachePlan } from './command.js';
import type { BuildOutcome, Docker } from './docker.js';
import { seconds } from './image-step.js';
import { INPUT_KEY_LABEL, type InputKey, type KeyEnvironment } from './input-key/index.js';
import { findReusable, type RepoTags, type Reuse } from './publish.js';

export interface ExecuteOptions {
  project: Project;
  inputs: PipelineInputs;
  log: Log;
  env: NodeJS.ProcessEnv;
  context: ReleaseContext;
  /**
   * Given when the image steps start while the checks still run: until it resolves they only look
   * up (input keys, the registry) and their log lines wait; true then lets them build, push and
   * move tags, false (the checks failed a publish) stops them before anything is done.
   */
  gate?: Promise<boolean>;
}

/** What every image step of one run shares. */
export interface Run {
  options: ExecuteOptions;
  docker: Docker;
  registry: RegistryClient;
  /** Short retries: for lookups that only make things faster (bases, cache sources). */
  quick: RegistryClient;
  keyEnv: KeyEnvironment;
}


/**
 * The retry policy of the `quick` client (base images, cache sources): one retry after a short
 * wait, none for a refused connection (a registry that is not there, like the `localhost` of an
 * image only the engine has, must not hold the run up).
 */
export const QUICK_RETRY: RetryPolicy = { attempts: 2, baseMs: 100, maxMs: 1000, finalCodes: ['ECONNREFUSED'] };

/** Whether a step may now build, push or move a tag: waits for the gate (the checks) when there is one. */
export async function mayAct(run: Run): Promise<boolean> {
  return run.options.gate ?? true;
}

/** Earlier images of the same repository to read an inline cache from: those that exist. */
export async function previousImages(run: Run, group: RepoTags | undefined): Promise<string[]> {
  await run.docker.ready();
  if (!group || !readsInlineCache(run.options.project.build.cache, run.docker.capabilities.cacheExport)) return [];
  const tags = [...new Set([...group.tags, 'latest'])];
  const found: string[] = [];
  for (const tag of tags.slice(0, 4)) {
    const exists = await run.quick.headManifest({ ...group.repo, tag }).catch(() => undefined);
    if (exists) found.push(formatReference({ ...group.repo, tag }));
    if (found.length >= 2) break;
  }
  return found;
}

/**
 * Whether the registry cache of this image exists (a HEAD of `buildcache[-<platform>]`); undefined
 * when the registry does not say (the build is then told to read it, as before: a cache read that
 * fails is only a log line).
 */
export async function registryCacheExists(run: Run, first: RepoTags, platforms: readonly string[]): Promise<boolean | undefined> {
  const tag = registryCacheRef({ repository: first.name, platforms })!.slice(first.name.length + 1);
  return run.quick.headManifest({ ...first.repo, tag }).then(
    (found) => Boolean(found),
    () => undefined,
  );
}

/** Whether the image published under `keyTag` can stand for this build, and if not why. */
export async function reuseFor(run: Run, groups: readonly RepoTags[], key: InputKey, keyTag: string): Promise<Reuse> {
  const { force, maxAgeSeconds } = run.options.project.build;
  if (force) return { reusable: false, why: 'force is set' };
  if (key.unresolved.length) return { reusable: false, why: `the input key could not pin down ${key.unresolved.join(', ')}` };
  return findReusable(run.registry, groups, keyTag, maxAgeSeconds);
}

/** The layer cache of one build (`first`: the image's first repository, where a registry cache lives). */
export async function cacheFor(run: Run, plan: ImagePlan, first: RepoTags | undefined, push: boolean): Promise<CachePlan> {
  const { project, log } = run.options;
  await run.docker.ready();
  const cacheExport = run.docker.capabilities.cacheExport;
  const [previous, cacheExists] = await Promise.all([
    previousImages(run, first),
    project.build.cache === 'registry' && cacheExport.can && first ? registryCacheExists(run, first, plan.platforms) : Promise.resolve(undefined),
  ]);
  const cache = cachePlan({
    kind: run.docker.kind,
    cacheExport,
    backend: project.build.cache,
    imageName: plan.name,
    platforms: plan.platforms,
    repository: first?.name,
    push,
    previous,
    ...(cacheExists === undefined ? {} : { registryCacheExists: cacheExists }),
    userFrom: project.build.cacheFrom,
    userTo: project.build.cacheTo,
    writes: project.build.writeCache !== false,
  });
  for (const warning of cache.warnings) log.warning(warning);
  for (const note of cache.notes) log.info(note);
  return cache;
}


/**
 * Refuses, before building, a plan of several platforms the builder cannot build at once, and
 * warns of a platform the builder does not list (its RUN steps would fail without an emulator).
 */
export function checkPlatforms(run: Run, plan: ImagePlan, what: string): void {
  const { capabilities, client } = run.docker;
  if (plan.platforms.length > 1 && !capabilities.multiPlatform.can) {
    throw new UserError(`building ${plan.platforms.join(', ')} at once needs a builder that can, and ${client.program} cannot: ${capabilities.multiPlatform.why}; or build one platform per job`);
  }
  const unlisted = unlistedPlatforms(capabilities.facts.platforms, plan.platforms);
  if (unlisted.length) {
    run.options.log.warning(
      `${what}: the builder does not list ${unlisted.join(', ')} among its platforms (${capabilities.facts.platforms.join(', ')}): a RUN step for it fails without an emulator (docker/setup-qemu-action, or Debian's qemu-user-static), or build it on a runner of that platform`,
    );
  }
}

/** The parts of a build request every step sets the same way; the step adds tags, cache and output. */
export function buildRequestFor(
  run: Run,
  plan: ImagePlan,
  key: InputKey,
  step: Pick<BuildRequest, 'tags' | 'cache' | 'output'> & Pick<Partial<BuildRequest>, 'digestRepositories'>,
): BuildRequest {
  const { project, inputs } = run.options;
  const request: BuildRequest = {
    kind: run.docker.kind,
    context: resolve(project.root, plan.context),
    dockerfile: resolve(project.root, plan.dockerfile),
    platforms: plan.platforms,
    buildArgs: plan.buildArgs,
    labels: { ...plan.labels, [INPUT_KEY_LABEL]: key.key },
    secrets: inputs.secrets,
    ...step,
  };
  if (plan.target) request.target = plan.target;
  return request;
}

/** Builds with the log folded under the image's name, and records the cached steps on the result. */
export async function buildLogged(run: Run, what: string, request: BuildRequest, result: ImageResult): Promise<BuildOutcome> {
  const { log, project } = run.options;
  const started = Date.now();
  const outcome = await log.group(`Build ${what}`, () => run.docker.build(request, project.root));
  result.cachedSteps = outcome.cachedSteps;
  result.totalSteps = outcome.totalSteps;
  log.info(`${what}: built in ${seconds(started)} s, ${outcome.cachedSteps} of ${outcome.totalSteps} steps cached`);
  return outcome;
}
