// Scenario 5: all checks over a generated repository the size of the Open edX platform, timed as
// a user runs them — the whole `node dist/cli.js check <dir> --format json` process, Node start-up
// included — side by side with a bare `node -e 0`, over interleaved runs after two warm-ups.
//
// The repository (bench/work/checks-repo, gitignored) holds: an OEP-45 settings package whose
// modules add up to 4,000 lines with 500 settings documented with code-annotations comments; 20
// Dockerfiles in an images-data.json layout (40 images); a 3,000-line CHANGELOG.rst. Every rule
// runs. CPU time (user + system, from GNU time when it is there) is kept beside wall time: on a
// shared machine it says what the process itself costs.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const CLI = join(ROOT, 'dist/cli.js');
const REPO = join(ROOT, 'bench/work/checks-repo');

const SETTINGS_LINES = 4000;
const SETTINGS_COUNT = 500;
const REQUIRED_COUNT = 60;
const DOCKERFILES = 20;
const CHANGELOG_LINES = 3000;

const WARMUP = 2;

/** A small deterministic generator, so that every run benchmarks the same repository. */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}
const rnd = random(45);
const pick = (list) => list[Math.floor(rnd() * list.length)];

function write(path, text) {
  mkdirSync(dirname(join(REPO, path)), { recursive: true });
  writeFileSync(join(REPO, path), text);
}

// ---------------------------------------------------------------- settings (OEP-45 layout)

const WORDS = ['COURSE', 'CACHE', 'EMAIL', 'CELERY', 'DISCUSSION', 'GRADES', 'VIDEO', 'PROCTORING', 'CERTIFICATE', 'ENTERPRISE', 'LTI', 'XBLOCK', 'SEARCH', 'THEME', 'OAUTH', 'PAYMENT', 'SUPPORT', 'ANALYTICS', 'MOBILE', 'BLOCKSTORE'];
const SUFFIXES = ['TIMEOUT', 'ENABLED', 'URL', 'BACKEND', 'MAX_RETRIES', 'PAGE_SIZE', 'QUEUE', 'HOSTS', 'OPTIONS', 'TTL', 'NAME', 'LIMIT'];

function settingValue(i, suffix) {
  if (suffix === 'ENABLED') return { text: [i % 3 === 0 ? 'True' : 'False'], toggle: true };
  if (suffix === 'URL') return { text: [`'https://service-${i}.example.com/api/v1/'`] };
  if (suffix === 'HOSTS') return { text: ['[', `    'host-${i}-a.example.com',`, `    'host-${i}-b.example.com',`, ']'] };
  if (suffix === 'OPTIONS') return { text: ['{', `    'retries': ${i % 7},`, `    'backoff': ${(i % 5) + 1}.5,`, "    'jitter': True,", '}'] };
  if (suffix === 'BACKEND' || suffix === 'QUEUE' || suffix === 'NAME') return { text: [`'edx.${suffix.toLowerCase()}.${i}'`] };
  return { text: [String((i * 37) % 1000)] };
}

function settingBlock(name, i, required) {
  const suffix = SUFFIXES[i % SUFFIXES.length];
  const value = required ? { text: ['None'] } : settingValue(i, suffix);
  const lines = [];
  if (value.toggle) {
    lines.push(
      `# .. toggle_name: ${name}`,
      '# .. toggle_implementation: DjangoSetting',
      `# .. toggle_default: ${value.text[0]}`,
      `# .. toggle_description: Turns on the ${name.toLowerCase().replace(/_/g, ' ')} feature for every course`,
      '#   run on this instance, including the ones created before it was enabled.',
      '# .. toggle_use_cases: open_edx',
      `# .. toggle_creation_date: 20${10 + (i % 15)}-0${1 + (i % 9)}-1${i % 10}`,
    );
  } else {
    lines.push(
      `# .. setting_name: ${name}`,
      `# .. setting_default: ${required ? 'None (required: the operator sets it)' : value.text.join(' ')}`,
      `# .. setting_description: ${required ? 'The operator must set' : 'Controls'} the ${name.toLowerCase().replace(/_/g, ' ')} of the`,
      '#   service; see the operations manual for how it interacts with the other settings.',
    );
  }
  lines.push(`${name} = ${value.text[0]}`, ...value.text.slice(1), '');
  return lines;
}

