// Which docker client builds: `OEP45_DOCKER` when set; else the `docker` on PATH when it has
// buildx (GitHub runners); else the first of PATH `docker`, `/usr/bin/docker` that runs BuildKit
// builds without buildx (`DOCKER_BUILDKIT=1 docker build`; a recent client without the buildx
// plugin refuses them, an engine's own older client runs them). The choice is made once per run,
// and only when something is built: a run where every image is reused starts no probe. Questions
// any client can answer (`docker image inspect` of a base image, `pull`, `login`) go, until then,
// to the engine client: `OEP45_DOCKER`, else the first of `docker` on PATH and /usr/bin/docker
// that exists (found without starting it).

import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { exec } from '../util/exec.js';
import type { Log } from '../util/log.js';
import { UserError } from '../util/errors.js';

export type BuilderKind = 'buildx' | 'buildkit';

export interface DockerClient {
  program: string;
  kind: BuilderKind;
  /** Why this client, for the debug line. */
  why: string;
}

export type ProbeKind = 'buildx' | 'buildkit';
/** Answers whether `program` can build the `kind` way. */
export type Probe = (program: string, kind: ProbeKind) => Promise<boolean>;

export const FALLBACK_CLIENTS = ['docker', '/usr/bin/docker'];

/** The choice, given a probe (pure apart from the probe: the unit test drives it with tables). */
export async function chooseDockerClient(env: NodeJS.ProcessEnv, probe: Probe): Promise<DockerClient> {
  const forced = env.OEP45_DOCKER;
  if (forced) {
    const kind = (await probe(forced, 'buildx')) ? 'buildx' : 'buildkit';
    return { program: forced, kind, why: `OEP45_DOCKER is set${kind === 'buildx' ? ', with buildx' : ', no buildx: BuildKit through docker build'}` };
  }
  // Every probe at once (each is a process start); the answer is still taken in order.
  const buildx = probe('docker', 'buildx');
  const buildkit = FALLBACK_CLIENTS.map((program) => probe(program, 'buildkit'));
  if (await buildx) return { program: 'docker', kind: 'buildx', why: 'docker on PATH has buildx' };
  for (const [i, program] of FALLBACK_CLIENTS.entries()) {
    if (await buildkit[i]) {
      return {
        program,
        kind: 'buildkit',
        why: program === 'docker' ? 'docker on PATH has no buildx; it runs BuildKit builds itself' : `docker on PATH has no buildx and refuses BuildKit builds; ${program} runs them`,
      };
    }
  }
  throw new UserError('no docker client can run BuildKit builds: install the buildx plugin (docker/setup-buildx-action), or set OEP45_DOCKER to a client that can');
}

/** The real probe: `docker buildx version`, or `DOCKER_BUILDKIT=1 docker build --help`. */
export function execProbe(env: NodeJS.ProcessEnv): Probe {
  return async (program, kind) => {
    const args = kind === 'buildx' ? ['buildx', 'version'] : ['build', '--help'];
    try {
      const r = await exec(program, args, { env: { ...env, DOCKER_BUILDKIT: '1' }, allowFailure: true, timeoutMs: 15_000 });
      return r.code === 0 && !/buildx component is missing/i.test(r.stderr);
    } catch {
      return false;
    }
  };
}

const chosen = new Map<string, Promise<DockerClient>>();

export function discoverDockerClient(env: NodeJS.ProcessEnv, log: Log): Promise<DockerClient> {
  const key = `${env.OEP45_DOCKER ?? ''}\0${env.PATH ?? ''}`;
  let found = chosen.get(key);
  if (!found) {
    found = chooseDockerClient(env, execProbe(env));
    chosen.set(key, found);
    found.then(
      (c) => log.debug(`docker client: ${c.program} (${c.kind === 'buildx' ? 'docker buildx build' : 'docker build with BuildKit'}: ${c.why})`),
      () => chosen.delete(key),
    );
  }
  return found;
}

/** Whether an executable `program` exists (a path, or a name looked up in PATH), without running it. */
function executableExists(program: string, env: NodeJS.ProcessEnv): boolean {
  const candidates = program.includes('/') ? [program] : (env.PATH ?? '').split(delimiter).filter(Boolean).map((dir) => join(dir, program));
  return candidates.some((file) => {
    try {
      accessSync(file, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/**
 * The client for engine questions that do not build (image inspect, pull, login): `OEP45_DOCKER`,
 * else the first of FALLBACK_CLIENTS that exists. Any client answers them the same way, since they
 * all talk to the one engine that DOCKER_HOST (or the docker context) names.
 */
export function engineClientProgram(env: NodeJS.ProcessEnv): string {
  if (env.OEP45_DOCKER) return env.OEP45_DOCKER;
  return FALLBACK_CLIENTS.find((program) => executableExists(program, env)) ?? FALLBACK_CLIENTS[0]!;
}
