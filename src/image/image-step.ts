// One image's step, whatever it does (a build and publish, a build leg, a merge): it ends with a
// status and its time, and whatever it throws ends that image `failed` with its error in one line,
// never the run, so the other images of a matrix go on; that line goes through the run's secrets,
// the last net under every error an image step raises (registry, merge, docker adapter).

import type { ImagePlan, ImageResult } from '../model/image.js';
import type { Secrets } from '../registry/secrets.js';
import { describeError } from '../util/errors.js';
import type { Log } from '../util/log.js';

export const seconds = (since: number): number => Math.round((Date.now() - since) / 100) / 10;

export async function runImageStep(plan: ImagePlan, log: Log, step: (result: ImageResult) => Promise<unknown>, secrets?: Secrets): Promise<ImageResult> {
  const started = Date.now();
  const result: ImageResult = { ...plan, status: 'failed' };
  try {
    await step(result);
  } catch (error) {
    result.status = 'failed';
    result.error = secrets ? secrets.redact(describeError(error)) : describeError(error);
    log.warning(`${plan.name}: ${result.error}`);
  } finally {
    result.seconds = seconds(started);
  }
  return result;
}
