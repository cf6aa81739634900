// The performance suite (issues 7 and 12): every scenario in one run on this machine, with a real
// engine of the bench's own (bench-engine.mjs) and a real registry on loopback, ours and both
// baselines side by side — the peer (build-push-action with a registry cache) and the no-cache
// rebuild — in alternating runs. Prints the tables; a full run writes bench/results.json,
// docs/performance.svg and the figures of docs/performance.md. `--only a,b` runs some scenarios and writes bench/work/results-partial.json
// instead, so the committed figures always come from one whole run.

import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chartSvg } from './chart.mjs';
import { rewriteDocs } from './docs.mjs';
import { startBenchEngine } from './bench-engine.mjs';
import { Engine } from './engine.mjs';
import { ACTION, CLI, ROOT, WORK, pathWithDocker, round, testHelpers } from './helpers.mjs';
import { machine, uptime } from './machine.mjs';
import { startCountingProxy } from './proxy.mjs';
import { checksScenario } from './scenarios/checks.mjs';
import { sampleIdaScenarios } from './scenarios/sample-ida.mjs';
import { startupScenario } from './scenarios/startup.mjs';
import { tenImagesScenario } from './scenarios/ten-images.mjs';
import { COLUMNS, RATIO_COLUMNS, ratioRows, tableRows, terminalTable } from './table.mjs';
import { judgeTargets } from './targets.mjs';

export const SCENARIOS = ['nightly', 'code-change', 'promotion', 'ten-images', 'checks', 'startup'];
const GROUPS = { build: ['nightly', 'code-change', 'promotion'] };

const USAGE = `npm run bench [-- --only ${SCENARIOS.join(',')}|build] [--runs N] [--build-runs N] [--render]
  --only        run these scenarios only (figures go to bench/work/results-partial.json)
  --runs        runs of the checks and start-up scenarios (default 10 and 15)
  --build-runs  alternating runs of ours and the peer in the build scenarios (default 5)
  --no-cache-runs  of those, the runs the no-cache rebuild takes part in (default 3: a minute each)
  --render   run nothing: redraw the chart and the figures of docs/performance.md from
             bench/results.json (after a change to how they are written)`;

function options(argv) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { only: { type: 'string' }, runs: { type: 'string' }, 'build-runs': { type: 'string' }, 'no-cache-runs': { type: 'string' }, render: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
  } catch (error) {
    throw new Error(`${error.message}\n${USAGE}`);
  }
  if (parsed.values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const only = parsed.values.only?.split(',').flatMap((id) => GROUPS[id.trim()] ?? [id.trim()]);
  const unknown = only?.filter((id) => !SCENARIOS.includes(id)) ?? [];
  if (unknown.length) throw new Error(`unknown scenario ${unknown.join(', ')}: choose from ${SCENARIOS.join(', ')}, build\n${USAGE}`);
  const count = (flag) => {
    const text = parsed.values[flag];
    const n = text === undefined ? undefined : Number(text);
    if (n !== undefined && !(Number.isInteger(n) && n > 0)) throw new Error(`--${flag} ${text}: not a positive whole number`);
    return n;
  };
  return { only, runs: count('runs'), buildRuns: count('build-runs'), noCacheRuns: count('no-cache-runs'), render: parsed.values.render };
}

/** The chart and the documentation's figures, from a full run's saved results. */
function render(saved) {
  saved.targets = judgeTargets(saved.scenarios, saved.machine);
  writeFileSync(join(ROOT, 'docs/performance.svg'), chartSvg(saved.scenarios, `${saved.machine.date.slice(0, 10)}, ${saved.machine.cores} × ${saved.machine.cpu}, Docker ${saved.machine.docker.engine}: npm run bench`));
  rewriteDocs(join(ROOT, 'docs/performance.md'), saved);
}

const say = (message) => console.log(`  · ${message}`);

