// GitHub's limits on what one run of the reusable workflow can carry, checked by the plan job so
// that a repository too large for one run gets one clear error saying how to split it, instead of
// GitHub's generic failure after the checks (docs/workflows.md, "Limits"):
//   * a job matrix makes at most 256 jobs, and GitHub documents it per workflow run: at most 256
//     build legs in all (images × platforms), and at most 256 images;
//   * a job's outputs hold at most 1 MB in all: the plan job hands the image matrix and the context
//     on that way (everything larger travels as the plan artifact, never as a job output or an
//     environment variable, whose values Linux caps at 128 KiB each).

import type { ImagePlan } from '../model/image.js';
import { UserError } from '../util/errors.js';

export const MATRIX_MAX = 256;
export const JOB_OUTPUTS_MAX = 1024 * 1024;
/** Room for the plan job's small outputs (publish, lock, namespace, …) beside the two large ones. */
const OUTPUTS_MARGIN = 16 * 1024;

/** Consecutive runs of images, in plan order, each within every limit: one call of the workflow each. */
export function splitImages(images: readonly ImagePlan[], legsMax = MATRIX_MAX): ImagePlan[][] {
  const groups: ImagePlan[][] = [];
  let current: ImagePlan[] = [];
  let legs = 0;
  for (const image of images) {
    const n = image.platforms.length;
    if (current.length && (legs + n > legsMax || current.length >= MATRIX_MAX)) {
      groups.push(current);
      current = [];
      legs = 0;
    }
    current.push(image);
    legs += n;
  }
  if (current.length) groups.push(current);
  return groups;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function splitAdvice(images: readonly ImagePlan[]): string {
  const groups = splitImages(images);
  const calls = groups.map((g) => (g.length === 1 ? g[0]!.name : `${g[0]!.name} … ${g[g.length - 1]!.name} (${g.length})`));
  return (
    `split the images across ${plural(groups.length, 'call')} of the reusable workflow, each naming its own in the \`images\` input ` +
    `(in plan order: ${calls.join('; ')}); each call names its artifacts after its own inputs, so the calls never overwrite each other's`
  );
}

/**
 * Refuses a plan one run of the reusable workflow cannot carry. `outputs` are the JSON texts the
 * plan job hands on as job outputs (the image matrix, the context).
 */
export function checkWorkflowLimits(images: readonly ImagePlan[], outputs: readonly string[] = []): void {
  const legs = images.reduce((n, image) => n + image.platforms.length, 0);
  if (legs > MATRIX_MAX) {
    throw new UserError(
      `the plan has ${plural(legs, 'build leg')} (${plural(images.length, 'image')} × their platforms), more than the ${MATRIX_MAX} jobs GitHub runs from one workflow's matrices: ${splitAdvice(images)}`,
    );
  }
  if (images.length > MATRIX_MAX) {
    throw new UserError(`the plan has ${plural(images.length, 'image')}, more than the ${MATRIX_MAX} jobs of one matrix GitHub runs: ${splitAdvice(images)}`);
  }
  const bytes = outputs.reduce((n, text) => n + Buffer.byteLength(text, 'utf8'), 0);
  if (bytes > JOB_OUTPUTS_MAX - OUTPUTS_MARGIN) {
    throw new UserError(
      `the plan's image matrix and context take ${Math.ceil(bytes / 1024)} KiB, more than fits in the plan job's outputs (GitHub keeps at most 1 MiB per job): ${splitAdvice(images)}`,
    );
  }
}
