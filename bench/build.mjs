// Build benchmark: a realistic image (the sample IDA on a debootstrap-made Debian base, Python and
// Django from Debian packages, app code on top), published by the bundled CLI to a real registry
// on loopback, measured side by side in one run:
//   1. cold build  — empty builder cache (as on a fresh CI runner), publish
//   2. code change — one app file changed and committed, builder cache emptied again and the
//                    built images removed, so only the registry (inline) cache can help
//   3. no change   — publish the same commit again: reused, nothing built (median of five runs)
// Prints each time and the ratios, and writes bench/results-build.json. It empties the engine's build cache (`docker builder prune`).
// Run: npm run bundle && npm run bench:build   (the Debian base is made on first use, ~3 min)

import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import os from 'node:os';
import { build } from 'esbuild';

const root = resolve(import.meta.dirname, '..');
const round = (n) => Math.round(n * 1000) / 1000;
const cli = join(root, 'dist/cli.js');

// The test helpers (registry, base images) are TypeScript: bundle them for this script, inside
// the repository so that their packages resolve from node_modules.
const work = mkdtempSync(join(tmpdir(), 'oep45-bench-'));
mkdirSync(join(root, 'bench/work'), { recursive: true });
const helpers = join(root, 'bench/work/build-helpers.mjs');
await build({
  stdin: {
    contents: "export { startRegistry } from './test/helpers/registry.ts';\nexport { debianImage, DEBIAN_IMAGE } from './test/helpers/base-images.ts';\nexport { DOCKER } from './test/helpers/docker-engine.ts';\n",
    resolveDir: root,
    loader: 'ts',
  },
  bundle: true,
  platform: 'node',
  format: 'esm',
  outfile: helpers,
  external: ['vitest', 'bcryptjs'],
  logLevel: 'warning',
});
const { startRegistry, debianImage, DOCKER } = await import(helpers);

const docker = (...args) => execFileSync(DOCKER, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const git = (dir, ...args) =>
  execFileSync('git', args, {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, GIT_AUTHOR_NAME: 'Bench', GIT_AUTHOR_EMAIL: 'bench@example.com', GIT_COMMITTER_NAME: 'Bench', GIT_COMMITTER_EMAIL: 'bench@example.com' },
  }).trim();

/** What a fresh CI runner has: no build cache, none of this project's images. */
function freshRunner(registryHost) {
  docker('builder', 'prune', '--all', '--force');
  const images = docker('image', 'ls', '--format', '{{.Repository}}:{{.Tag}}').split('\n').filter((r) => r.startsWith(`${registryHost}/`));
  if (images.length) docker('image', 'rm', '--force', ...images);
}

function publish(dir, sha) {
  const started = performance.now();
  const r = spawnSync(process.execPath, [cli, 'publish', dir, '--format', 'json', '--event', 'push', '--ref', 'refs/heads/master', '--sha', sha], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    env: { ...process.env, OEP45_DEBUG: '' },
  });
  const seconds = (performance.now() - started) / 1000;
  if (r.status !== 0) {
    console.error(r.stderr.split('\n').slice(-30).join('\n'));
    throw new Error(`publish failed (exit ${r.status})`);
  }
  const image = JSON.parse(r.stdout).images[0];
  return { seconds, image };
}

