// A Docker Engine of the bench's own, so that "a fresh runner" (the build cache emptied, the
// pushed images removed) can be made before every measured run without emptying the build cache
// of the machine's engine, which other jobs' builds (and their cache-hit assertions) rely on.
//
// It is the machine's dockerd and containerd binaries with a data root, an exec root, a socket and
// a pid file of its own, the containerd image store on (as the machine's engine has it), and a
// bridge of its own. Never `--bridge=none`: dockerd then deletes the interface named docker0,
// which the machine's engine uses (moby's removeDefaultBridgeInterface). Its bridge `oep45b0` is
// made here with a subnet no one else uses and `--iptables=false`, so dockerd writes no firewall
// rule either (it would rewrite the chains the machine's engine owns); the two rules its builds
// need to reach the Debian mirror (masquerade, forward) are added here and taken away at the end.
// Everything is undone by stop(), also on SIGINT/SIGTERM; the data root is kept between runs, so
// the debootstrap-made base image is made once.
//
// OEP45_BENCH_ENGINE=system uses the machine's engine instead (and then empties its build cache
// before every measured run: only on a machine no one else builds on).

import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { run } from './helpers.mjs';

const NAME = 'oep45-bench-docker';
const SOCKET = `/run/${NAME}.sock`;
const PIDFILE = `/run/${NAME}.pid`;
const DATA_ROOT = `/var/lib/${NAME}`;
const EXEC_ROOT = `/run/${NAME}`;
const CONFIG_DIR = `/tmp/${NAME}`;
const BRIDGE = 'oep45b0';
const SUBNET = '10.213.7.0/24';
const BRIDGE_IP = '10.213.7.1/24';

const RULES = [
  ['-t', 'nat', 'POSTROUTING', '-s', SUBNET, '!', '-o', BRIDGE, '-j', 'MASQUERADE'],
  ['-t', 'filter', 'FORWARD', '-i', BRIDGE, '-j', 'ACCEPT'],
  ['-t', 'filter', 'FORWARD', '-o', BRIDGE, '-m', 'conntrack', '--ctstate', 'RELATED,ESTABLISHED', '-j', 'ACCEPT'],
];

const sh = (program, args) => execFileSync(program, args, { stdio: 'pipe', encoding: 'utf8' });
const quiet = (program, args) => {
  try {
    sh(program, args);
    return true;
  } catch {
    return false;
  }
};

/** `iptables -I|-D|-C` of one rule: [table flag, table, chain, ...match]. */
const rule = (op, [t, table, chain, ...match]) => [t, table, op, chain, ...match];

function running() {
  if (!existsSync(PIDFILE)) return undefined;
  const pid = Number(readFileSync(PIDFILE, 'utf8').trim());
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return undefined;
  }
}

async function answers(env) {
  return (await run('/usr/bin/docker', ['version', '--format', '{{.Server.Version}}'], { env, allowFail: true })).code === 0;
}

/**
 * Starts the bench's engine (or finds it running) and returns {env, stop}: `env` is process.env
 * with DOCKER_HOST on its socket, for every docker call of the bench and of the CLI it measures.
 */
export async function startBenchEngine(say = () => {}) {
  if (process.env.OEP45_BENCH_ENGINE === 'system') return { env: { ...process.env }, isolated: false, stop: async () => {} };
  if (process.getuid?.() !== 0) throw new Error('the bench starts an engine of its own (its own bridge and data root) and needs root; OEP45_BENCH_ENGINE=system uses the machine\'s engine instead');
  const env = { ...process.env, DOCKER_HOST: `unix://${SOCKET}` };
  const made = { bridge: false, rules: [], pid: undefined };
  const stop = async () => {
    if (made.pid) {
      try {
        process.kill(made.pid, 'SIGTERM');
      } catch {
        // already gone
      }
      for (let i = 0; i < 100 && running(); i++) await new Promise((r) => setTimeout(r, 100));
      made.pid = undefined;
    }
    for (const r of made.rules.splice(0)) quiet('iptables', rule('-D', r));
    if (made.bridge) quiet('ip', ['link', 'del', BRIDGE]);
    made.bridge = false;
  };
  const onSignal = (signal) => {
    stop().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    if (!quiet('ip', ['link', 'show', BRIDGE])) {
      sh('ip', ['link', 'add', BRIDGE, 'type', 'bridge']);
      made.bridge = true;
      sh('ip', ['addr', 'add', BRIDGE_IP, 'dev', BRIDGE]);
      sh('ip', ['link', 'set', BRIDGE, 'up']);
    }
    for (const r of RULES) {
      if (quiet('iptables', rule('-C', r))) continue;
      sh('iptables', rule('-I', r));
      made.rules.push(r);
    }
    if (!running()) {
      mkdirSync(CONFIG_DIR, { recursive: true });
      writeFileSync(`${CONFIG_DIR}/daemon.json`, JSON.stringify({ features: { 'containerd-snapshotter': true } }) + '\n');
      const log = openSync(`${CONFIG_DIR}/dockerd.log`, 'a');
      const child = spawn(
        '/usr/sbin/dockerd',
        ['--config-file', `${CONFIG_DIR}/daemon.json`, '--data-root', DATA_ROOT, '--exec-root', EXEC_ROOT, '-H', `unix://${SOCKET}`, '--pidfile', PIDFILE, '--bridge', BRIDGE, '--iptables=false', '--ip6tables=false', '--ip-masq=false'],
        { detached: true, stdio: ['ignore', log, log] },
      );
      child.unref();
      made.pid = child.pid;
      say(`the bench's own engine: dockerd on ${SOCKET}, data root ${DATA_ROOT}, bridge ${BRIDGE} (log ${CONFIG_DIR}/dockerd.log)`);
    }
    for (let i = 0; i < 120 && !(await answers(env)); i++) await new Promise((r) => setTimeout(r, 250));
    if (!(await answers(env))) throw new Error(`the bench's engine did not answer on ${SOCKET}: see ${CONFIG_DIR}/dockerd.log`);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    env,
    isolated: true,
    stop: async () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      await stop();
    },
  };
}
