// Builder command lines, made from a plan in one place: `docker buildx build` where buildx exists,
// else `docker build` run with DOCKER_BUILDKIT=1. Secrets go as `--secret id=…,env=…|src=…` (never
// build args); progress is `plain` so steps and cache hits can be counted.

import type { BuildSecret } from '../config/inputs.js';
import type { BuilderKind } from './docker-client.js';

export interface CachePlan {
  /** `--cache-from` values: image references for `docker build`, `type=…` specs for buildx. */
  from: string[];
  /** `--cache-to` values (buildx only). */
  to: string[];
  /** `docker build`: embed the inline cache (`BUILDKIT_INLINE_CACHE=1`). */
  inline: boolean;
}

export interface BuildRequest {
  kind: BuilderKind;
  context: string;
  dockerfile: string;
  target?: string;
  platforms: readonly string[];
  buildArgs: Readonly<Record<string, string>>;
  labels: Readonly<Record<string, string>>;
  tags: readonly string[];
  secrets: readonly BuildSecret[];
  cache: CachePlan;
  /**
   * buildx: load into the engine, push every tag, push by digest only to `digestRepositories`
   * (a build leg: no tag at all), or keep the result in the builder only.
   */
  output: 'load' | 'push' | 'push-by-digest' | 'none';
  /** `registry/repository` names the image is pushed to by digest (output `push-by-digest`). */
  digestRepositories?: readonly string[];
  iidfile?: string;
  /** buildx: where it writes the result's digest. */
  metadataFile?: string;
}

export function secretSpec(secret: BuildSecret): string {
  if (secret.env) return `id=${secret.id},env=${secret.env}`;
  return `id=${secret.id},src=${secret.file ?? ''}`;
}

/**
 * The image exporter of a build leg: every repository in one `name` (a CSV field, so quoted when
 * there are several, as docker/build-push-action documents), pushed by digest with no tag.
 */
export function pushByDigestOutput(repositories: readonly string[]): string {
  const names = repositories.join(',');
  const name = repositories.length > 1 ? `"name=${names}"` : `name=${names}`;
  return `type=image,${name},push-by-digest=true,name-canonical=true,push=true`;
}

export function buildCommand(req: BuildRequest): string[] {
  const args = req.kind === 'buildx' ? ['buildx', 'build'] : ['build'];
  args.push('--progress=plain', '--file', req.dockerfile);
  if (req.target) args.push('--target', req.target);
  if (req.platforms.length) args.push('--platform', req.platforms.join(','));
  for (const [k, v] of Object.entries(req.buildArgs)) args.push('--build-arg', `${k}=${v}`);
  if (req.kind === 'buildkit' && req.cache.inline) args.push('--build-arg', 'BUILDKIT_INLINE_CACHE=1');
  for (const [k, v] of Object.entries(req.labels)) args.push('--label', `${k}=${v}`);
  for (const tag of req.tags) args.push('--tag', tag);
  for (const secret of req.secrets) args.push('--secret', secretSpec(secret));
  for (const from of req.cache.from) args.push('--cache-from', from);
  if (req.kind === 'buildx') {
    for (const to of req.cache.to) args.push('--cache-to', to);
    if (req.output === 'load') args.push('--load');
    if (req.output === 'push') args.push('--push');
    if (req.output === 'push-by-digest') args.push('--output', pushByDigestOutput(req.digestRepositories ?? []));
    if (req.metadataFile) args.push('--metadata-file', req.metadataFile);
  }
  if (req.iidfile) args.push('--iidfile', req.iidfile);
  args.push(req.context);
  return args;
}

/** Steps and cache hits in BuildKit's plain progress output (`#5 [app 2/4] RUN …`, `#5 CACHED`). */
export function countSteps(progress: string): { total: number; cached: number } {
  const steps = new Set<string>();
  const cached = new Set<string>();
  for (const line of progress.split('\n')) {
    const step = /^#(\d+) \[(?:[^\]]*\s)?\d+\/\d+\] (\S+)/.exec(line);
    if (step && step[2] !== 'FROM') steps.add(step[1]!);
    const hit = /^#(\d+) CACHED\s*$/.exec(line);
    if (hit) cached.add(hit[1]!);
  }
  return { total: steps.size, cached: [...cached].filter((id) => steps.has(id)).length };
}

/**
 * The one line that says why a build failed, from its output: the builder's last error line without
 * its step number and the wrappers around the cause (`ERROR:`, `failed to solve:`), and the
 * Dockerfile line buildx points at when it prints one (`Dockerfile:2` above the quoted lines).
 */
export function buildFailure(output: string): string | undefined {
  const lines = output.split('\n');
  const last = lines.filter((l) => /error:|failed/i.test(l)).pop();
  if (!last) return undefined;
  let cause = last.replace(/^#\d+ /, '').trim();
  for (let before = ''; before !== cause; ) {
    before = cause;
    cause = cause.replace(/^(?:ERROR:|error:|failed to solve:|failed to solve with frontend dockerfile\.v0:|rpc error: code = \w+ desc =)\s*/, '');
  }
  const at = lines.findIndex((l, i) => /^\S+:\d+$/.test(l) && /^-{5,}$/.test(lines[i + 1] ?? ''));
  return at >= 0 ? `${lines[at]}: ${cause}` : cause;
}
