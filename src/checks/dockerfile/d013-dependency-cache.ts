// OEP45-D013: a package manager's download cache either bloats the layer (pip keeps every wheel
// in ~/.cache/pip, apt keeps its lists) or, with a BuildKit cache mount, speeds up the next
// build. Each dependency install should do one of the two: `RUN --mount=type=cache,target=…`
// (best: faster rebuilds) or turn the cache off / clean it in the same RUN (`pip
// --no-cache-dir`, `PIP_NO_CACHE_DIR`, `rm -rf /var/lib/apt/lists/*`, `npm cache clean --force`).
// A builder stage, whose files other stages copy, may keep its caches: they never reach the
// image (hadolint's DL3009 makes the same exception).

import type { RawFinding, Rule } from '../rule.js';
import { allCommands } from './shell.js';
import { lineOfCommand, runScript, runs, stageChain, usableDockerfiles, type ParsedDockerfile } from './parse.js';
import type { CheckContext } from '../context.js';
import { builderStages } from './stages.js';
import { cleansCache, dependencyInstall, disablesCache, type PackageManager } from './commands.js';

/** hadolint's rule for the same thing, per package manager. */
const HADOLINT: Partial<Record<PackageManager, string>> = { pip: 'DL3042', apt: 'DL3009', apk: 'DL3019', yarn: 'DL3060' };

const ADVICE: Record<PackageManager, string> = {
  pip: 'add `--mount=type=cache,target=/root/.cache/pip` to the RUN, or `--no-cache-dir` to pip',
  uv: 'add `--mount=type=cache,target=/root/.cache/uv` to the RUN, or `--no-cache` to uv',
  pipenv: 'add `--mount=type=cache,target=/root/.cache` to the RUN, or set PIP_NO_CACHE_DIR=1',
  poetry: 'add `--mount=type=cache,target=/root/.cache/pypoetry` to the RUN, or `--no-cache` to poetry',
  npm: 'add `--mount=type=cache,target=/root/.npm` to the RUN, or `&& npm cache clean --force`',
  yarn: 'add `--mount=type=cache,target=/usr/local/share/.cache/yarn` to the RUN, or `&& yarn cache clean`',
  pnpm: 'add `--mount=type=cache,target=/root/.local/share/pnpm/store` to the RUN, or `&& pnpm store prune`',
  apt: 'add `--mount=type=cache,target=/var/cache/apt` and `--mount=type=cache,target=/var/lib/apt/lists` to the RUN, or `&& rm -rf /var/lib/apt/lists/*`',
  apk: 'add `--no-cache` to apk add, or `--mount=type=cache,target=/var/cache/apk`',
};

/** Environment variables that turn a cache off for the whole stage. */
const CACHE_OFF_ENV: Partial<Record<PackageManager, string[]>> = {
  pip: ['PIP_NO_CACHE_DIR'],
  pipenv: ['PIP_NO_CACHE_DIR', 'PIPENV_NO_CACHE'],
  uv: ['UV_NO_CACHE'],
  poetry: ['POETRY_NO_CACHE'],
};

function envNames(df: ParsedDockerfile, stageIndex: number, beforeLine: number): Set<string> {
  const names = new Set<string>();
  for (const stage of stageChain(df, stageIndex)) {
    for (const i of stage.instructions) {
      if ((i.keyword === 'ENV' || i.keyword === 'ARG') && i.line < beforeLine) {
        const node = i.node as unknown as { getProperties(): { getName(): string; getValue(): string | null }[] };
        for (const p of node.getProperties()) {
          const value = (p.getValue() ?? '').toLowerCase();
          if (value !== '' && value !== '0' && value !== 'false' && value !== 'off') names.add(p.getName());
        }
      }
    }
  }
  return names;
}

function uncachedInstalls(ctx: CheckContext, df: ParsedDockerfile): RawFinding[] {
  const out: RawFinding[] = [];
  const builders = builderStages(ctx, df);
  for (const run of runs(df)) {
    if (builders.has(run.stage)) continue;
    const script = runScript(df, run);
    if (script.mounts.some((m) => m.type === 'cache')) continue;
    const commands = allCommands(script.commands);
    const reported = new Set<PackageManager>();
    commands.forEach((command, position) => {
      const install = dependencyInstall(command);
      if (!install || reported.has(install.manager)) return;
      if (disablesCache(command, install.manager)) return;
      if (commands.slice(position + 1).some((c) => cleansCache(c, install.manager))) return;
      const env = CACHE_OFF_ENV[install.manager];
      if (env && env.some((name) => envNames(df, run.stage, run.line).has(name))) return;
      reported.add(install.manager);
      // A clean-up in a later RUN frees nothing: the cache is already in this RUN's layer.
      const later = runs(df).find((r) => r.stage === run.stage && r.line > run.line && allCommands(runScript(df, r).commands).some((c) => cleansCache(c, install.manager)));
      out.push({
        message: `${command.name} installs without a cache mount and keeps its download cache in the layer${later ? ` (the clean-up on line ${later.line} runs in a later layer, which frees nothing)` : ''}`,
        file: df.file,
        line: lineOfCommand(df, run, command),
        help: `To fix: ${ADVICE[install.manager]}.`,
        ...(HADOLINT[install.manager] ? { equivalent: { hadolint: [HADOLINT[install.manager]!] } } : {}),
      });
    });
  }
  return out;
}

export const d013DependencyCache: Rule = {
  meta: {
    id: 'OEP45-D013',
    title: 'dependency installs use a cache mount or no cache',
    severity: 'warning',
    area: 'dockerfile',
    help: 'Add a BuildKit cache mount (`RUN --mount=type=cache,target=/root/.cache/pip pip install …`) or turn the cache off (`pip install --no-cache-dir`, `rm -rf /var/lib/apt/lists/*`).',
  },
  check(ctx) {
    return usableDockerfiles(ctx).flatMap((df) => uncachedInstalls(ctx, df));
  },
};
