// Scenario 6: the action's start-up. `node dist/index.js` spawned as the runner spawns it
// (INPUT_MODE=check, GITHUB_* and RUNNER_TEMP set, an event payload file) on the example service
// (examples/sample-ida, as a git repository of its own), timed from the spawn to the moment its
// outputs file is written (the last write's mtime: what the next step of a job waits for; a clean
// check prints nothing, so a first line of output would measure nothing) and to its exit,
// interleaved with `node -e "console.log(1)"` as the floor Node itself sets. Also the size of
// dist/ and of dist/index.js.

import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
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
  const repo = join(work, 'startup-sample-ida');
  cpSync(join(ROOT, 'examples/sample-ida'), repo, { recursive: true });
  await git(repo, 'init', '-q', '-b', 'master');
  await git(repo, 'add', '-A');
  await git(repo, 'commit', '-q', '-m', 'sample IDA');
  const temp = mkdtempSync(join(tmpdir(), 'oep45-bench-runner-'));
  say(`6 start-up: ${runs} interleaved runs of \`node dist/index.js\` (mode check) and \`node -e console.log(1)\``);
  const outputs = [];
  const exit = [];
  const floor = [];
  let written = '';
  try {
    for (let i = 0; i < WARMUP + runs; i++) {
      const node = await spawnTimed(['-e', 'console.log(1)']);
      const env = runnerEnv(repo, temp);
      const startedWall = performance.timeOrigin + performance.now();
      const action = await spawnTimed([ACTION], { cwd: repo, env });
      written = readFileSync(env.GITHUB_OUTPUT, 'utf8');
      if (action.code !== 0 || !written.includes('result<<')) throw new Error(`node dist/index.js exited ${action.code} without its outputs:\n${action.output}`);
      if (i < WARMUP) continue;
      outputs.push(statSync(env.GITHUB_OUTPUT).mtimeMs - startedWall);
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
    command: 'node dist/index.js (INPUT_MODE=check, runner environment, examples/sample-ida)',
    outputs: [...written.matchAll(/^(\w[\w-]*)<</gm)].map((m) => m[1]),
    outputsMs: ms(outputs),
    exitMs: ms(exit),
    nodeFloorMs: ms(floor),
    dist: { totalBytes: files.reduce((s, f) => s + f.bytes, 0), indexBytes: files.find((f) => f.file === 'index.js')?.bytes, files },
  };
}
