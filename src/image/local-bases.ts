// Offline builds (the demo, `--offline`) use only what this machine has: before building an image,
// every base image its Dockerfile names must already be in the local engine, since nothing may
// be pulled. Returns the ones that are not, so the image can be skipped with the reason.

import { readDockerfile } from './dockerfile-file.js';
import type { ImagePlan } from '../model/image.js';
import type { Docker } from './docker.js';
import { dockerfileSources } from './input-key/dockerfile-sources.js';

export async function missingLocalBases(plan: ImagePlan, root: string, docker: Pick<Docker, 'inspectImage'>): Promise<string[]> {
  const text = readDockerfile(root, plan);
  const { images } = dockerfileSources(text, plan.buildArgs);
  const present = await Promise.all(images.map(async (image) => Boolean(await docker.inspectImage(image))));
  return images.filter((_, i) => !present[i]);
}

/** The sentence a skipped image carries. */
export function offlineSkipReason(missing: readonly string[]): string {
  const list = missing.join(', ');
  const first = missing[0] ?? '';
  return (
    `not built: base image ${list} ${missing.length === 1 ? 'is' : 'are'} not in the local engine, and an offline build pulls nothing ` +
    `(docker pull ${first}, or pass --build-arg with a base image the engine has)`
  );
}
