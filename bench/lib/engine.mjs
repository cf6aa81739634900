// The two sides of every build scenario, on the same engine and registry: our CLI's `publish`, and
// what Open edX workflows run today — `docker build` (BuildKit) then `docker push`. Both go
// through the counting proxy, so what each uploads is measured the same way. "A fresh runner"
// is what a hosted CI machine starts with: no build cache (layers and cache mounts), none of the
// images this run made; the shared base images stay, as a runner would pull them anyway.

import { CLI, run, timed } from './helpers.mjs';

export class Engine {
  constructor({ docker, proxy, countSteps }) {
    this.docker = docker;
    this.proxy = proxy;
    this.countSteps = countSteps;
  }

  async dockerRun(args, env = {}) {
    return run(this.docker, args, { env: { ...process.env, DOCKER_BUILDKIT: '1', ...env } });
  }

  /** Empties the builder cache and removes every image this run pushed or built. */
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
    const { seconds, value } = await timed(() =>
      run(process.execPath, [CLI, 'publish', dir, '--format', 'json', ...args], { env: { ...process.env, OEP45_DEBUG: '' }, allowFail: true }),
    );
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
        const built = await this.dockerRun([...args, image.context]);
        const counted = this.countSteps(built.stderr);
        steps.cached += counted.cached;
        steps.total += counted.total;
        await this.dockerRun(['push', image.ref]);
      }
    });
    return { seconds, steps: [steps.cached, steps.total], uploads: await this.proxy.take() };
  }
}
