// Scenario 6: the action's start-up. `node dist/index.js` spawned as the runner spawns it
// (INPUT_MODE=check, GITHUB_* and RUNNER_TEMP set, an event payload file) on a tiny repository —
// one Dockerfile — timed from the spawn to its first line of output (the first annotation) and to
// its exit, interleaved with `node -e "console.log(1)"` as the floor Node itself sets. Also the
// size of dist/ and of dist/index.js.

import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { ACTION, ROOT, git, round, spawnTimed, stats } from '../helpers.mjs';

const WARMUP = 2;

function runnerEnv(repo, temp) {
  const output = join(temp, 'output');
  const summary = join(temp, 'summary');
  const event = join(temp, 'event.json');
  writeFileSync(output, '');
  writeFileSync(summary, '');
  writeFileSync(event, '{}');
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_OUTPUT: output,
    GITHUB_STEP_SUMMARY: summary,
    GITHUB_EVENT_PATH: event,
    GITHUB_EVENT_NAME: 'push',
    GITHUB_REF: 'refs/heads/master',
    GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
    GITHUB_REPOSITORY: 'openedx/tiny-ida',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_WORKSPACE: repo,
    RUNNER_TEMP: temp,
    INPUT_MODE: 'check',
    'INPUT_FAIL-ON': 'never',
  };
}

export async function startupScenario({ runs = 15, work, say = () => {} }) {
  const repo = join(work, 'tiny-ida');
  mkdirSync(repo, { recursive: true });
  writeFileSync(join(repo, 'Dockerfile'), '# The tiny service: one stage.\nFROM debian:bookworm-slim\nCMD ["true"]\n');
  await git(repo, 'init', '-q', '-b', 'master');
  await git(repo, 'add', '-A');
  await git(repo, 'commit', '-q', '-m', 'tiny');
  const temp = mkdtempSync(join(tmpdir(), 'oep45-bench-runner-'));
  say(`6 start-up: ${runs} interleaved runs of \`node dist/index.js\` (mode check) and \`node -e console.log(1)\``);
  const first = [];
  const exit = [];
  const floor = [];
  let lastOutput = '';
  try {
    for (let i = 0; i < WARMUP + runs; i++) {
      const node = await spawnTimed(['-e', 'console.log(1)']);
      const action = await spawnTimed([ACTION], { cwd: repo, env: runnerEnv(repo, temp) });
      if (action.code !== 0 || action.firstOutputMs === undefined) throw new Error(`node dist/index.js exited ${action.code}:\n${action.output}`);
      lastOutput = action.output;
      if (i < WARMUP) continue;
      first.push(action.firstOutputMs);
      exit.push(action.exitMs);
      floor.push(node.firstOutputMs);
    }
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
  const ms = (values) => Object.fromEntries(Object.entries(stats(values)).map(([k, v]) => [k, k === 'runs' ? v : round(v, 1)]));
  const dist = join(ROOT, 'dist');
  const files = readdirSync(dist).map((f) => ({ file: f, bytes: statSync(join(dist, f)).size }));
  return {
    command: 'node dist/index.js (INPUT_MODE=check, runner environment, tiny repository)',
    firstLine: lastOutput.split('\n')[0].slice(0, 100),
    firstOutputMs: ms(first),
    exitMs: ms(exit),
    nodeFloorMs: ms(floor),
    dist: { totalBytes: files.reduce((s, f) => s + f.bytes, 0), indexBytes: files.find((f) => f.file === 'index.js')?.bytes, files },
  };
}
