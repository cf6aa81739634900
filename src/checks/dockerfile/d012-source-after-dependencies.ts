// OEP45-D012: build time is the operators' first pain point. Docker reuses a layer only while
// everything before it is unchanged, so `COPY . .` (or the whole source package) before
// `pip install -r requirements/…` reinstalls every dependency on every code change. Copy the
// dependency manifests first, install, then copy the source.

import type { RawFinding, Rule } from '../rule.js';
import type { CheckContext } from '../context.js';
import { settingsPackages } from '../service-scope.js';
import { allCommands } from './shell.js';
import { argumentsOf, imagesOf, lineOfCommand, runScript, stageChain, usableDockerfiles, type DockerStage, type ParsedDockerfile } from './parse.js';
import { dependencyInstall } from './commands.js';

const WHOLE_CONTEXT = new Set(['.', './', '*', './*', '/']);

/** Top-level folders that hold the service's code: the roots of its settings packages. */
function sourceFolders(ctx: CheckContext, df: ParsedDockerfile): Set<string> {
  const folders = new Set<string>();
  for (const { dir: settings } of settingsPackages(ctx.project)) {
    for (const image of imagesOf(ctx, df.file)) {
      const prefix = image.context === '.' ? '' : `${image.context}/`;
      if (!settings.startsWith(prefix)) continue;
      const top = settings.slice(prefix.length).split('/')[0];
      if (top && top !== '.') folders.add(top);
    }
  }
  return folders;
}

function copiesSource(stage: DockerStage, folders: Set<string>): { line: number; what: string } | undefined {
  for (const instruction of stage.instructions) {
    if (instruction.keyword !== 'COPY' && instruction.keyword !== 'ADD') continue;
    const node = instruction.node as unknown as { getFlags(): { getName(): string }[] };
    if (node.getFlags().some((f) => f.getName() === 'from')) continue;
    const sources = argumentsOf(instruction).slice(0, -1);
    const source = sources.find((s) => WHOLE_CONTEXT.has(s) || folders.has(s.replace(/^\.\//, '').replace(/\/+$/, '')));
    if (source) return { line: instruction.line, what: `${instruction.keyword} ${source}` };
  }
  return undefined;
}

function lateInstalls(ctx: CheckContext, df: ParsedDockerfile): RawFinding[] {
  const out: RawFinding[] = [];
  const folders = sourceFolders(ctx, df);
  for (const stage of df.stages) {
    // The source may have come in with a stage this one is built on.
    const inherited = stageChain(df, stage.index).slice(1).map((s) => copiesSource(s, folders)).find(Boolean);
    let copied = inherited;
    for (const instruction of stage.instructions) {
      if (!copied && (instruction.keyword === 'COPY' || instruction.keyword === 'ADD')) {
        copied = copiesSource({ ...stage, instructions: [instruction] }, folders);
        continue;
      }
      if (!copied || instruction.keyword !== 'RUN') continue;
      const install = allCommands(runScript(df, instruction).commands).find((c) => {
        const dep = dependencyInstall(c);
        return dep !== undefined && !dep.localOnly;
      });
      if (!install) continue;
      out.push({
        message: `${install.name} installs dependencies after ${copied.what} (line ${copied.line}): every source change reinstalls them`,
        file: df.file,
        line: lineOfCommand(df, instruction, install),
      });
    }
  }
  return out;
}

export const d012SourceAfterDependencies: Rule = {
  meta: {
    id: 'OEP45-D012',
    title: 'dependencies installed before the source is copied',
    severity: 'warning',
    area: 'dockerfile',
    help: 'COPY only the dependency manifests (requirements/, package.json, package-lock.json) first, install, and COPY the source after.',
  },
  check(ctx) {
    return usableDockerfiles(ctx).flatMap((df) => lateInstalls(ctx, df));
  },
};
