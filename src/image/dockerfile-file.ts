// An image's Dockerfile as the image steps read it (its input key, the offline base check): through
// src/files/repo-files.ts, so that a Dockerfile linked out of the repository, a FIFO or one over the
// size limit stops the image with one error naming the file, before docker or anything else reads it.

import type { ImagePlan } from '../model/image.js';
import { describeRefusal, repoFiles } from '../files/repo-files.js';
import { UserError } from '../util/errors.js';

export function readDockerfile(root: string, plan: Pick<ImagePlan, 'dockerfile' | 'name'>): string {
  const files = repoFiles(root);
  const text = files.read(plan.dockerfile, 'dockerfile');
  if (text !== undefined) return text;
  const refusal = files.refusal(plan.dockerfile);
  if (refusal) throw new UserError(`the Dockerfile of image ${plan.name}: ${describeRefusal(plan.dockerfile, refusal, 'dockerfile')}`, { file: plan.dockerfile });
  throw new UserError(`${plan.dockerfile}: the Dockerfile of image ${plan.name} cannot be read`);
}
