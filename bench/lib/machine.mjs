// The machine the figures were taken on, as the results and the documentation state it.

import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { ROOT, median, run } from './helpers.mjs';

/** Median milliseconds of one call of a program here: what each of ours' fixed calls costs. */
async function callMs(program, args, cwd) {
  const times = [];
  for (let i = 0; i < 7; i++) {
    const started = performance.now();
    await run(program, args, { cwd, allowFail: true });
    if (i >= 2) times.push(performance.now() - started);
  }
  return Math.round(median(times) * 10) / 10;
}

/**
 * Node's own start-up (`node -e 0`), and, when this machine sets NODE_EXTRA_CA_CERTS, without it:
 * Node reads those certificates at every start, and a GitHub runner sets no such file.
 */
async function nodeStartMs() {
  const asIs = await callMs(process.execPath, ['-e', '0']);
  if (!process.env.NODE_EXTRA_CA_CERTS) return { asIs };
  const env = { ...process.env };
  delete env.NODE_EXTRA_CA_CERTS;
  const times = [];
  for (let i = 0; i < 7; i++) {
    const started = performance.now();
    await run(process.execPath, ['-e', '0'], { env, allowFail: true });
    if (i >= 2) times.push(performance.now() - started);
  }
  return { asIs, withoutExtraCaCerts: Math.round(median(times) * 10) / 10 };
}

/**
 * The builders that ran, as the figures must name them: ours is what the CLI chooses with the
 * bench's environment (the same choice and capability questions, asked here the same way), and
 * the baselines' `docker build` is buildx's own build wherever the client has the buildx plugin
 * (Docker 23 on), else the engine's BuildKit without buildx.
 */
async function builders(helpers) {
  const env = { ...process.env, OEP45_DEBUG: '' };
  const docker = new helpers.Docker(() => helpers.discoverDockerClient(env, helpers.silentLog), env, helpers.silentLog);
  await docker.ready();
  const help = await run(helpers.DOCKER, ['build', '--help'], { env: { ...process.env, DOCKER_BUILDKIT: '1' }, allowFail: true });
  const baseline = /docker buildx build/.test(help.stdout) ? '`docker build`, which this client runs as `docker buildx build`' : '`docker build` with BuildKit, no buildx';
  return { ours: helpers.describeBuilder(docker.client.program, docker.capabilities), baseline };
}

/** `uptime`'s line (the load of this shared machine, recorded with the figures). */
export function uptime() {
  try {
    return execFileSync('uptime', [], { encoding: 'utf8' }).trim().replace(/\s+/g, ' ');
  } catch {
    return `load average: ${os.loadavg().map((x) => x.toFixed(2)).join(', ')}`;
  }
}

export async function machine(helpers, { isolated } = {}) {
  const docker = helpers.DOCKER;
  const version = async (args) => (await run(docker, args, { allowFail: true })).stdout.trim() || undefined;
  const registry = (await run('docker-registry', ['--version'], { allowFail: true })).stdout.trim().split(/\s+/).find((w) => /^v?\d+\.\d+/.test(w));
  return {
    date: new Date().toISOString(),
    cpu: os.cpus()[0]?.model?.trim(),
    cores: os.cpus().length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    docker: {
      engine: await version(['version', '--format', '{{.Server.Version}}']),
      client: await version(['version', '--format', '{{.Client.Version}}']),
      ...(await builders(helpers).then(({ ours, baseline }) => ({ builder: `ours built with ${ours}; the baselines ran ${baseline}`, ours, baseline }))),
    },
    registry: registry ? `distribution ${registry.replace(/^v/, '')} (Debian docker-registry) on loopback` : 'distribution (Debian docker-registry) on loopback',
    loadAtStart: os.loadavg().map((x) => Math.round(x * 100) / 100),
    uptime: uptime(),
    engine: isolated ? 'the bench\'s own dockerd (its own data root and bridge), so that emptying its build cache touches no other job' : 'the machine\'s engine',
    callMs: {
      docker: await callMs(docker, ['image', 'inspect', '--format', '{{.Id}}', 'localhost/oep45-test/busybox:1']),
      git: await callMs('git', ['rev-parse', 'HEAD'], ROOT),
      node: await nodeStartMs(),
    },
  };
}
