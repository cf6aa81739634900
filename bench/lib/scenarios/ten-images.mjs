// Scenario 4: a repository of ten Dockerfiles described by images-data.json, the way Open edX's
// own Dockerfile repository is laid out (one Dockerfile per service under dockerfiles/, the
// repository root as every image's build context, per-service configs beside them). Every
// Dockerfile starts from the same Debian base and installs its service's system packages with
// apt, so each build takes real time.
//
//   night 1   our publish of all ten, and the peer's ten builds, on a fresh runner (the setup).
//   run i     one service changed overnight (its Dockerfile installs one more package, another
//             one each run): ours builds the changed image and reuses nine; the peer
//             (build-push-action with a registry cache per image) builds all ten, nine of them
//             from cache hits alone; today's nightly rebuilds the ten with `docker build
//             --no-cache` and pushes them. N alternating runs, each on a fresh runner.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, git, run } from '../helpers.mjs';
import { alternate } from '../engine.mjs';
import { scenario } from './sample-ida.mjs';

/** Ten services and the Debian packages each installs besides Python (small, real). */
export const SERVICES = [
  ['credentials', ['python3-yaml']],
  ['discovery', ['python3-requests']],
  ['ecommerce', ['python3-lxml']],
  ['notes', ['python3-six']],
  ['enterprise-catalog', ['python3-dateutil']],
  ['license-manager', ['python3-jwt']],
  ['registrar', ['python3-simplejson']],
  ['xqueue', ['python3-pycurl']],
  ['edx-exams', ['python3-tz']],
  ['commerce-coordinator', ['python3-markdown']],
];
const CHANGED = 'notes';
/** The package the changed service adds, one per run (small, pure Python, in Debian bookworm). */
const ADDED_PACKAGES = ['python3-idna', 'python3-certifi', 'python3-chardet', 'python3-toml', 'python3-decorator', 'python3-pyparsing', 'python3-packaging'];

function dockerfile(service, packages) {
  const pkg = service.replace(/-/g, '_');
  return [
    `# ${service}: the image of one Open edX service, built from the repository root:`,
    `#   docker build -f dockerfiles/${service}.Dockerfile --target production .`,
    '# The base image is an argument so that a build can use a mirror or a locally made Debian.',
    'ARG BASE_IMAGE=debian:bookworm-slim',
    '',
    "# Stage base: Python and the service's system packages; apt's caches are cache mounts.",
    'FROM ${BASE_IMAGE} AS base',
    'RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \\',
    '    --mount=type=cache,target=/var/lib/apt/lists,sharing=locked \\',
    '    rm -f /etc/apt/apt.conf.d/docker-clean && \\',
    '    apt-get update && \\',
    `    apt-get install -y --no-install-recommends python3 ${packages.join(' ')}`,
    '# The service runs as an unprivileged user with a fixed id.',
    'RUN useradd --system --uid 1000 --home-dir /edx/app --shell /usr/sbin/nologin app',
    `ENV ${pkg.toUpperCase()}_CFG=/edx/etc/${service}.yml PYTHONUNBUFFERED=1`,
    `COPY configs/${service}.yml /edx/etc/${service}.yml`,
    '',
    '# Stage production: the image operators run.',
    'FROM base AS production',
    'USER app',
    `CMD ["python3", "-c", "import sys; print('${service}')"]`,
    '',
  ].join('\n');
}

export async function generateTenImages(dir, base) {
  mkdirSync(join(dir, 'dockerfiles'), { recursive: true });
  mkdirSync(join(dir, 'configs'), { recursive: true });
  const entries = SERVICES.map(([service, packages]) => {
    writeFileSync(join(dir, 'dockerfiles', `${service}.Dockerfile`), dockerfile(service, packages));
    writeFileSync(join(dir, 'configs', `${service}.yml`), `# ${service}: the operator's overrides.\nLOGGING_LEVEL: INFO\n`);
    return { name: service, image_name: service, dockerfile: service, os_platform: 'linux/amd64', target: 'production', build_args: { BASE_IMAGE: base }, owning_team_email: `${service}@example.org` };
  });
  writeFileSync(join(dir, 'images-data.json'), JSON.stringify(entries, null, 2) + '\n');
  writeFileSync(join(dir, '.oep45.yml'), ['# Ten images from images-data.json.', 'images-data: images-data.json', 'fail-on: never', ''].join('\n'));
  writeFileSync(join(dir, 'README.rst'), 'Dockerfiles\n###########\n\nOne Dockerfile per service; images-data.json lists them.\n');
  await git(dir, 'init', '-q', '-b', 'master');
  await git(dir, 'add', '-A');
  await git(dir, 'commit', '-q', '-m', 'ten services');
  return entries;
}

