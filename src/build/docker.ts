// The docker adapter: every docker command line is made here. (Foundation version: engine probe
// and a local BuildKit build; the build issue adds buildx, caches and pushes.)

import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exec } from '../util/exec.js';
import type { ImagePlan } from '../model/image.js';
import type { ExecuteOptions } from './execute.js';

export function dockerProgram(env: NodeJS.ProcessEnv = process.env): string {
  return env.OEP45_DOCKER ?? 'docker';
}

/** True when a Docker engine answers. */
export async function engineAvailable(env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  try {
    const r = await exec(dockerProgram(env), ['version', '--format', '{{.Server.Version}}'], { env, allowFailure: true, timeoutMs: 10_000 });
    return r.code === 0 && r.stdout.trim().length > 0;
  } catch {
    return false;
  }
}

export async function dockerBuild(plan: ImagePlan, options: ExecuteOptions): Promise<{ imageId: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'oep45-build-'));
  try {
    const iidfile = join(dir, 'iid');
    const args = ['build', '--file', plan.dockerfile, '--iidfile', iidfile];
    if (plan.target) args.push('--target', plan.target);
    for (const [k, v] of Object.entries(plan.buildArgs)) args.push('--build-arg', `${k}=${v}`);
    for (const [k, v] of Object.entries(plan.labels)) args.push('--label', `${k}=${v}`);
    for (const tag of plan.tags) args.push('--tag', tag);
    args.push(plan.context);
    await exec(dockerProgram(options.env), args, {
      cwd: options.project.root,
      env: { ...options.env, DOCKER_BUILDKIT: '1' },
      onOutput: (chunk) => options.log.info(chunk.trimEnd()),
    });
    return { imageId: (await readFile(iidfile, 'utf8')).trim() };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