export async function runSuite(argv) {
  const { only, runs, buildRuns = 5, noCacheRuns = 3, render: renderOnly } = options(argv);
  if (renderOnly) {
    const saved = JSON.parse(readFileSync(join(ROOT, 'bench/results.json'), 'utf8'));
    render(saved);
    writeFileSync(join(ROOT, 'bench/results.json'), JSON.stringify(saved, null, 2) + '\n');
    console.log('written: docs/performance.svg, docs/performance.md (figures), bench/results.json (targets) from bench/results.json');
    return saved;
  }
  const select = (id) => !only || only.includes(id);
  for (const file of [CLI, ACTION]) if (!existsSync(file)) throw new Error(`${file.slice(ROOT.length + 1)} is missing: run \`npm run bundle\` first`);
  const started = Date.now();
  const building = ['nightly', 'code-change', 'promotion', 'ten-images'].some(select);
  // Every docker call of the bench, and of the CLI it measures, goes to the bench's own engine; and
  // `docker` on PATH is the client with buildx, as on a GitHub runner (this machine's PATH starts
  // with a client that has none).
  const benchEngine = building ? await startBenchEngine(say) : undefined;
  if (benchEngine) Object.assign(process.env, benchEngine.env, { PATH: pathWithDocker('/usr/bin/docker') });
  const work = mkdtempSync(join(tmpdir(), 'oep45-bench-'));
  const results = { benchmark: 'oep45-action performance suite (issues 7 and 12)', command: `npm run bench${argv.length ? ` -- ${argv.join(' ')}` : ''}`, scenarios: {} };
  const s = results.scenarios;
  try {
    const helpers = await testHelpers();
    if (building && !helpers.engineAnswers()) throw new Error(`no Docker engine answers (${helpers.DOCKER}); start dockerd first`);
    results.machine = await machine(helpers, { isolated: benchEngine?.isolated });
    console.log(`oep45 performance suite — ${results.machine.date}, ${results.machine.cores} × ${results.machine.cpu}, node ${results.machine.node}, docker ${results.machine.docker.engine}; uptime: ${results.machine.uptime}`);
    if (building) {
      const registry = await helpers.startRegistry();
      const proxy = await startCountingProxy(registry.host);
      const engine = new Engine({ docker: helpers.DOCKER, proxy, countSteps: helpers.countSteps, env: { ...process.env } });
      try {
        // A scenario that fails is said and recorded; the others' figures are kept.
        const attempt = async (name, fn) => {
          try {
            await fn();
          } catch (error) {
            console.error(`bench: ${name} failed: ${error.message}`);
            (results.failed ??= []).push(`${name}: ${error.message.split('\n')[0]}`);
          }
        };
        if (['nightly', 'code-change', 'promotion'].some(select)) {
          await attempt('the sample-ida scenarios', async () => {
            const out = await sampleIdaScenarios({ engine, helpers, work, select, say, runs: buildRuns, noCacheRuns });
            Object.assign(s, out.nightly && { nightly: out.nightly }, out.codeChange && { codeChange: out.codeChange }, out.promotion && { promotion: out.promotion }, { cold: out.cold });
          });
        }
        if (select('ten-images')) await attempt('the ten-images scenario', async () => (s.tenImages = await tenImagesScenario({ engine, helpers, work, say, runs: buildRuns, noCacheRuns })));
        await engine.freshRunner();
      } finally {
        await proxy.stop();
        await registry.stop();
      }
    }
    if (select('checks')) s.checks = checksScenario({ runs: runs ?? 10, say });
    if (select('startup')) s.startup = await startupScenario({ runs: runs ?? 15, work, say });
  } finally {
    rmSync(work, { recursive: true, force: true });
    await benchEngine?.stop();
  }
  results.machine.uptimeAtEnd = uptime();

  results.seconds = round((Date.now() - started) / 1000, 1);
  results.targets = judgeTargets(s, results.machine);
  console.log('');
  console.log(terminalTable(COLUMNS, tableRows(s)));
  if (ratioRows(s).length) {
    console.log('\nRatios (medians of alternating runs; ours vs each baseline, pair by pair):\n');
    console.log(terminalTable(RATIO_COLUMNS, ratioRows(s)));
  }
  console.log('');
  for (const t of results.targets) console.log(`${t.met ? 'met   ' : 'MISSED'}  ${t.target}: ${t.measured}${t.met ? '' : `\n        ${t.reason}`}`);
  console.log(`\nwhole run: ${results.seconds < 90 ? `${results.seconds} s` : `${(results.seconds / 60).toFixed(1)} min`}`);

  const json = JSON.stringify(results, (_k, v) => (typeof v === 'number' && !Number.isInteger(v) ? round(v) : v), 2) + '\n';
  if (only) {
    writeFileSync(join(WORK, 'results-partial.json'), json);
    console.log('written: bench/work/results-partial.json (a partial run leaves the committed figures alone)');
  } else {
    writeFileSync(join(ROOT, 'bench/results.json'), json);
    render(JSON.parse(json));
    console.log('written: bench/results.json, docs/performance.svg, docs/performance.md (figures)');
  }
  return results;
}
