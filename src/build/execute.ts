// Builds (and in publish mode pushes) every planned image. (Foundation version: plain local
// builds; the build issue adds reuse, caches, registry publishing.)

import type { PipelineInputs } from '../config/inputs.js';
import type { ImagePlan, ImageResult } from '../model/image.js';
import type { Project } from '../model/project.js';
import type { ReleaseContext } from '../model/release.js';
import type { Log } from '../util/log.js';
import { describeError } from '../util/errors.js';
import { dockerBuild } from './docker.js';

export interface ExecuteOptions {
  project: Project;
  inputs: PipelineInputs;
  log: Log;
  env: NodeJS.ProcessEnv;
  context: ReleaseContext;
}

export async function executePlan(plans: ImagePlan[], options: ExecuteOptions): Promise<ImageResult[]> {
  const results: ImageResult[] = [];
  for (const plan of plans) {
    const started = Date.now();
    try {
      const built = await options.log.group(`Build ${plan.name}`, () => dockerBuild(plan, options));
      results.push({ ...plan, status: 'built', digest: built.imageId, seconds: (Date.now() - started) / 1000 });
    } catch (error) {
      results.push({ ...plan, status: 'failed', error: describeError(error), seconds: (Date.now() - started) / 1000 });
    }
  }
  return results;
}