function generateSettings() {
  const names = [];
  for (let i = 0; names.length < SETTINGS_COUNT; i++) {
    const name = `${WORDS[i % WORDS.length]}_${SUFFIXES[Math.floor(i / WORDS.length) % SUFFIXES.length]}_${String(i).padStart(3, '0')}`;
    names.push(name);
  }
  const header = (title) => ['"""', title, '', 'Generated for the checks benchmark: the size of the Open edX platform\'s settings.', '"""', ''];
  const required = [...header('Settings the operator must set: the service refuses to start without them.')];
  const defaults = [...header('Production-ready defaults; override them in the YAML file named by BENCH_PLATFORM_CFG_PATH.'), 'import os', ''];
  names.forEach((name, i) => {
    if (i < REQUIRED_COUNT) required.push(...settingBlock(name, i, true));
    else defaults.push(...settingBlock(name, i, false));
  });
  const init = [
    '"""Settings: required and defaults, then the operator\'s YAML file."""',
    'import os',
    '',
    'import yaml',
    '',
    'from .defaults import *  # noqa: F401,F403',
    'from .required import *  # noqa: F401,F403',
    '',
    "with open(os.environ['BENCH_PLATFORM_CFG_PATH'], encoding='utf-8') as config:",
    '    globals().update(yaml.safe_load(config) or {})',
    '',
  ];
  // Section comments fill defaults.py up to the module size of the platform's settings.
  let filler = 0;
  while (init.length + required.length + defaults.length < SETTINGS_LINES) {
    defaults.push(`# ---- section ${++filler}: settings grouped by the app that reads them`);
  }
  write('bench_platform/settings/__init__.py', init.join('\n') + '\n');
  write('bench_platform/settings/required.py', required.join('\n') + '\n');
  write('bench_platform/settings/defaults.py', defaults.join('\n') + '\n');
  return { lines: init.length + required.length + defaults.length, settings: names.length };
}

// ---------------------------------------------------------------- Dockerfiles (images-data.json)

const SERVICES = [
  'edx-platform', 'credentials', 'course-discovery', 'ecommerce', 'edx-notes-api', 'enterprise-catalog', 'license-manager',
  'registrar', 'xqueue', 'edx-exams', 'enterprise-access', 'enterprise-subsidy', 'portal-designer', 'program-intent-engagement',
  'edx-analytics-dashboard', 'edx-analytics-data-api', 'commerce-coordinator', 'codejail-service', 'ai-translations', 'order-fulfillment',
];

