// The two builders every build test runs on, against the one engine: `docker buildx` (what GitHub
// runners and Docker Desktop have; here Debian 13's docker-cli and docker-buildx) and BuildKit
// without buildx (Debian 12's Docker 20.10 client, `docker build` with DOCKER_BUILDKIT=1).
//
// Found once per run, before any worker starts (global-setup.ts), and handed to the workers in the
// environment: OEP45_TEST_CLIENT_<BUILDER> is the client program, or OEP45_TEST_MISSING_<BUILDER>
// says why there is none. Each builder's vitest project (vitest.config.ts) then runs its build
// tests with OEP45_DOCKER set to that client (builder-setup.ts).
//
// Debian 12 has no buildx package, so its 20.10 client never finds a buildx plugin; on this
// machine Debian 13's plugin sits in the system plugin folder, which every client searches. The
// 20.10 client therefore runs through a small wrapper that answers `docker buildx` as a client
// without the plugin does ("'buildx' is not a docker command") and hands everything else to the
// real client unchanged: the tool probes it and takes the BuildKit-without-buildx path for real.

import { execFileSync } from 'node:child_process';
import { accessSync, chmodSync, constants, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const BUILDERS = ['buildx', 'buildkit'] as const;
export type BuilderName = (typeof BUILDERS)[number];

/** Where `.ci/run` puts Debian 12's Docker 20.10 client (outside the repository; OEP45_TEST_DOCKER20 names another). */
export const DOCKER20_DEFAULT = '/opt/oep45-docker20/root/usr/bin/docker';

export interface FoundBuilder {
  name: BuilderName;
  client?: string;
  /** Why there is no client, when there is none. */
  missing?: string;
}

function runs(program: string, args: string[], env: NodeJS.ProcessEnv = process.env): boolean {
  try {
    execFileSync(program, args, { stdio: 'pipe', timeout: 20_000, env });
    return true;
  } catch {
    return false;
  }
}

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

const serverAnswers = (program: string): boolean => runs(program, ['version', '--format', '{{.Server.Version}}']);

/** The engine's own buildx client: OEP45_TEST_BUILDX, else the first of /usr/bin/docker and PATH docker with buildx. */
function findBuildx(env: NodeJS.ProcessEnv): FoundBuilder {
  const candidates = env.OEP45_TEST_BUILDX ? [env.OEP45_TEST_BUILDX] : ['/usr/bin/docker', 'docker'];
  for (const program of candidates) {
    if (runs(program, ['buildx', 'version']) && serverAnswers(program)) return { name: 'buildx', client: program };
  }
  return { name: 'buildx', missing: `no docker client with the buildx plugin answers (${candidates.join(', ')}); bash .ci/run installs Debian 13's docker-cli and docker-buildx` };
}

/** Debian 12's Docker 20.10 client behind the wrapper that hides the buildx plugin from it. */
function findBuildkit(env: NodeJS.ProcessEnv): FoundBuilder {
  const real = env.OEP45_TEST_DOCKER20 || DOCKER20_DEFAULT;
  if (!executable(real)) {
    return { name: 'buildkit', missing: `no Docker 20.10 client at ${real}; bash .ci/run extracts Debian 12's (apt-get download docker.io/bookworm), or set OEP45_TEST_DOCKER20` };
  }
  const dir = mkdtempSync(join(tmpdir(), 'oep45-test-docker20-'));
  const wrapper = join(dir, 'docker');
  writeFileSync(
    wrapper,
    [
      '#!/bin/sh',
      "# Debian 12's Docker 20.10 client as Debian 12 has it: no buildx plugin (test/helpers/builders.ts says why).",
      'if [ "$1" = buildx ]; then',
      `  printf "docker: 'buildx' is not a docker command.\\nSee 'docker --help'\\n" >&2`,
      '  exit 1',
      'fi',
      `exec '${real.replace(/'/g, `'\\''`)}' "$@"`,
      '',
    ].join('\n'),
  );
  chmodSync(wrapper, 0o755);
  if (!runs(wrapper, ['build', '--help'], { ...env, DOCKER_BUILDKIT: '1' }) || !serverAnswers(wrapper)) {
    return { name: 'buildkit', missing: `${real} does not run BuildKit builds against this engine (DOCKER_BUILDKIT=1 docker build)` };
  }
  return { name: 'buildkit', client: wrapper };
}

export function findBuilders(env: NodeJS.ProcessEnv = process.env): FoundBuilder[] {
  return [findBuildx(env), findBuildkit(env)];
}

const variable = (kind: 'CLIENT' | 'MISSING', name: BuilderName): string => `OEP45_TEST_${kind}_${name.toUpperCase()}`;

/** Puts what was found in the environment the workers inherit. */
export function exportBuilders(found: readonly FoundBuilder[], env: NodeJS.ProcessEnv = process.env): void {
  for (const b of found) {
    if (b.client) env[variable('CLIENT', b.name)] = b.client;
    else env[variable('MISSING', b.name)] = b.missing ?? 'not found';
  }
}

/** In a worker: this project's builder (OEP45_TEST_BUILDER), if it is a build project. */
export function projectBuilder(env: NodeJS.ProcessEnv = process.env): FoundBuilder | undefined {
  const name = env.OEP45_TEST_BUILDER as BuilderName | undefined;
  if (!name || !BUILDERS.includes(name)) return undefined;
  const client = env[variable('CLIENT', name)];
  return client ? { name, client } : { name, missing: env[variable('MISSING', name)] ?? 'the global setup did not run' };
}
