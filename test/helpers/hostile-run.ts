// Runs a project through every surface a user or another job reads — the action as the runner
// spawns it (stdout with its workflow commands and debug lines, stderr, GITHUB_OUTPUT,
// GITHUB_STEP_SUMMARY) and the CLI (`--format json` on stdout, its log and debug lines on stderr,
// SARIF) — and says which forbidden strings turn up where. The hostile-server suite forbids
// credentials; the hostile-input suite (a fork's repository content) can forbid what it needs
// (a file's content from outside the repository, an injected output name) with the same runner.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runAction, runCliProcess, type ActionRun, type CliRun } from './action.js';
import { makeRepo, type TestRepo } from './git.js';

export interface Surfaces {
  action?: ActionRun;
  cli?: CliRun;
  /** Every text by its name: where a forbidden string must not be. */
  texts: Record<string, string>;
}

/** `::add-mask::` lines are commands the runner consumes (it then masks the value everywhere): the one place a secret is meant to be. */
export const withoutMaskCommands = (stdout: string): string =>
  stdout
    .split('\n')
    .filter((l) => !l.startsWith('::add-mask::'))
    .join('\n');

export interface SurfaceOptions {
  /** The project's folder (a git repository). */
  dir: string;
  /** Action inputs (`INPUT_*`). */
  inputs?: Record<string, string>;
  /** CLI arguments after the command's folder. */
  cliArgs?: string[];
  /** The CLI's command: publish, merge, check… */
  command: string;
  /** On the CLI's stdin (`--password-stdin`). */
  stdin?: string;
  env?: Record<string, string>;
  /** Which edges to run. */
  edges?: Array<'action' | 'cli'>;
}

export async function runSurfaces(options: SurfaceOptions): Promise<Surfaces> {
  const edges = options.edges ?? ['action', 'cli'];
  const texts: Record<string, string> = {};
  const [action, cli] = await Promise.all([
    edges.includes('action')
      ? runAction({
          cwd: options.dir,
          ref: 'refs/heads/master',
          inputs: { mode: options.command, 'fail-on': 'never', ...options.inputs },
          env: { GITHUB_WORKSPACE: options.dir, RUNNER_DEBUG: '1', DOCKER_CONFIG: join(options.dir, '.no-docker-config'), ...options.env },
        })
      : undefined,
    edges.includes('cli')
      ? runCliProcess([options.command, options.dir, '--format', 'json', '--fail-on', 'never', '--ref', 'refs/heads/master', '--event', 'push', ...(options.cliArgs ?? [])], {
          stdin: options.stdin,
          env: { OEP45_DEBUG: '1', DOCKER_CONFIG: join(options.dir, '.no-docker-config'), ...options.env },
        })
      : undefined,
  ]);
  if (action) {
    texts['action stdout (workflow commands, debug lines)'] = withoutMaskCommands(action.stdout);
    texts['action stderr'] = action.stderr;
    texts.GITHUB_OUTPUT = Object.entries(action.outputs)
      .map(([name, value]) => `${name}=${value}`)
      .join('\n');
    texts.GITHUB_STEP_SUMMARY = action.summary;
  }
  if (cli) {
    texts['CLI stdout (--format json)'] = cli.stdout;
    texts['CLI stderr (log, OEP45_DEBUG lines)'] = cli.stderr;
  }
  return { action, cli, texts };
}

/** SARIF of `oep45 check` for the same project, written to a file as a code-scanning upload reads it. */
export async function sarifSurface(dir: string, stdin: string, args: string[]): Promise<string> {
  const file = join(dir, '..', `${dir.split('/').pop()}.sarif`);
  writeFileSync(file, '');
  await runCliProcess(['check', dir, '--format', 'sarif', '--output', file, ...args], { stdin, env: { OEP45_DEBUG: '1' } });
  return readFileSync(file, 'utf8');
}

/**
 * The strings a credential must never be seen as: the password, the Basic credential, their
 * base64, percent- and form-encoded and JSON-escaped forms, each token; and, so that a part of one
 * counts too, every `window`-character stretch of the password, of base64(user:password) and of
 * each token.
 */
export function credentialLeakForms(username: string, password: string, tokens: readonly string[], window = 10): string[] {
  const pair = `${username}:${password}`;
  const b64 = (s: string): string => Buffer.from(s).toString('base64');
  const whole = [
    password,
    JSON.stringify(password).slice(1, -1),
    encodeURIComponent(password),
    encodeURIComponent(password).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()),
    encodeURIComponent(password).replace(/%20/g, '+'),
    b64(password),
    Buffer.from(password).toString('base64url'),
    b64(pair),
    encodeURIComponent(b64(pair)),
    ...tokens,
  ];
  const windows = (s: string): string[] => Array.from({ length: Math.max(0, s.length - window + 1) }, (_, i) => s.slice(i, i + window));
  return [...new Set([...whole, ...windows(password), ...windows(b64(pair)), ...windows(b64(password)), ...tokens.flatMap((t) => windows(t))])];
}

/** Where each forbidden string was found: `surface: …string…`, empty when nowhere. */
export function leaks(texts: Record<string, string>, forbidden: readonly string[]): string[] {
  const found: string[] = [];
  for (const [surface, text] of Object.entries(texts)) {
    for (const form of forbidden) {
      const at = text.indexOf(form);
      if (at >= 0) found.push(`${surface}: …${text.slice(Math.max(0, at - 40), at + form.length + 20)}…`);
    }
  }
  return found;
}

/** A repository on master holding `files` in one commit; its folder is added to `made` for removal. */
export function hostileRepository(files: Record<string, string>, made: string[]): TestRepo {
  const repo = makeRepo({ branch: 'master' });
  made.push(repo.dir);
  for (const [path, text] of Object.entries(files)) repo.write(path, text);
  repo.commit('hostile');
  return repo;
}