function dockerfile(service, i) {
  const pkg = service.replace(/-/g, '_');
  const port = 18000 + i * 10;
  const lines = [
    `# ${service}: the image of an Open edX service, built the OEP-45 way.`,
    '# Stages: base (system packages and Python), app (the production image), dev (devstack).',
    '',
    '# The base image is an argument so that a build can use a mirror.',
    `ARG BASE_IMAGE=ubuntu:${pick(['22.04', '24.04'])}`,
    `ARG PYTHON_VERSION=3.${pick([11, 12])}`,
    '',
    '# Stage base: system packages the service needs at run time and to build its wheels:',
    '#   python3 and its venv module, the MySQL client library, gettext for translations,',
    '#   git for requirements installed from repositories, locales for a consistent language.',
    'FROM ${BASE_IMAGE} AS base',
    'ARG PYTHON_VERSION',
    "# apt's caches are cache mounts: downloads are reused between builds, never stored in a layer.",
    'RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \\',
    '    --mount=type=cache,target=/var/lib/apt/lists,sharing=locked \\',
    '    rm -f /etc/apt/apt.conf.d/docker-clean && \\',
    '    apt-get update && \\',
    '    apt-get install -y --no-install-recommends \\',
    '      python${PYTHON_VERSION} python${PYTHON_VERSION}-dev python${PYTHON_VERSION}-venv \\',
    '      libmysqlclient-dev pkg-config build-essential gettext git locales curl && \\',
    '    locale-gen en_US.UTF-8',
    '',
    '# The service runs as an unprivileged user with a fixed id, so mounted volumes get stable owners.',
    'RUN useradd --system --uid 1000 --create-home --shell /usr/sbin/nologin app',
    '',
    'ENV LANG=en_US.UTF-8 LANGUAGE=en_US:en LC_ALL=en_US.UTF-8',
    `ENV VIRTUAL_ENV=/edx/app/${service}/venv`,
    '# A virtual environment keeps the service\'s packages apart from the system\'s.',
    'RUN python${PYTHON_VERSION} -m venv ${VIRTUAL_ENV}',
    'ENV PATH="${VIRTUAL_ENV}/bin:${PATH}"',
    '',
    `WORKDIR /edx/app/${service}`,
    '# Requirements first: this layer is reused until a requirements file changes.',
    'COPY requirements/ requirements/',
    '# Production dependencies; pip\'s cache is a BuildKit cache mount, not part of the image.',
    'RUN --mount=type=cache,target=/root/.cache/pip \\',
    '    pip install -r requirements/pip.txt && \\',
    '    pip install -r requirements/production.txt',
    '',
  ];
  if (i % 4 === 0) {
    lines.push(
      '# Front-end dependencies and the asset build.',
      'COPY package.json package-lock.json ./',
      '# npm\'s cache is a cache mount; node_modules stays in the image for the asset build.',
      'RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund',
      '',
    );
  }
  if (i % 5 === 1) {
    // A few services still carry the patterns the rules are there for.
    lines.push(
      '# Watchman for the asset watcher.',
      'RUN curl -fsSL https://example.com/watchman/install.sh | bash -s -- --prefix /usr/local',
      'RUN pip install nodeenv',
      'RUN nodeenv /edx/app/nodeenv --node=18.17.1 --prebuilt',
      'RUN npm install -g npm@9',
      '',
    );
  }
  lines.push(
    `# Stage app: the production image. The code comes last, so a code change rebuilds only these layers.`,
    'FROM base AS app',
    i % 7 === 3 ? 'COPY . .' : `COPY ${pkg} ${pkg}`,
    'COPY manage.py manage.py',
    i % 7 === 3 ? '# The service itself and its extras, installed after the code (slow on every change).' : '# The service itself, without dependencies: they are installed above.',
    i % 7 === 3
      ? 'RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements/extras.txt && pip install --no-deps -e .'
      : 'RUN --mount=type=cache,target=/root/.cache/pip pip install --no-deps -e .',
    `ENV DJANGO_SETTINGS_MODULE=${pkg}.settings \\`,
    `    ${pkg.toUpperCase()}_CFG_PATH=/edx/etc/${service}.yml \\`,
    '    PYTHONUNBUFFERED=1',
    '# Static files are collected at build time with the production settings and a dummy config.',
    `RUN ${pkg.toUpperCase()}_CFG_PATH=/dev/null python manage.py collectstatic --noinput && \\`,
    `    python manage.py compilemessages`,
    'USER app',
    `EXPOSE ${port}`,
    '# The web process; workers run the same image with another command (docs/operations).',
    `CMD ["gunicorn", "--bind", "0.0.0.0:${port}", "--workers", "2", "${pkg}.wsgi:application"]`,
    '',
    '# Stage dev: the app with development requirements, for devstack.',
    'FROM app AS dev',
    'USER root',
    '# Development requirements; the cache mount keeps rebuilds fast.',
    'RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements/dev.txt',
    'USER app',
    `CMD ["python", "manage.py", "runserver", "0.0.0.0:${port}"]`,
    '',
  );
  return lines.join('\n');
}

function generateDockerfiles() {
  const entries = [];
  let lines = 0;
  SERVICES.slice(0, DOCKERFILES).forEach((service, i) => {
    const text = dockerfile(service, i);
    lines += text.split('\n').length;
    write(`dockerfiles/${service}.Dockerfile`, text);
    entries.push({ name: service, image_name: service, os_platform: 'linux/amd64,linux/arm64', target: 'app', owning_team_email: `team-${i}@example.com` });
    entries.push({ name: `${service} (dev)`, image_name: `${service}-dev`, dockerfile: service, os_platform: 'linux/amd64', target: 'dev', build_args: { SERVICE_VARIANT: service } });
  });
  write('images-data.json', JSON.stringify(entries, null, 2) + '\n');
  return { dockerfiles: DOCKERFILES, images: entries.length, lines };
}

// ---------------------------------------------------------------- CHANGELOG.rst

function generateChangelog(settingNames) {
  const lines = ['Change Log', '##########', '', '..', '   Every release records the settings, operational and functional differences.', '', 'Unreleased', '**********', '', '* Nothing yet.', ''];
  let major = 9;
  let minor = 40;
  let day = Date.UTC(2025, 5, 1);
  let n = 0;
  while (lines.length < CHANGELOG_LINES) {
    const heading = `[${major}.${minor}.0] - ${new Date(day).toISOString().slice(0, 10)}`;
    lines.push(heading, '*'.repeat(heading.length), '');
    for (const section of ['Added', 'Changed', 'Fixed']) {
      lines.push(section, '='.repeat(section.length), '');
      for (let k = 0; k < 2; k++) lines.push(`* Setting \`\`${settingNames[n++ % settingNames.length]}\`\`: ${pick(['added', 'default changed', 'documented', 'now read from the YAML file'])}.`);
      lines.push('');
    }
    day -= 14 * 86400 * 1000;
    if (--minor < 0) {
      minor = 40;
      major--;
    }
  }
  lines.length = CHANGELOG_LINES;
  write('CHANGELOG.rst', lines.join('\n') + '\n');
  return { lines: lines.length };
}

