// OEP45-D006: OEP-45 asks that `docker build .` with no options gives an image that serves most
// users, so every ARG the build uses needs a default. An ARG the operator must choose (a private
// index URL, say) is marked on the line above with `# required: <why>`; docs/rules.md documents it.
//
// The finding is at the ARG (where the default goes) and names its first real use: a reference
// in its stage or, as BuildKit passes ARGs on, in a stage built on it. Its level says what a
// plain build does with the value empty:
//   * error: the build breaks — a FROM names no image (`FROM python:-slim`), or a RUN's command
//     name is the variable;
//   * warning: the image is built with the value empty (an ENV, a RUN argument, EXPOSE, COPY…);
//   * notice: optional by design — every use brings its own fallback (`${X:-}`, `${X:+…}`), or
//     the ARG is only passed to the environment of the RUNs after it (`ARG PIP_INDEX_URL`).

import type { Variable } from 'dockerfile-ast';
import type { RawFinding, Rule } from '../rule.js';
import type { CheckContext } from '../context.js';
import type { Severity } from '../../model/finding.js';
import { column, commentsAbove, imagesOf, runScript, stageChain, usableDockerfiles, type DockerInstruction, type ParsedDockerfile } from './parse.js';
import { allCommands } from './shell.js';

/** Set by BuildKit itself: never need a default. */
const AUTOMATIC = new Set([
  'TARGETPLATFORM', 'TARGETOS', 'TARGETARCH', 'TARGETVARIANT', 'BUILDPLATFORM', 'BUILDOS', 'BUILDARCH', 'BUILDVARIANT', 'TARGETSTAGE',
  'HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'FTP_PROXY', 'ftp_proxy', 'NO_PROXY', 'no_proxy', 'ALL_PROXY', 'all_proxy', 'SOURCE_DATE_EPOCH',
  'BUILDKIT_DOCKERFILE_CHECK', 'BUILDKIT_INLINE_CACHE', 'BUILDKIT_MULTI_PLATFORM', 'BUILDKIT_CONTEXT_KEEP_GIT_DIR', 'BUILDKIT_SANDBOX_HOSTNAME', 'BUILDKIT_CACHE_MOUNT_NS',
]);

/** `# required: <why>` in the comment block right above the ARG. */
export const REQUIRED_MARKER = /^required\s*:/i;

interface Declared {
  name: string;
  value: string | null;
  column: number;
}

interface Use {
  instruction: DockerInstruction;
  variable: Variable;
  stage: number;
}

function declared(instruction: DockerInstruction): Declared[] {
  const node = instruction.node as unknown as { getProperties(): { getName(): string; getValue(): string | null; getNameRange(): { start: { character: number } } }[] };
  return node.getProperties().map((p) => ({ name: p.getName(), value: p.getValue(), column: column(p.getNameRange().start) }));
}

/** `${NAME:-fallback}`, `${NAME-fallback}` or `${NAME:+…}`: the use copes with an unset value. */
function hasFallback(variable: Variable): boolean {
  const modifier = variable.getModifier();
  return modifier === '-' || modifier === '+' || modifier === ':-' || modifier === ':+';
}

/** Where a stage ARG is visible: the rest of its stage, and the stages built on that stage. */
function visibleAfter(df: ParsedDockerfile, instruction: DockerInstruction, name: string): DockerInstruction[] {
  const out: DockerInstruction[] = [];
  for (const stage of df.stages) {
    if (!stageChain(df, stage.index).some((s) => s.index === instruction.stage)) continue;
    for (const i of stage.instructions) {
      if (stage.index === instruction.stage && i.line <= instruction.line) continue;
      // A redeclaration with its own default ends this ARG's reach in that stage.
      if (i.keyword === 'ARG' && declared(i).some((d) => d.name === name && d.value !== null)) break;
      out.push(i);
    }
  }
  return out;
}

function usesOf(instructions: DockerInstruction[], name: string): Use[] {
  return instructions.flatMap((instruction) =>
    instruction.node
      .getVariables()
      .filter((v) => v.getName() === name)
      .map((variable) => ({ instruction, variable, stage: instruction.stage })),
  );
}

