// OEP45-D005: a script the build runs must be reviewable in the repository: copied from the build
// context, not fetched while building (`curl -o install.sh … && sh install.sh`, `ADD https://…/x.sh`
// then `RUN /x.sh`, `git clone …` then running a script from the clone). A download can change
// or disappear between two builds of the same commit; OEP-45 wants the image to follow from the
// repository. (Piping a download straight into a shell is OEP45-D004.)

import type { RawFinding, Rule } from '../rule.js';
import { allCommands, operands, type ShellCommand } from './shell.js';
import { argumentsOf, lineMatching, runScript, stageChain, usableDockerfiles, type DockerInstruction, type ParsedDockerfile } from './parse.js';
import { isInterpreter } from './commands.js';

const URL = /^(https?|ftp):\/\//i;
const GIT_URL = /^(git@[^:]+:|ssh:\/\/|git:\/\/|https?:\/\/.*\.git(#.*)?$)/i;
const SCRIPT = /\.(sh|bash|zsh|py|pl|rb|js|mjs|php)$/i;

interface Origin {
  line: number;
  how: string;
}

function basename(path: string): string {
  const clean = path.replace(/[?#].*$/, '').replace(/\/+$/, '');
  return clean.slice(clean.lastIndexOf('/') + 1);
}

/** Files a downloader writes: `curl -o f`, `curl -O url`, `wget url`, `wget -O f`, `curl url > f`. */
function downloadedFiles(command: ShellCommand): string[] {
  const urls = command.args.filter((a) => URL.test(a));
  if (!urls.length) return [];
  const files: string[] = [...command.redirects];
  const args = command.args;
  if (command.name === 'curl') {
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      if (a === '--output' || (/^-[A-Za-z]*o$/.test(a) && !a.startsWith('--'))) files.push(args[i + 1] ?? '');
      else if (a.startsWith('--output=')) files.push(a.slice('--output='.length));
      else if (/^-o./.test(a)) files.push(a.slice(2));
      else if (a === '--remote-name' || (/^-[A-Za-z]*O[A-Za-z]*$/.test(a) && !a.startsWith('--'))) files.push(...urls.map(basename));
    }
  } else if (command.name === 'wget') {
    let named = false;
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      if (a === '--output-document' || (/^-[A-Za-z]*O$/.test(a) && !a.startsWith('--'))) {
        files.push(args[i + 1] ?? '');
        named = true;
      } else if (a.startsWith('--output-document=')) {
        files.push(a.slice('--output-document='.length));
        named = true;
      } else if (/^-O./.test(a)) {
        files.push(a.slice(2));
        named = true;
      }
    }
    if (!named) files.push(...urls.map(basename));
  }
  return files.filter((f) => f && f !== '-' && !f.startsWith('/dev/'));
}

/** The folder `git clone <url> [dir]` creates. */
function clonedDir(command: ShellCommand): string | undefined {
  if (command.name !== 'git' || command.args[0] !== 'clone') return undefined;
  const words = operands({ ...command, args: command.args.slice(1) }).filter((w) => !/^\d+$/.test(w));
  const url = words.find((w) => URL.test(w) || GIT_URL.test(w));
  if (!url) return undefined;
  const after = words[words.indexOf(url) + 1];
  return (after ?? basename(url).replace(/\.git$/, '')).replace(/\/+$/, '');
}

/** The file a command runs as a script: `./x.sh`, `/tmp/x.sh`, `sh x`, `python3 tool/x.py`. */
function scriptRun(command: ShellCommand): string | undefined {
  if (isInterpreter(command)) {
    // `sh -c '…'`, `bash -lc '…'`, `python3 -c '…'`: the program is inline, not a file.
    if (command.args.some((a) => /^-[A-Za-z]*c$/.test(a) || a === '-e')) return undefined;
    return operands(command)[0];
  }
  if (command.program.includes('/') && SCRIPT.test(command.program)) return command.program;
  if (command.program.startsWith('./')) return command.program;
  return undefined;
}

function inDir(path: string, dir: string): boolean {
  const clean = path.replace(/^\.\//, '');
  return clean === dir || clean.startsWith(`${dir}/`) || (dir.startsWith('/') && path.startsWith(`${dir}/`));
}

function checkStage(df: ParsedDockerfile, instructions: DockerInstruction[], downloads: Map<string, Origin>, clones: Map<string, Origin>, out: RawFinding[]): void {
  for (const instruction of instructions) {
    if (instruction.keyword === 'ADD') {
      const args = argumentsOf(instruction);
      const dest = args[args.length - 1] ?? '';
      for (const src of args.slice(0, -1)) {
        if (GIT_URL.test(src)) clones.set(dest.replace(/\/+$/, ''), { line: instruction.line, how: 'ADD of a git repository' });
        else if (URL.test(src)) downloads.set(dest.endsWith('/') ? basename(src) : basename(dest), { line: instruction.line, how: 'ADD from a URL' });
      }
      continue;
    }
    if (instruction.keyword === 'COPY') {
      // A file copied from the context replaces a download of the same name.
      for (const arg of argumentsOf(instruction)) downloads.delete(basename(arg));
      continue;
    }
    if (instruction.keyword !== 'RUN') continue;
    let cwdClone: Origin | undefined;
    for (const command of allCommands(runScript(df, instruction).commands)) {
      if (command.name === 'cd') {
        const target = operands(command)[0] ?? '';
        const clone = [...clones.entries()].find(([dir]) => inDir(target, dir));
        cwdClone = clone?.[1];
        continue;
      }
      const script = scriptRun(command);
      if (script) {
        const origin =
          downloads.get(basename(script)) ??
          [...clones.entries()].find(([dir]) => inDir(script, dir))?.[1] ??
          (cwdClone && !script.startsWith('/') ? cwdClone : undefined);
        if (origin && (SCRIPT.test(script) || isInterpreter(command) || script.startsWith('./'))) {
          out.push({
            message: `runs ${script}, which the build fetched (${origin.how}, line ${origin.line}) instead of taking it from the build context`,
            file: df.file,
            line: lineMatching(df, instruction, new RegExp(basename(script).replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))),
          });
        }
      }
      for (const file of downloadedFiles(command)) downloads.set(basename(file), { line: instruction.line, how: `downloaded with ${command.name}` });
      const dir = clonedDir(command);
      if (dir) clones.set(dir, { line: instruction.line, how: 'git clone' });
    }
  }
}

function scriptsIn(df: ParsedDockerfile): RawFinding[] {
  const out: RawFinding[] = [];
  for (const stage of df.stages) {
    // Files fetched in a parent stage are still there in the stages built on it.
    const downloads = new Map<string, Origin>();
    const clones = new Map<string, Origin>();
    const ancestors = stageChain(df, stage.index).slice(1).reverse();
    // Replay the ancestors only to learn what they fetched: their findings come with their own stage.
    const sink: RawFinding[] = [];
    for (const ancestor of ancestors) checkStage(df, ancestor.instructions, downloads, clones, sink);
    checkStage(df, stage.instructions, downloads, clones, out);
  }
  return out;
}

export const d005ScriptsFromContext: Rule = {
  meta: {
    id: 'OEP45-D005',
    title: 'scripts run by RUN come from the build context',
    severity: 'error',
    area: 'dockerfile',
    help: 'Commit the script to the repository and COPY it into the image before running it; install third-party tools from pinned packages.',
  },
  check(ctx) {
    return usableDockerfiles(ctx).flatMap(scriptsIn);
  },
};
