// What a shell command does, in the terms the Dockerfile rules use: downloads something, runs an
// interpreter, installs dependencies with a package manager.

import { hasOption, operands, type ShellCommand } from './shell.js';

const DOWNLOADERS = new Set(['curl', 'wget', 'fetch', 'aria2c', 'http', 'https']);
/** Shells and language interpreters; `python${PYTHON_VERSION}` (no default to expand it) is a python too. */
const INTERPRETER = /^(sh|bash|dash|ash|zsh|ksh|mksh|fish|csh|tcsh|(python|pypy|perl|ruby|php)([\d.]+|\$\{?[A-Za-z_]\w*\}?)?|node|nodejs|deno|bun|source|\.|eval)$/;

export function isDownloader(command: ShellCommand): boolean {
  return DOWNLOADERS.has(command.name);
}

export function isInterpreter(command: ShellCommand): boolean {
  return INTERPRETER.test(command.name);
}

export type PackageManager = 'pip' | 'uv' | 'pipenv' | 'poetry' | 'npm' | 'yarn' | 'pnpm' | 'apt' | 'apk';

export interface DependencyInstall {
  manager: PackageManager;
  /** Installs only the project itself from local paths (`pip install -e .`), which needs the source. */
  localOnly: boolean;
}

const PIP = /^pip[\d.]*$/;
const PYTHON = /^python[\d.]*$/;

/** `pip …`, `python -m pip …`, `uv pip …`: the pip sub-command and its arguments. */
function pipArgs(command: ShellCommand): string[] | undefined {
  if (PIP.test(command.name)) return command.args;
  if (PYTHON.test(command.name)) {
    const m = command.args.indexOf('-m');
    if (m !== -1 && command.args[m + 1] === 'pip') return command.args.slice(m + 2);
  }
  return undefined;
}

const LOCAL_PATH = /^(\.|\.\/.*|\/.*|\.\.\/.*|\.\[.*\]|file:.*)$/;

function localOnlyPip(args: string[]): boolean {
  const rest = args.slice(1);
  if (rest.some((a) => a === '-r' || a.startsWith('--requirement') || a.startsWith('-r') || a === '-c')) return false;
  // Operands: words after `install` that are not options nor option values (`-e .`).
  const targets = rest.filter((a, i) => !a.startsWith('-') && !['--index-url', '-i', '--extra-index-url', '--target', '-t', '--prefix', '--root'].includes(rest[i - 1] ?? ''));
  return targets.length > 0 && targets.every((t) => LOCAL_PATH.test(t));
}

export function dependencyInstall(command: ShellCommand): DependencyInstall | undefined {
  const pip = pipArgs(command);
  if (pip && pip[0] === 'install') return { manager: 'pip', localOnly: localOnlyPip(pip) };
  if (command.name === 'pip-sync') return { manager: 'pip', localOnly: false };
  const [sub] = command.args;
  switch (command.name) {
    case 'uv':
      if (sub === 'pip' && command.args[1] === 'install') return { manager: 'uv', localOnly: localOnlyPip(command.args.slice(1)) };
      if (sub === 'sync') return { manager: 'uv', localOnly: false };
      return undefined;
    case 'pipenv':
      return sub === 'install' || sub === 'sync' ? { manager: 'pipenv', localOnly: false } : undefined;
    case 'poetry':
      return sub === 'install' ? { manager: 'poetry', localOnly: false } : undefined;
    case 'npm':
      return sub === 'ci' || sub === 'install' || sub === 'i' ? { manager: 'npm', localOnly: false } : undefined;
    case 'yarn':
      return sub === undefined || sub === 'install' || (sub.startsWith('-') && !command.args.some((a) => !a.startsWith('-')))
        ? { manager: 'yarn', localOnly: false }
        : undefined;
    case 'pnpm':
      return sub === 'install' || sub === 'i' ? { manager: 'pnpm', localOnly: false } : undefined;
    case 'apt-get':
    case 'apt':
    case 'aptitude':
      return operands(command)[0] === 'install' ? { manager: 'apt', localOnly: false } : undefined;
    case 'apk':
      return sub === 'add' ? { manager: 'apk', localOnly: false } : undefined;
    default:
      return undefined;
  }
}

/** `apt-get update` (or `apt update`). */
export function isAptUpdate(command: ShellCommand): boolean {
  return ['apt-get', 'apt', 'aptitude'].includes(command.name) && operands(command)[0] === 'update';
}

/** Whether a command says not to keep a download cache (`pip --no-cache-dir`, `apk --no-cache`, …). */
export function disablesCache(command: ShellCommand, manager: PackageManager): boolean {
  switch (manager) {
    case 'pip':
      return hasOption(command, '--no-cache-dir') || 'PIP_NO_CACHE_DIR' in command.assignments;
    case 'uv':
      return hasOption(command, '--no-cache', '-n') || 'UV_NO_CACHE' in command.assignments;
    case 'pipenv':
      return 'PIP_NO_CACHE_DIR' in command.assignments || 'PIPENV_NO_CACHE' in command.assignments;
    case 'poetry':
      return hasOption(command, '--no-cache');
    case 'apk':
      return hasOption(command, '--no-cache');
    default:
      return false;
  }
}

/** A later command in the same RUN that empties the manager's cache (`npm cache clean`, `rm -rf /var/lib/apt/lists/*`). */
export function cleansCache(command: ShellCommand, manager: PackageManager): boolean {
  const args = command.args;
  switch (manager) {
    case 'npm':
      return command.name === 'npm' && args[0] === 'cache' && args[1] === 'clean';
    case 'yarn':
      return command.name === 'yarn' && args[0] === 'cache' && args[1] === 'clean';
    case 'pnpm':
      return command.name === 'pnpm' && args[0] === 'store' && args[1] === 'prune';
    case 'pip':
    case 'pipenv':
    case 'poetry':
    case 'uv':
      return (
        (PIP.test(command.name) && args[0] === 'cache' && args[1] === 'purge') ||
        (command.name === 'uv' && args[0] === 'cache' && args[1] === 'clean') ||
        (command.name === 'rm' && args.some((a) => /\/\.cache(\/pip|\/uv)?\/?\*?$/.test(a)))
      );
    case 'apt':
      // `apt-get clean` alone leaves the package lists (tens of MB) in the layer; removing them
      // (or all of /var/lib/apt, as edx-platform's Dockerfile does) empties the cache.
      return command.name === 'rm' && args.some((a) => /^\/var\/lib\/apt(\/(lists)?)?(\/\*?)?$/.test(a) || a.startsWith('/var/lib/apt/lists'));
    case 'apk':
      return command.name === 'rm' && args.some((a) => a.startsWith('/var/cache/apk'));
    default:
      return false;
  }
}
