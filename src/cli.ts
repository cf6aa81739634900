// The CLI's edge: argv → PipelineInputs, then the result in the requested format and an exit
// status. User errors are one line on stderr and exit 2; never a stack trace.

import { writeFileSync } from 'node:fs';
import type { Mode } from './config/inputs.js';
import { runPipeline } from './pipeline.js';
import { parseFlags, toInputs, type Flags } from './cli/flags.js';
import { HELP } from './cli/help.js';
import { configCommand, settingsCommand } from './cli/settings-commands.js';
import { initCommand } from './cli/init/init-command.js';
import { baselineCommand } from './cli/baseline-command.js';
import { resultJson, checkJson } from './report/json.js';
import { toSarif } from './report/sarif.js';
import { resultText, errorText } from './report/text.js';
import { RULE_METAS } from './checks/registry.js';
import { engineAvailable } from './image/docker.js';
import { UserError } from './util/errors.js';
import type { Log } from './util/log.js';
import { VERSION } from './version.js';
import { inlineText } from './report/escape/text.js';
import { guardLines } from './report/escape/workflow-commands.js';

export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readStdin: () => Promise<string>;
  env: NodeJS.ProcessEnv;
  cwd: string;
  isTTY: boolean;
}

const PIPELINE_COMMANDS: Record<string, Mode> = { check: 'check', plan: 'plan', build: 'build', publish: 'publish', merge: 'merge', demo: 'plan' };

/** The log on stderr: one line per message, secrets out first, then control characters escaped. */
function cliLog(io: CliIO, secrets: string[]): Log {
  const scrub = (text: string): string => inlineText(secrets.reduce((t, s) => (s ? t.split(s).join('***') : t), text));
  return {
    info: (m) => io.stderr(scrub(m) + '\n'),
    warning: (m) => io.stderr(`warning: ${scrub(m)}\n`),
    debug: (m) => {
      if (io.env.OEP45_DEBUG) io.stderr(scrub(m) + '\n');
    },
    group: async (title, fn) => {
      io.stderr(`▸ ${scrub(title)}\n`);
      return fn();
    },
    secret: (v) => {
      secrets.push(v);
    },
  };
}

function emit(io: CliIO, flags: Flags, text: string): void {
  if (flags.output) writeFileSync(flags.output, text);
  else io.stdout(text);
}

async function pipelineCommand(command: string, dir: string | undefined, flags: Flags, io: CliIO): Promise<number> {
  const format = flags.format ?? 'text';
  if (!['text', 'json', 'sarif'].includes(format)) throw new UserError(`--format: "${format}" must be text, json or sarif`);
  if (format === 'sarif' && command !== 'check') throw new UserError('--format sarif is for `oep45 check` only');
  const password = flags['password-stdin'] ? (await io.readStdin()).replace(/\r?\n$/, '') : undefined;
  const secrets: string[] = password ? [password] : [];
  let mode = PIPELINE_COMMANDS[command]!;
  if (command === 'demo' && (await engineAvailable(io.env))) mode = 'build';
  const inputs = toInputs(mode, dir, flags, password);
  // The demo shows what the action does without downloading anything.
  if (command === 'demo') inputs.offline = true;
  const result = await runPipeline(inputs, { log: cliLog(io, secrets), cwd: io.cwd, env: io.env, withChecks: command === 'demo' });
  if (command === 'demo' && mode === 'plan') io.stderr('No Docker engine answered: checked and planned, not built.\n');
  if (format === 'json') emit(io, flags, JSON.stringify(command === 'check' ? checkJson(result) : resultJson(result), null, 2) + '\n');
  else if (format === 'sarif') {
    const sarif = toSarif(result.findings, RULE_METAS, { projectRoot: result.project.root, workspace: io.cwd, version: VERSION });
    emit(io, flags, JSON.stringify(sarif, null, 2) + '\n');
  } else {
    const color = flags['no-color'] ? false : (flags.color ?? (io.isTTY && !io.env.NO_COLOR));
    emit(io, flags, resultText(result, { color }));
  }
  return result.failures.length ? 1 : 0;
}

function rulesCommand(io: CliIO): number {
  for (const meta of RULE_METAS) io.stdout(`${meta.id}  ${meta.severity.padEnd(7)}  ${meta.title}\n`);
  return 0;
}

/**
 * What the CLI writes, with no line a workflow command (escape/workflow-commands.ts): it runs in
 * `run:` steps, and `settings docs` or `init` print text taken from the repository too.
 */
function guarded(io: CliIO): CliIO {
  return { ...io, stdout: (text) => io.stdout(guardLines(text)), stderr: (text) => io.stderr(guardLines(text)) };
}

export async function runCli(argv: string[], given: CliIO): Promise<number> {
  const io = guarded(given);
  try {
    const { values: flags, positionals } = parseFlags(argv);
    if (flags.version) {
      io.stdout(`${VERSION}\n`);
      return 0;
    }
    const [command, ...rest] = positionals;
    if (flags.help || !command || command === 'help') {
      io.stdout(HELP);
      return command || flags.help ? 0 : 2;
    }
    if (flags.update && command !== 'baseline') throw new UserError('--update is for `oep45 baseline --update`');
    if (command === 'baseline') {
      if (rest.length > 1) throw new UserError(`baseline takes one folder, got ${rest.join(' ')}`);
      return await baselineCommand(rest[0], flags, io, cliLog(io, []));
    }
    if (command in PIPELINE_COMMANDS) {
      if (rest.length > 1) throw new UserError(`${command} takes one folder, got ${rest.join(' ')}`);
      return await pipelineCommand(command, rest[0], flags, io);
    }
    if (command === 'rules') return rulesCommand(io);
    if (command === 'config') return await configCommand(rest, flags, io);
    if (command === 'settings') return settingsCommand(rest, flags, io);
    if (command === 'init') return await initCommand(rest, flags, io);
    throw new UserError(`unknown command "${command}"; see oep45 --help`);
  } catch (error) {
    io.stderr(errorText(error) + '\n');
    return error instanceof UserError ? 2 : 1;
  }
}