debianImage();
const registry = await startRegistry();
const project = join(work, 'sample-ida');
try {
  cpSync(join(root, 'examples/sample-ida'), project, { recursive: true });
  writeFileSync(
    join(project, '.oep45.yml'),
    [
      'name: sample-ida',
      'app-name: SAMPLE_IDA',
      'registries:',
      `  - ${registry.host}/bench`,
      'images:',
      '  - name: sample-ida',
      '    target: app',
      '    platforms: [linux/amd64]',
      '    build-args:',
      '      BASE_IMAGE: oep45-test/debian:bookworm',
      'settings: sample_ida/settings',
      'fail-on: never',
      '',
    ].join('\n'),
  );
  git(project, 'init', '-q', '-b', 'master');
  git(project, 'add', '-A');
  git(project, 'commit', '-q', '-m', 'sample IDA');

  console.log(`oep45 build benchmark — ${new Date().toISOString()}, node ${process.version}, ${docker('version', '--format', 'engine {{.Server.Version}}').trim()}`);

  freshRunner(registry.host);
  const cold = publish(project, git(project, 'rev-parse', 'HEAD'));
  console.log(`cold build      ${cold.seconds.toFixed(1).padStart(7)} s  ${cold.image.status}, ${cold.image.cachedSteps}/${cold.image.totalSteps} steps cached`);

  const urls = join(project, 'sample_ida/urls.py');
  writeFileSync(urls, readFileSync(urls, 'utf8').replace("{'status': 'ok'}", "{'status': 'ok', 'version': 2}"));
  git(project, 'commit', '-q', '-am', 'code-only change');
  freshRunner(registry.host);
  const code = publish(project, git(project, 'rev-parse', 'HEAD'));
  console.log(`code change     ${code.seconds.toFixed(1).padStart(7)} s  ${code.image.status}, ${code.image.cachedSteps}/${code.image.totalSteps} steps cached (registry inline cache only)`);

  // The no-change publish is short enough for a busy machine to sway: the median of five.
  const noops = Array.from({ length: 5 }, () => publish(project, git(project, 'rev-parse', 'HEAD')));
  const noop = [...noops].sort((a, b) => a.seconds - b.seconds)[2];
  console.log(
    `no change       ${noop.seconds.toFixed(2).padStart(7)} s  ${noop.image.status} (same digest: ${noops.every((n) => n.image.digest === code.image.digest)}; median of ${noops.map((n) => n.seconds.toFixed(2)).join(', ')} s)`,
  );

  for (const [what, r, want] of [
    ['cold', cold, 'built'],
    ['code', code, 'built'],
    ...noops.map((n) => ['noop', n, 'reused']),
  ]) {
    if (r.image.status !== want) throw new Error(`${what}: expected ${want}, got ${r.image.status} ${r.image.error ?? ''}`);
  }
  const results = {
    benchmark: 'build',
    date: new Date().toISOString(),
    machine: { node: process.version, platform: `${os.platform()} ${os.release()}`, cpus: os.cpus().length, cpu: os.cpus()[0]?.model, engine: docker('version', '--format', '{{.Server.Version}}').trim() },
    image: 'examples/sample-ida (target app) on oep45-test/debian:bookworm (debootstrap minbase), python3-django from Debian packages',
    command: 'node dist/cli.js publish <repo> --event push --ref refs/heads/master --sha <commit>',
    seconds: { cold: round(cold.seconds), codeChange: round(code.seconds), noChange: round(noop.seconds), noChangeRuns: noops.map((n) => round(n.seconds)) },
    steps: { cold: [cold.image.cachedSteps, cold.image.totalSteps], codeChange: [code.image.cachedSteps, code.image.totalSteps] },
    ratios: { codeChangeOverCold: round(code.seconds / cold.seconds), coldOverNoChange: round(cold.seconds / noop.seconds) },
    targets: { codeChangeOverCold: '< 0.2', coldOverNoChange: '>= 50', noChangeSeconds: '< 2' },
  };
  writeFileSync(join(root, 'bench/results-build.json'), JSON.stringify(results, null, 2) + '\n');
  console.log('');
  console.log(`code change / cold   ${((100 * code.seconds) / cold.seconds).toFixed(1)} %   (target < 20 %)`);
  console.log(`cold / no change     ${(cold.seconds / noop.seconds).toFixed(0)}×     (target ≥ 50×; no change < 2 s)`);
} finally {
  await registry.stop();
  rmSync(work, { recursive: true, force: true });
}