function generate() {
  rmSync(REPO, { recursive: true, force: true });
  mkdirSync(REPO, { recursive: true });
  write(
    '.oep45.yml',
    ['# The benchmark repository: an OEP-45 settings package and an images-data.json matrix.', 'name: bench-platform', 'app-name: BENCH_PLATFORM', 'images-data: images-data.json', 'settings: bench_platform/settings', 'changelog: CHANGELOG.rst', ''].join('\n'),
  );
  const settings = generateSettings();
  const settingNames = readFileSync(join(REPO, 'bench_platform/settings/defaults.py'), 'utf8').match(/^[A-Z][A-Z0-9_]+(?= = )/gm) ?? [];
  const dockerfiles = generateDockerfiles();
  const changelog = generateChangelog(settingNames);
  write('docs/operations/index.rst', 'Operations manual\n#################\n\nSee the sections below.\n');
  return { settings, dockerfiles, changelog };
}

// ---------------------------------------------------------------- timing

const TIME = '/usr/bin/time';
const CPU_FILE = join(ROOT, 'bench/work/cpu-time.txt');

/**
 * Wall time of one process, and its CPU time (user + system) when GNU time is there: on a shared
 * machine the CPU time says what the process itself costs, whatever else is running.
 */
function timeOnce(args) {
  const withTime = existsSync(TIME);
  const [command, argv] = withTime ? [TIME, ['-f', '%U %S', '-o', CPU_FILE, process.execPath, ...args]] : [process.execPath, args];
  const start = process.hrtime.bigint();
  const run = spawnSync(command, argv, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  let cpuMs;
  if (withTime) {
    const [user, sys] = readFileSync(CPU_FILE, 'utf8').trim().split(/\s+/).slice(-2).map(Number);
    cpuMs = (user + sys) * 1000;
  }
  return { ms, cpuMs, run };
}

function stats(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  const mean = samples.reduce((s, x) => s + x, 0) / samples.length;
  return { runs: samples.length, median: at(0.5), mean, min: sorted[0], p90: at(0.9), max: sorted[sorted.length - 1] };
}

const round = (x) => Math.round(x * 10) / 10;
const rounded = (o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, k === 'runs' ? v : round(v)]));

export function checksScenario({ runs = 10, say = () => {} } = {}) {
  if (!existsSync(CLI)) throw new Error('dist/cli.js is missing; run `npm run bundle` first.');
  const size = generate();
  const checkArgs = [CLI, 'check', REPO, '--format', 'json'];
  const baseArgs = ['-e', '0'];
  say(`5 checks: ${runs} interleaved runs of \`node dist/cli.js check\` and \`node -e 0\` after ${WARMUP} warm-ups`);

  let last;
  const check = [];
  const baseline = [];
  const checkCpu = [];
  const baselineCpu = [];
  for (let i = 0; i < WARMUP + runs; i++) {
    // Interleaved, so that both see the same machine load.
    const b = timeOnce(baseArgs);
    const c = timeOnce(checkArgs);
    if (c.run.status !== 0 && c.run.status !== 1) throw new Error(`oep45 check failed (exit ${c.run.status}):\n${c.run.stderr}`);
    last = c.run;
    if (i >= WARMUP) {
      baseline.push(b.ms);
      check.push(c.ms);
      if (b.cpuMs !== undefined && c.cpuMs !== undefined) {
        baselineCpu.push(b.cpuMs);
        checkCpu.push(c.cpuMs);
      }
    }
  }
  const out = JSON.parse(last.stdout);
  const byRule = {};
  for (const f of out.findings) byRule[f.rule] = (byRule[f.rule] ?? 0) + 1;
  const base = stats(baseline);
  const whole = stats(check);
  return {
    repository: size,
    runs,
    warmup: WARMUP,
    command: 'node dist/cli.js check <repo> --format json',
    baselineMs: rounded(base),
    checkMs: rounded(whole),
    checksBeyondStartupMs: round(whole.median - base.median),
    cpuMs: checkCpu.length ? { baseline: rounded(stats(baselineCpu)), check: rounded(stats(checkCpu)) } : undefined,
    loadAfter: loadavg().map((x) => Number(x.toFixed(2))),
    findings: { total: out.findings.length, byRule },
  };
}
