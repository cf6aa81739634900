// Merge mode, the reusable workflow's merge job: joins the per-platform images that an image's
// build legs pushed by digest into one multi-platform index in every repository the image goes
// to, then applies every planned tag. The order keeps every tag whole and every release tag where
// it was when something is wrong: read every digest in every repository first (a missing one is an
// error before anything is written); make the index documents; refuse to move a named-release tag
// to a different index (unless allow-overwrite); store each index by its digest; only then PUT it
// under each tag. No Docker engine is needed, only the registry.
// The index carries nothing of its own (no time, no annotation), so the same digests always make
// the same index: a re-run, or a later run whose legs all reused their images, moves nothing and
// passes the immutable-tag check.

import { runImageStep } from '../image/image-step.js';
import type { PipelineInputs } from '../config/inputs.js';
import type { ImagePlan, ImageResult } from '../model/image.js';
import type { Project } from '../model/project.js';
import type { ReleaseContext } from '../model/release.js';
import { checkImmutableTags, groupTags, immutableTags } from '../image/publish.js';
import { RegistryClient, sha256Digest } from '../registry/client.js';
import { indexDocument } from '../registry/create-index.js';
import { credentialSource } from '../registry/credentials.js';
import { secretsFor } from '../registry/secrets.js';
import { UserError } from '../util/errors.js';
import type { Log } from '../util/log.js';
import { indexEntries } from './index-entries.js';
import { readPushedImage } from './read-pushed.js';

export interface MergeOptions {
  project: Project;
  inputs: PipelineInputs;
  log: Log;
  env: NodeJS.ProcessEnv;
  context: ReleaseContext;
}

async function mergeImage(plan: ImagePlan, digests: readonly string[], client: RegistryClient, options: MergeOptions): Promise<ImageResult> {
  const { project, log, context } = options;
  return runImageStep(plan, log, async (result) => {
    const groups = groupTags(plan.tags);
    if (!groups.length) throw new UserError(`the plan gives ${plan.name} no tags, so there is nothing to merge into`);
    const indexes = [];
    for (const group of groups) {
      const pushed = await Promise.all(digests.map((digest) => readPushedImage(client, group.repo, digest)));
      const entries = indexEntries(pushed, plan.platforms, plan.name);
      const document = indexDocument(entries.children);
      indexes.push({ group, ...document, digest: sha256Digest(document.body), manifests: entries.manifests });
    }
    const digestByRepository = new Map(indexes.map((i) => [i.group.name, i.digest]));
    await checkImmutableTags(client, groups, immutableTags(plan, context), digestByRepository, project.build.allowOverwrite);
    for (const index of indexes) await client.putManifest(index.group.repo, index.digest, index.body, index.mediaType);
    for (const index of indexes) {
      await Promise.all(index.group.tags.map((tag) => client.putManifest(index.group.repo, tag, index.body, index.mediaType)));
    }
    const first = indexes[0]!;
    result.status = 'merged';
    result.digest = first.digest;
    result.manifests = first.manifests;
    const platforms = first.manifests.map((m) => m.platform).join(', ');
    log.info(`${plan.name}: merged ${platforms} into ${first.digest}, tagged ${plan.tags.length} time${plan.tags.length === 1 ? '' : 's'} in ${groups.length} repositor${groups.length === 1 ? 'y' : 'ies'}`);
    return result;
  }, client.secrets);
}

/** Joins `digests` into one index for each plan (the pipeline passes exactly one). */
export async function mergeImages(plans: readonly ImagePlan[], digests: readonly string[], options: MergeOptions): Promise<ImageResult[]> {
  const { inputs, log, env } = options;
  const secrets = secretsFor(inputs.credentials, (v) => log.secret(v));
  const client = new RegistryClient({ credentials: credentialSource(inputs.credentials, env, (v) => log.secret(v)), log, secrets });
  const results: ImageResult[] = [];
  for (const plan of plans) results.push(await mergeImage(plan, digests, client, options));
  return results;
}
