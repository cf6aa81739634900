// npm run bench:hostile — what a hostile repository can cost: `oep45 check` (dist/cli.js, as a user
// runs it) on the sample service with one file made huge (and `oep45 plan` with a huge event payload), in real repositories in a temp folder.
// Each run must take under 5 s of CPU and 500 MB of peak RSS (docs/performance.md#hostile-inputs), either
// by checking the file or by refusing it at its size limit (src/files/limits.ts). Also printed: the
// time ratio of a 4× larger settings module, ~4 for a linear model (a quadratic one gives ~16).
// Needs git and a fresh bundle (`npm run bundle`); no Docker.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const CLI = join(ROOT, 'dist/cli.js');
const SAMPLE = join(ROOT, 'examples/sample-ida');
const TARGET_SECONDS = 5;
const TARGET_MB = 500;
const RUNS = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 3;

/** A settings module of `lines` lines in the code-annotations style services use. */
function settingsModule(lines) {
  const out = ['"""Defaults for sample-ida: production-ready values."""', 'import os', ''];
  for (let i = 0; out.length < lines; i++) {
    out.push(`# .. setting_name: SAMPLE_SETTING_${i}`, `# .. setting_default: 'value-${i}'`, `# .. setting_description: The ${i}th value the service reads.`);
    out.push(`SAMPLE_SETTING_${i} = {'url': os.environ.get('SAMPLE_URL_${i}', 'https://example.com/${i}'), 'retries': [1, 2, ${i}]}`);
  }
  return out.slice(0, lines).join('\n') + '\n';
}

/** A Dockerfile of about `bytes` bytes: real-looking RUN steps, one after another. */
function dockerfile(bytes) {
  const head = 'FROM debian:bookworm-slim AS app\n';
  const step = (i) => `# Step ${i}: the packages the service needs.\nRUN apt-get update && apt-get install -y --no-install-recommends libpq5 curl-${i} && rm -rf /var/lib/apt/lists/*\n`;
  const parts = [head];
  let size = head.length;
  for (let i = 0; size < bytes; i++) {
    const s = step(i);
    parts.push(s);
    size += s.length;
  }
  parts.push('CMD ["gunicorn", "sample_ida.wsgi"]\n');
  return parts.join('');
}

const cases = [
  { name: 'settings module, 7.5k lines', file: 'sample_ida/settings/defaults.py', text: () => settingsModule(7_500) },
  { name: 'settings module, 30k lines (under the 2 MiB limit)', file: 'sample_ida/settings/defaults.py', text: () => settingsModule(30_000) },
  { name: 'settings module, 200k lines', file: 'sample_ida/settings/defaults.py', text: () => settingsModule(200_000) },
  { name: 'Dockerfile, 1 MB (under the 1 MiB limit)', file: 'Dockerfile', text: () => dockerfile(1_000_000) },
  { name: 'Dockerfile, 50 MB', file: 'Dockerfile', text: () => dockerfile(50_000_000) },
  { name: 'event payload, 31 MB (under the 32 MiB limit)', event: () => pushPayload(31_000_000) },
  { name: 'event payload, 300 MB', event: () => '' },
];

/** A push event's payload of about `bytes` bytes: the commits of a very large push. */
function pushPayload(bytes) {
  const commits = [];
  for (let i = 0, size = 0; size < bytes; i++) {
    const c = { id: i.toString(16).padStart(40, '0'), message: `Change ${i}: ${'words of a long message '.repeat(8)}`, author: { name: 'Dev', email: 'dev@example.com' }, added: [`app/m${i}.py`], modified: [], removed: [] };
    commits.push(c);
    size += JSON.stringify(c).length + 1;
  }
  return JSON.stringify({ ref: 'refs/heads/master', commits, repository: { full_name: 'openedx/sample-ida', default_branch: 'master' } });
}