/** A RUN whose command name is the variable: empty, the shell runs something else entirely. */
function namesCommand(df: ParsedDockerfile, use: Use, name: string): boolean {
  if (use.instruction.keyword !== 'RUN') return false;
  const mention = new RegExp(`\\$\\{?${name}\\b`);
  return allCommands(runScript(df, use.instruction).commands).some((c) => mention.test(c.program));
}

function stageName(df: ParsedDockerfile, index: number): string {
  const stage = df.stages[index];
  return stage?.name ? `stage ${stage.name}` : `stage ${index + 1}`;
}

function finding(ctx: CheckContext, df: ParsedDockerfile, instruction: DockerInstruction, arg: Declared, use: string, severity: Severity): RawFinding {
  const passing = imagesOf(ctx, df.file).filter((i) => arg.name in i.buildArgs).map((i) => i.name);
  const note = passing.length ? ` (the image config passes it for ${passing.join(', ')}, but a plain \`docker build\` does not)` : '';
  const raw: RawFinding = { message: `ARG ${arg.name} has no default but ${use}${note}`, file: df.file, line: instruction.line, column: arg.column, severity };
  return raw;
}

function argsIn(ctx: CheckContext, df: ParsedDockerfile): RawFinding[] {
  const out: RawFinding[] = [];
  const froms = df.stages.map((s) => df.instructions.find((i) => i.node === s.from)!).filter(Boolean);
  const reportedGlobals = new Set<string>();
  for (const instruction of df.instructions.filter((i) => i.keyword === 'ARG')) {
    if (commentsAbove(df, instruction.line).some((c) => REQUIRED_MARKER.test(c))) continue;
    for (const arg of declared(instruction)) {
      if (arg.value !== null || AUTOMATIC.has(arg.name)) continue;
      if (instruction.stage < 0) {
        // A global ARG is only visible to FROM lines (a stage must redeclare it to use it).
        const all = usesOf(froms, arg.name);
        const uses = all.filter((u) => !hasFallback(u.variable));
        if (uses.length) {
          reportedGlobals.add(arg.name);
          out.push({
            ...finding(ctx, df, instruction, arg, `FROM on line ${uses[0]!.instruction.line} uses it: a plain build names no base image`, 'error'),
            equivalent: { buildkit: 'InvalidDefaultArgInFrom' },
          });
        } else if (all.length) {
          out.push(finding(ctx, df, instruction, arg, `every use brings its own fallback (FROM on line ${all[0]!.instruction.line}): optional by design`, 'notice'));
        }
        continue;
      }
      const inherited = df.globalArgs.get(arg.name);
      if (inherited !== undefined && inherited !== null) continue;
      if (reportedGlobals.has(arg.name)) continue; // the global declaration is reported already
      const after = visibleAfter(df, instruction, arg.name);
      const uses = usesOf(after, arg.name);
      const real = uses.filter((u) => !hasFallback(u.variable) && !(u.instruction.keyword === 'ARG'));
      const where = (u: Use): string => `${u.instruction.keyword} on line ${u.instruction.line}${u.stage !== instruction.stage ? ` (${stageName(df, u.stage)}, built on this one)` : ''}`;
      if (real.length) {
        const breaking = real.find((u) => namesCommand(df, u, arg.name));
        if (breaking) out.push(finding(ctx, df, instruction, arg, `${where(breaking)} runs it as a command: a plain build runs something else`, 'error'));
        else out.push(finding(ctx, df, instruction, arg, `${where(real[0]!)} uses it: a plain build makes the image with it empty`, 'warning'));
        continue;
      }
      if (uses.length) {
        out.push(finding(ctx, df, instruction, arg, `every use brings its own fallback (${where(uses[0]!)}): optional by design`, 'notice'));
        continue;
      }
      const run = after.find((i) => i.keyword === 'RUN');
      if (run) out.push(finding(ctx, df, instruction, arg, `it is only passed to the environment of the RUNs after it (line ${run.line}): a tool that reads it finds it unset`, 'notice'));
    }
  }
  return out;
}

export const d006ArgDefaults: Rule = {
  meta: {
    id: 'OEP45-D006',
    title: 'every ARG used has a default',
    severity: 'error',
    area: 'dockerfile',
    help: 'Give the ARG a default that serves most users (`ARG NAME=value`), or, when the operator must choose it, say so on the line above: `# required: <why>`.',
  },
  check(ctx) {
    return usableDockerfiles(ctx).flatMap((df) => argsIn(ctx, df));
  },
};