export async function tenImagesScenario({ engine, helpers, work, say, runs = 5, noCacheRuns = 3 }) {
  const base = helpers.debianImage();
  const dir = join(work, 'ten-images');
  const entries = await generateTenImages(dir, base);
  const registry = `${engine.proxy.host}/ten`;
  const eventArgs = async (date) => ['--event', 'schedule', '--ref', 'refs/heads/master', '--sha', await git(dir, 'rev-parse', 'HEAD'), '--date', date, '--registry', registry];
  const ours = async (date) => engine.publish(dir, await eventArgs(date));
  /** The tag names ours plans for the night, per image: the peer pushes the same. */
  const plannedTags = async (date) => tagsOf(JSON.parse((await run(process.execPath, [CLI, 'plan', dir, '--format', 'json', ...(await eventArgs(date))], { env: engine.env })).stdout));
  const specs = entries.map((e) => ({ context: dir, dockerfile: join(dir, 'dockerfiles', `${e.dockerfile}.Dockerfile`), target: e.target, buildArgs: e.build_args, name: e.image_name }));
  const tagsOf = (result) => Object.fromEntries(result.images.map((i) => [i.name, i.tags.map((t) => t.slice(t.lastIndexOf(':') + 1))]));
  const peer = (tags) => engine.peerBuild(specs.map((s) => ({ ...s, repository: `${registry}/${s.name}-peer`, tags: tags[s.name] })));

  say('4 ten images: night 1, our publish of all ten and the peer\'s build of all ten (setup)');
  await engine.freshRunner();
  const first = await ours('2026-01-15');
  if (first.images.some((i) => i.status !== 'built')) throw new Error(`night 1: expected ten built, got ${first.images.map((i) => i.status).join(', ')}`);
  await engine.freshRunner();
  const peerFirst = await peer(tagsOf(first));

  const file = join(dir, 'dockerfiles', `${CHANGED}.Dockerfile`);
  const original = readFileSync(file, 'utf8');
  let date;
  let tags;
  const results = await alternate({
    engine,
    runs,
    say: (m) => say(`4 ten images, one changed: ${m}`),
    // Run i: overnight one service's Dockerfile installs one more package (another one each run).
    prepare: async (i) => {
      writeFileSync(file, original.replace(/python3 (python3-\S+)$/m, `python3 $1 ${ADDED_PACKAGES[i % ADDED_PACKAGES.length]}`));
      await git(dir, 'commit', '-q', '-am', `${CHANGED}: install ${ADDED_PACKAGES[i % ADDED_PACKAGES.length]}`);
      date = new Date(Date.UTC(2026, 0, 16 + i)).toISOString().slice(0, 10);
      tags = await plannedTags(date);
    },
    sides: [
      {
        id: 'ours',
        label: 'our publish',
        run: async () => {
          const r = await ours(date);
          const built = r.images.filter((i) => i.status === 'built').map((i) => i.name);
          if (built.length !== 1 || built[0] !== CHANGED) throw new Error(`ten images: expected ${CHANGED} built and nine reused, got ${r.images.map((i) => `${i.name} ${i.status}`).join(', ')}`);
          return r;
        },
      },
      {
        id: 'peer',
        label: 'the peer (ten builds with a registry cache)',
        run: () => peer(tags),
      },
      {
        id: 'no-cache',
        runs: noCacheRuns,
        label: "today's nightly (ten no-cache builds + pushes)",
        run: () => engine.buildAndPush(specs.map((s) => ({ ...s, ref: `${registry}/${s.name}-nightly:${date}` })), ['--no-cache']),
      },
    ],
  });
  const entry = scenario(results, { status: 'built' });
  const mid = results.ours.find((r) => r.seconds === entry.ours.seconds) ?? results.ours[0];
  entry.ours.built = mid.images.filter((i) => i.status === 'built').map((i) => i.name);
  entry.ours.reused = mid.images.filter((i) => i.status === 'reused').map((i) => i.name);
  // The images' steps run one after the other: their own times, and the changed one's alone.
  entry.ours.imageSeconds = mid.images.reduce((sum, i) => sum + (i.seconds ?? 0), 0);
  entry.ours.builtSeconds = mid.images.find((i) => i.status === 'built')?.seconds;
  for (const b of entry.baselines) b.images = entries.length;
  return {
    changed: CHANGED,
    addedPackages: ADDED_PACKAGES.slice(0, runs),
    firstNight: { seconds: first.seconds, uploads: first.uploads, peer: { seconds: peerFirst.seconds, uploads: peerFirst.uploads } },
    ...entry,
  };
}
