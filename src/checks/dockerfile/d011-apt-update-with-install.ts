// OEP45-D011: a RUN that only does `apt-get update` is cached as its own layer; a later change to
// the `apt-get install` line reuses the old, stale package lists and installs outdated versions
// or fails on packages that were removed from the mirror. Update and install belong in one RUN.

import type { RawFinding, Rule } from '../rule.js';
import { allCommands } from './shell.js';
import { lineMatching, runScript, runs, stageChain, usableDockerfiles, type ParsedDockerfile } from './parse.js';
import { dependencyInstall, isAptUpdate } from './commands.js';

function installs(df: ParsedDockerfile, run: Parameters<typeof runScript>[1]): boolean {
  return allCommands(runScript(df, run).commands).some((c) => dependencyInstall(c)?.manager === 'apt' || (['apt-get', 'apt'].includes(c.name) && /upgrade$/.test(c.args.find((a) => !a.startsWith('-')) ?? '')));
}

function splitUpdates(df: ParsedDockerfile): RawFinding[] {
  const out: RawFinding[] = [];
  for (const run of runs(df)) {
    const commands = allCommands(runScript(df, run).commands);
    if (!commands.some(isAptUpdate) || installs(df, run)) continue;
    // Point at the install that relies on this update, when there is one later on.
    // Stages built on this one (this one included) see its cached lists.
    const later = df.stages
      .filter((s) => stageChain(df, s.index).some((a) => a.index === run.stage))
      .flatMap((s) => s.instructions)
      .filter((i) => i.keyword === 'RUN' && i.line > run.line && installs(df, i))
      .sort((a, b) => a.line - b.line)[0];
    const where = later ? `; the install on line ${later.line} then uses package lists cached with this layer` : '';
    out.push({ message: `apt-get update without apt-get install in the same RUN${where}`, file: df.file, line: lineMatching(df, run, /\bapt(-get)?\s+(-\S+\s+)*update\b/) });
  }
  return out;
}

export const d011AptUpdateWithInstall: Rule = {
  meta: {
    id: 'OEP45-D011',
    title: 'apt-get update in the same RUN as apt-get install',
    severity: 'warning',
    area: 'dockerfile',
    help: 'Join them: `RUN apt-get update && apt-get install -y --no-install-recommends …` (with a cache mount or `rm -rf /var/lib/apt/lists/*`).',
  },
  check(ctx) {
    return usableDockerfiles(ctx).flatMap(splitUpdates);
  },
};
