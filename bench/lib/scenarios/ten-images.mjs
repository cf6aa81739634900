// Scenario 4: a repository of ten Dockerfiles described by images-data.json, the way Open edX's
// own Dockerfile repository is laid out (one Dockerfile per service under dockerfiles/, the
// repository root as every image's build context, per-service configs beside them). Every
// Dockerfile starts from the same Debian base and installs its service's system packages with
// apt, so each build takes real time.
//
//   night 1   our publish of all ten on a fresh runner (every image built: the setup).
//   night 2   one service changed overnight (its Dockerfile now installs one more package):
//             ours, on a fresh runner — builds the changed image, reuses nine — vs today's
//             nightly, the ten rebuilt with `docker build --no-cache` and pushed.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { git } from '../helpers.mjs';

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
const ADDED_PACKAGE = 'python3-babel';

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

export async function tenImagesScenario({ engine, helpers, work, say }) {
  const base = helpers.debianImage();
  const dir = join(work, 'ten-images');
  const entries = await generateTenImages(dir, base);
  const registry = `${engine.proxy.host}/ten`;
  const ours = async (date) => engine.publish(dir, ['--event', 'schedule', '--ref', 'refs/heads/master', '--sha', await git(dir, 'rev-parse', 'HEAD'), '--date', date, '--registry', registry]);

  say('4 ten images: night 1, our publish of all ten (setup)');
  await engine.freshRunner();
  const first = await ours('2026-01-15');
  if (first.images.some((i) => i.status !== 'built')) throw new Error(`night 1: expected ten built, got ${first.images.map((i) => i.status).join(', ')}`);

  const file = join(dir, 'dockerfiles', `${CHANGED}.Dockerfile`);
  writeFileSync(file, readFileSync(file, 'utf8').replace(/python3 (python3-\S+)$/m, `python3 $1 ${ADDED_PACKAGE}`));
  await git(dir, 'commit', '-q', '-am', `${CHANGED}: install ${ADDED_PACKAGE}`);

  say('4 ten images: night 2, our publish (one changed)');
  await engine.freshRunner();
  const second = await ours('2026-01-16');
  const statuses = Object.fromEntries(second.images.map((i) => [i.name, i.status]));
  say('4 ten images: night 2, today\'s nightly (ten no-cache builds + pushes)');
  await engine.freshRunner();
  const baseline = await engine.buildAndPush(
    entries.map((e) => ({ context: dir, dockerfile: join(dir, 'dockerfiles', `${e.dockerfile}.Dockerfile`), target: e.target, buildArgs: e.build_args, ref: `${registry}/${e.image_name}-nightly:2026-01-16` })),
    ['--no-cache'],
  );
  return {
    changed: CHANGED,
    firstNight: { seconds: first.seconds, uploads: first.uploads },
    ours: {
      seconds: second.seconds,
      uploads: second.uploads,
      built: second.images.filter((i) => i.status === 'built').map((i) => i.name),
      reused: second.images.filter((i) => i.status === 'reused').map((i) => i.name),
      statuses,
    },
    baselines: [{ id: 'no-cache', seconds: baseline.seconds, uploads: baseline.uploads, images: entries.length }],
  };
}
