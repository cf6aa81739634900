// The three sides of every build scenario, on the same engine and registry: our CLI's `publish`;
// the peer, what docker/build-push-action runs for a team that keeps a registry cache
// (`docker buildx build --cache-from type=registry,ref=<img>:buildcache --cache-to
// type=registry,ref=<img>:buildcache,mode=max,image-manifest=true --push`, every tag in one
// build); and today's Open edX nightly, `docker build --no-cache` then `docker push`. All go
// through the counting proxy, so what each uploads is measured the same way. "A fresh runner" is
// what a hosted CI machine starts with: no build cache (layers and cache mounts), none of the
// images the bench pushed; the shared base images stay, as a runner would pull them anyway.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, median, run, timed } from './helpers.mjs';

export class Engine {
  /** `env`: the environment every docker call and our CLI run with (the bench engine's DOCKER_HOST). */
  constructor({ docker, proxy, countSteps, env }) {
    this.docker = docker;
    this.proxy = proxy;
    this.countSteps = countSteps;
    this.env = env;
  }

  async dockerRun(args, env = {}) {
    return run(this.docker, args, { env: { ...this.env, DOCKER_BUILDKIT: '1', ...env } });
  }

  /** Adds a build's steps, cache hits and the seconds its cached steps took (from its plain progress output) to `steps`. */
  addSteps(steps, built) {
    const counted = this.countSteps(built.stderr);
    steps.cached += counted.cached;
    steps.total += counted.total;
    steps.cachedSeconds = (steps.cachedSeconds ?? 0) + cachedSeconds(built.stderr);
  }

  /** Empties the builder cache and removes every image the bench pushed or built. */
  async freshRunner() {
    await this.dockerRun(['builder', 'prune', '--all', '--force']);
    const listed = (await this.dockerRun(['image', 'ls', '--format', '{{.Repository}}:{{.Tag}}'])).stdout.split('\n');
    const ours = listed.filter((r) => r.startsWith(`${this.proxy.host}/`));
    if (ours.length) await this.dockerRun(['image', 'rm', '--force', ...ours]);
  }

  /**
   * `node dist/cli.js publish <dir> …` timed as a whole process; the parsed JSON report and what
   * went up to the registry meanwhile.
   */
  async publish(dir, args) {
    await this.proxy.take();
    // As a GitHub runner starts it: no NODE_EXTRA_CA_CERTS (this machine sets one, and Node reads
    // those certificates at every start; the machine line of the results says what that costs).
    const env = { ...this.env, OEP45_DEBUG: '' };
    delete env.NODE_EXTRA_CA_CERTS;
    const { seconds, value } = await timed(() => run(process.execPath, [CLI, 'publish', dir, '--format', 'json', ...args], { env, allowFail: true }));
    const uploads = await this.proxy.take();
    let report;
    try {
      report = JSON.parse(value.stdout);
    } catch {
      throw new Error(`publish printed no JSON report (exit ${value.code}):\n${value.stderr.split('\n').slice(-30).join('\n')}`);
    }
    const failed = report.images.filter((i) => i.status === 'failed');
    if (value.code !== 0 || failed.length) {
      throw new Error(`publish failed (exit ${value.code}): ${failed.map((i) => `${i.name}: ${i.error}`).join('; ')}\n${value.stderr.split('\n').slice(-20).join('\n')}`);
    }
    return { seconds, images: report.images, uploads };
  }

  /**
   * Today's workflow: `docker build` of each image, then `docker push` of its tag. `images` are
   * {context, dockerfile, target, buildArgs, ref}; `flags` go to every build (`--no-cache`, or
   * the inline-cache pair). Timed from the first build to the last push.
   */
  async buildAndPush(images, flags) {
    await this.proxy.take();
    const steps = { cached: 0, total: 0 };
    const { seconds } = await timed(async () => {
      for (const image of images) {
        const args = ['build', '--progress', 'plain', ...flags, '-f', image.dockerfile, '-t', image.ref];
        if (image.target) args.push('--target', image.target);
        for (const [name, value] of Object.entries(image.buildArgs ?? {})) args.push('--build-arg', `${name}=${value}`);
        this.addSteps(steps, await this.dockerRun([...args, image.context]));
        await this.dockerRun(['push', image.ref]);
      }
    });
    return { seconds, steps: [steps.cached, steps.total], cachedSeconds: steps.cachedSeconds, uploads: await this.proxy.take() };
  }