/** One `oep45 check`: wall seconds and the child's peak RSS (reported by the child itself at exit). */
function measure(dir, eventFile) {
  const rssFile = join(dir, '..', 'rss');
  const preload = `data:text/javascript,${encodeURIComponent(`import { writeFileSync } from 'node:fs'; process.on('exit', () => { const u = process.resourceUsage(); writeFileSync(${JSON.stringify(rssFile)}, JSON.stringify([u.maxRSS, (u.userCPUTime + u.systemCPUTime) / 1e6])); });`)}`;
  const started = process.hrtime.bigint();
  // An event payload is read by planning (`oep45 plan` in a workflow step: GITHUB_* variables).
  const args = eventFile ? ['plan', dir, '--format', 'json'] : ['check', dir, '--format', 'json', '--fail-on', 'never'];
  const env = eventFile ? { ...process.env, GITHUB_EVENT_NAME: 'push', GITHUB_REF: 'refs/heads/master', GITHUB_EVENT_PATH: eventFile } : process.env;
  const run = spawnSync(process.execPath, ['--import', preload, CLI, ...args], { encoding: 'utf8', env, maxBuffer: 256 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const [rss, cpu] = JSON.parse(readFileSync(rssFile, 'utf8'));
  const refusedEvent = /over the \S+ MiB limit for an event payload/.exec(run.stderr);
  if (eventFile && refusedEvent) return { seconds, cpu, mb: rss / 1024, outcome: `refused: ${run.stderr.trim().replace(/^.*? is /, '').replace(/: it was not read$/, '')}` };
  if (run.status !== 0) throw new Error(`oep45 ${args[0]} exited with ${run.status}: ${run.stderr.trim().split('\n').at(-1)}`);
  if (eventFile) return { seconds, cpu, mb: rss / 1024, outcome: 'planned' };
  const findings = JSON.parse(run.stdout).findings;
  const refused = findings.find((f) => f.rule === 'OEP45-P002');
  return { seconds, cpu, mb: rss / 1024, outcome: refused ? `refused: ${refused.message.replace(/^\S+ is /, '')}` : `checked: ${findings.length} findings` };
}

const scratch = mkdtempSync(join(tmpdir(), 'oep45-bench-hostile-'));
let failed = 0;
const results = new Map();
try {
  console.log(`oep45 check on a hostile repository (median of ${RUNS} runs; targets: under ${TARGET_SECONDS} s and ${TARGET_MB} MB)`);
  // Wall time on a shared machine grows with its load; the CPU time beside it does not.
  console.log(`machine: ${cpus().length} cores, load average ${loadavg()[0].toFixed(1)}\n`);
  for (const c of cases) {
    const dir = join(scratch, 'repo');
    rmSync(dir, { recursive: true, force: true });
    cpSync(SAMPLE, dir, { recursive: true });
    execFileSync('git', ['init', '-q'], { cwd: dir });
    execFileSync('git', ['-c', 'user.name=Bench', '-c', 'user.email=bench@example.com', 'commit', '-qm', 'sample', '--allow-empty'], { cwd: dir });
    let eventFile;
    if (c.event) {
      eventFile = join(scratch, 'event.json');
      // The huge one is sparse: it costs no disk, and is refused before a byte of it is read.
      if (c.name.includes('300 MB')) execFileSync('truncate', ['-s', '300M', eventFile]);
      else writeFileSync(eventFile, c.event());
    } else {
      writeFileSync(join(dir, c.file), c.text());
    }
    const runs = Array.from({ length: RUNS }, () => measure(dir, eventFile)).sort((a, b) => a.seconds - b.seconds);
    if (eventFile) rmSync(eventFile);
    const median = runs[Math.floor(runs.length / 2)];
    const peak = Math.max(...runs.map((r) => r.mb));
    // Judged on CPU time: on a shared machine the wall time follows its load (printed beside it).
    const ok = median.cpu < TARGET_SECONDS && peak < TARGET_MB;
    if (!ok) failed++;
    results.set(c.name, median);
    console.log(`${ok ? 'ok  ' : 'MISS'} ${c.name.padEnd(52)} ${median.seconds.toFixed(2).padStart(6)} s (CPU ${median.cpu.toFixed(2)} s) ${peak.toFixed(0).padStart(5)} MB  ${median.outcome}`);
  }
  const small = results.get(cases[0].name);
  const large = results.get(cases[1].name);
  console.log(`\nsettings model: 4× the lines took ${(large.cpu / small.cpu).toFixed(1)}× the CPU time (linear: about 4, less with the fixed cost of a run; quadratic: about 16)`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
if (failed) {
  console.error(`bench: ${failed} case(s) over the targets`);
  process.exitCode = 1;
}
