// OEP45-D004: `curl … | sh` runs whatever a server sends at build time: unreviewed, unpinned, and
// different from one build to the next (or hostile). The same holds for `sh -c "$(curl …)"`,
// `bash <(wget -O- …)` and `eval "$(curl …)"`. OEP-45 wants images built from reviewed sources.

import type { RawFinding, Rule } from '../rule.js';
import { allCommands, type ShellCommand } from './shell.js';
import { lineMatching, runScript, runs, usableDockerfiles, type ParsedDockerfile } from './parse.js';
import { isDownloader, isInterpreter } from './commands.js';

/** The downloader whose output an interpreter runs, if any: through a pipe or a substitution. */
function pipedDownload(commands: ShellCommand[]): { downloader: ShellCommand; interpreter: ShellCommand } | undefined {
  const all = allCommands(commands);
  for (const interpreter of all.filter(isInterpreter)) {
    // Earlier commands in the same pipeline (`curl … | tee x | sh`).
    // An interpreter given its program inline (`python3 -c '…json.load(sys.stdin)…'`) reads the
    // download as data, not as code.
    const inlineProgram = interpreter.args.some((a) => a === '-c' || a === '-e' || a === '-p');
    const upstream = all.find((c) => c.pipeline === interpreter.pipeline && c.index < interpreter.index && isDownloader(c));
    if (upstream && !inlineProgram) return { downloader: upstream, interpreter };
    // `sh -c "$(curl …)"`, `bash <(curl …)`, `eval "$(wget -O- …)"`.
    const substituted = allCommands(interpreter.substitutions).find(isDownloader);
    if (substituted) return { downloader: substituted, interpreter };
  }
  return undefined;
}

function pipesIn(df: ParsedDockerfile): RawFinding[] {
  const out: RawFinding[] = [];
  for (const run of runs(df)) {
    const found = pipedDownload(runScript(df, run).commands);
    if (!found) continue;
    const { downloader, interpreter } = found;
    out.push({
      message: `a script downloaded with ${downloader.name} is run by ${interpreter.name} without being kept or reviewed`,
      file: df.file,
      line: lineMatching(df, run, new RegExp(`\\b${downloader.name}\\b`)),
    });
  }
  return out;
}

export const d004NoPipeToShell: Rule = {
  meta: {
    id: 'OEP45-D004',
    title: 'no downloaded script piped into a shell',
    severity: 'error',
    area: 'dockerfile',
    help: 'Install the tool from a package (apt-get, pip, npm) pinned to a version, or commit the installer script to the repository, COPY it and run it.',
  },
  check(ctx) {
    return usableDockerfiles(ctx).flatMap(pipesIn);
  },
};