  /**
   * The peer: docker/build-push-action with a registry cache, one `docker buildx build --push` per
   * image, all its tags in that one build (docker/metadata-action's list), the cache next to the
   * image as `<repository>:buildcache`, as Docker's cache documentation and Tutor write it.
   * `images` are {context, dockerfile, target, buildArgs, repository, tags}. Timed from the first
   * build to the last push; the digest of each image from its metadata file.
   */
  async peerBuild(images) {
    await this.proxy.take();
    const steps = { cached: 0, total: 0 };
    const digests = [];
    const dir = mkdtempSync(join(tmpdir(), 'oep45-bench-peer-'));
    try {
      const { seconds } = await timed(async () => {
        for (const [n, image] of images.entries()) {
          const cache = `type=registry,ref=${image.repository}:buildcache`;
          const metadata = join(dir, `metadata-${n}.json`);
          const args = ['buildx', 'build', '--progress', 'plain', '--file', image.dockerfile, '--cache-from', cache, '--cache-to', `${cache},mode=max,image-manifest=true,oci-mediatypes=true`, '--push', '--metadata-file', metadata];
          for (const tag of image.tags) args.push('--tag', `${image.repository}:${tag}`);
          if (image.target) args.push('--target', image.target);
          for (const [name, value] of Object.entries(image.buildArgs ?? {})) args.push('--build-arg', `${name}=${value}`);
          this.addSteps(steps, await this.dockerRun([...args, image.context]));
          digests.push(JSON.parse(readFileSync(metadata, 'utf8'))['containerimage.digest']);
        }
      });
      return { seconds, steps: [steps.cached, steps.total], cachedSeconds: steps.cachedSeconds, digests, uploads: await this.proxy.take() };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

/**
 * The seconds BuildKit reports for the steps it says are CACHED (`#7 CACHED` … `#7 DONE 5.0s`): on
 * a fresh runner, fetching and unpacking their layers from the registry cache, which a step that
 * runs on top of them needs first.
 */
export function cachedSeconds(progress) {
  const cached = new Set();
  const done = new Map();
  for (const line of progress.split('\n')) {
    const hit = /^#(\d+) CACHED\s*$/.exec(line);
    if (hit) cached.add(hit[1]);
    const end = /^#(\d+) DONE (\d+(?:\.\d+)?)s\s*$/.exec(line);
    if (end) done.set(end[1], Math.max(done.get(end[1]) ?? 0, Number(end[2])));
  }
  return [...cached].reduce((sum, id) => sum + (done.get(id) ?? 0), 0);
}

/**
 * Runs each side `runs` times (a side's own `runs`, when it has one, caps it: the no-cache rebuild
 * takes a minute a run here), alternating which goes first (run i starts with side i mod n), each
 * measured run on a fresh runner; `prepare(i)` sets the scene of run i (a commit) before any side
 * runs it. Returns per side its results in run order.
 */
export async function alternate({ engine, runs, sides, prepare = async () => {}, say = () => {} }) {
  const results = Object.fromEntries(sides.map((s) => [s.id, []]));
  for (let i = 0; i < runs; i++) {
    await prepare(i);
    const order = sides.map((_, k) => sides[(i + k) % sides.length]).filter((side) => i < Math.min(runs, side.runs ?? runs));
    for (const side of order) {
      say(`${side.label}, run ${i + 1} of ${Math.min(runs, side.runs ?? runs)}`);
      await engine.freshRunner();
      results[side.id].push(await side.run(i));
    }
  }
  return results;
}

/** Median seconds, the runs, and ratio pairs (other / ours, run by run) of alternate()'s results. */
export function summarise(results, oursId = 'ours') {
  const ours = results[oursId].map((r) => r.seconds);
  const out = {};
  for (const [id, list] of Object.entries(results)) {
    const seconds = list.map((r) => r.seconds);
    const entry = { seconds: median(seconds), runs: seconds };
    if (id !== oursId) {
      entry.ratios = seconds.map((s, i) => s / ours[i]);
      entry.ratio = median(entry.ratios);
    }
    out[id] = entry;
  }
  return out;
}
