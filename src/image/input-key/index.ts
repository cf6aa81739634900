// Computes an image's input key from the real world: the context's content, the Dockerfile, the
// digest each FROM image resolves to (its registry first; the local engine for images that exist
// only there), and the commit each `ADD <git-url>#<ref>` resolves to (`git ls-remote`).
// Labels are deliberately not inputs: a promoted or reused image keeps the labels of its build.

import { createHash } from 'node:crypto';
import { readDockerfile } from '../dockerfile-file.js';
import { resolve } from 'node:path';
import type { BuildSecret } from '../../config/inputs.js';
import { Git } from '../../git/git.js';
import type { ImagePlan } from '../../model/image.js';
import type { RegistryClient } from '../../registry/client.js';
import { parseReference } from '../../registry/reference.js';
import type { Log } from '../../util/log.js';
import type { Docker } from '../docker.js';
import { composeInputKey, type InputKeyParts } from './compose.js';
import { contextDigest } from './context-digest.js';
import { dockerfileSources } from './dockerfile-sources.js';

export const INPUT_KEY_LABEL = 'org.openedx.oep45.input-key';

export interface KeyEnvironment {
  /** Project root: plan paths are relative to it. */
  root: string;
  env: NodeJS.ProcessEnv;
  docker: Docker;
  /** A client with a short retry policy: base lookups must not hold a run up. */
  registry: RegistryClient;
  log: Log;
  secrets: readonly BuildSecret[];
  /**
   * The builder takes FROM images from the local engine (docker build, buildx's docker driver).
   * A function when the builder is chosen lazily: it is asked only when a local copy is stale.
   */
  usesLocalImages: boolean | (() => Promise<boolean>);
  /** Look base images up in the local engine only. */
  offline?: boolean;
  /** Shared between the images of one run. */
  memo: Map<string, Promise<string | undefined>>;
}

export interface InputKey {
  key: string;
  parts: InputKeyParts;
  contextSource: 'git' | 'files';
  /** What the key could not pin down (a FROM or git source that did not resolve): no reuse then. */
  unresolved: string[];
}

/** `sha256:…` from the registry, `local sha256:…` for an engine-only image, or undefined. */
async function resolveBase(image: string, k: KeyEnvironment): Promise<string | undefined> {
  let ref;
  try {
    ref = parseReference(image);
  } catch {
    return undefined;
  }
  const [remote, local] = await Promise.all([
    k.offline
      ? undefined
      : k.registry.headManifest(ref).catch((error: unknown) => {
      k.log.debug(`${image}: registry lookup failed: ${(error as Error).message}`);
      return undefined;
    }),
    k.docker.inspectImage(image),
  ]);
  if (remote) {
    const stale = local && !local.repoDigests.some((d) => d.endsWith(`@${remote.digest}`));
    if (stale && (typeof k.usesLocalImages === 'function' ? await k.usesLocalImages() : k.usesLocalImages)) {
      // The engine would build on its stale copy: bring it to what the key says.
      k.log.info(`${image} changed in its registry (now ${remote.digest}); pulling it`);
      await k.docker.pull(image);
    }
    return remote.digest;
  }
  return local ? `local ${local.id}` : undefined;
}

export async function computeInputKey(plan: ImagePlan, k: KeyEnvironment): Promise<InputKey> {
  const dockerfilePath = resolve(k.root, plan.dockerfile);
  // Read at once: the look-ups below then start before the caller moves on (the checks run
  // meanwhile). Confined and bounded (src/files/repo-files.ts): a Dockerfile linked out of the
  // repository, a FIFO or one over the limit stops this image before anything reads it.
  const dockerfileText = Buffer.from(readDockerfile(k.root, plan), 'utf8');
  const sources = dockerfileSources(dockerfileText.toString('utf8'), plan.buildArgs);
  const unresolved = [...sources.unresolved];
  const memo = (key: string, fn: () => Promise<string | undefined>): Promise<string | undefined> => {
    let found = k.memo.get(key);
    if (!found) k.memo.set(key, (found = fn()));
    return found;
  };
  // The context listing, each base and each git source are looked up at once.
  const git = new Git(k.root, k.env);
  const [context, baseDigests, commits] = await Promise.all([
    contextDigest(resolve(k.root, plan.context), dockerfilePath, k.env, sources.context, k.root),
    Promise.all(sources.images.map((image) => memo(`from ${image}`, () => resolveBase(image, k)))),
    Promise.all(sources.git.map((s) => memo(`git ${s.url}#${s.ref}`, () => git.lsRemote(s.url, s.ref)))),
  ]);
  const bases = sources.images.map((image, i) => {
    const digest = baseDigests[i];
    if (!digest) unresolved.push(`FROM ${image}`);
    return { image, digest: digest ?? 'unresolved' };
  });
  const gitSources = sources.git.map((source, i) => {
    const commit = commits[i];
    if (!commit) unresolved.push(`ADD ${source.url}#${source.ref} (line ${source.line})`);
    return { url: source.url, ref: source.ref, commit: commit ?? 'unresolved' };
  });

  const parts: InputKeyParts = {
    context: context.digest,
    dockerfile: `sha256:${createHash('sha256').update(dockerfileText).digest('hex')}`,
    platforms: plan.platforms,
    buildArgs: plan.buildArgs,
    bases,
    gitSources,
    secretIds: k.secrets.map((s) => s.id),
  };
  if (plan.target) parts.target = plan.target;
  return { key: composeInputKey(parts), parts, contextSource: context.source, unresolved };
}
