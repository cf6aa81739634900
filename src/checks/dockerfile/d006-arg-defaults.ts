// OEP45-D006: OEP-45 asks that `docker build .` with no options gives an image that serves most
// users, so every ARG the build uses needs a default. An ARG the operator must choose (a private
// index URL, say) is marked on the line above with `# required: <why>`; docs/rules.md documents it.
// "Used" means referenced as $NAME / ${NAME} after its declaration, or — since ARGs are in the
// environment of every later RUN of their stage — followed by a RUN in that stage.

import type { Variable } from 'dockerfile-ast';
import type { RawFinding, Rule } from '../rule.js';
import type { CheckContext } from '../context.js';
import { column, commentsAbove, imagesOf, usableDockerfiles, type DockerInstruction, type ParsedDockerfile } from './parse.js';

/** Set by BuildKit itself: never need a default. */
const AUTOMATIC = new Set([
  'TARGETPLATFORM', 'TARGETOS', 'TARGETARCH', 'TARGETVARIANT', 'BUILDPLATFORM', 'BUILDOS', 'BUILDARCH', 'BUILDVARIANT', 'TARGETSTAGE',
  'HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'FTP_PROXY', 'ftp_proxy', 'NO_PROXY', 'no_proxy', 'ALL_PROXY', 'all_proxy', 'SOURCE_DATE_EPOCH',
]);

/** `# required: <why>` in the comment block right above the ARG. */
export const REQUIRED_MARKER = /^required\s*:/i;

interface Declared {
  name: string;
  value: string | null;
  column: number;
}

function declared(instruction: DockerInstruction): Declared[] {
  const node = instruction.node as unknown as { getProperties(): { getName(): string; getValue(): string | null; getNameRange(): { start: { character: number } } }[] };
  return node.getProperties().map((p) => ({ name: p.getName(), value: p.getValue(), column: column(p.getNameRange().start) }));
}

function referencesTo(instructions: DockerInstruction[], name: string): { instruction: DockerInstruction; variable: Variable }[] {
  return instructions.flatMap((instruction) =>
    instruction.node
      .getVariables()
      .filter((v) => v.getName() === name)
      .map((variable) => ({ instruction, variable })),
  );
}

/** `${NAME:-fallback}` or `${NAME-fallback}` supplies its own default. */
function hasFallback(variable: Variable): boolean {
  return variable.getModifier() === '-' && (variable.getSubstitutionParameter() ?? '') !== '';
}

function finding(ctx: CheckContext, df: ParsedDockerfile, instruction: DockerInstruction, arg: Declared, use: string): RawFinding {
  const passing = imagesOf(ctx, df.file).filter((i) => arg.name in i.buildArgs).map((i) => i.name);
  const note = passing.length ? ` (the image config passes it for ${passing.join(', ')}, but a plain \`docker build\` does not)` : '';
  return { message: `ARG ${arg.name} has no default but ${use}${note}`, file: df.file, line: instruction.line, column: arg.column };
}

function argsIn(ctx: CheckContext, df: ParsedDockerfile): RawFinding[] {
  const out: RawFinding[] = [];
  const froms = df.stages.map((s) => df.instructions.find((i) => i.node === s.from)!).filter(Boolean);
  for (const instruction of df.instructions.filter((i) => i.keyword === 'ARG')) {
    if (commentsAbove(df, instruction.line).some((c) => REQUIRED_MARKER.test(c))) continue;
    for (const arg of declared(instruction)) {
      if (arg.value !== null || AUTOMATIC.has(arg.name)) continue;
      if (instruction.stage < 0) {
        // A global ARG is only visible to FROM lines (a stage must redeclare it to use it).
        const uses = referencesTo(froms, arg.name);
        if (uses.length && !uses.every((u) => hasFallback(u.variable))) {
          out.push(finding(ctx, df, instruction, arg, `FROM on line ${uses[0]!.instruction.line} uses it`));
        }
        continue;
      }
      const inherited = df.globalArgs.get(arg.name);
      if (inherited !== undefined && inherited !== null) continue;
      const stage = df.stages[instruction.stage]!;
      const after = stage.instructions.filter((i) => i.line > instruction.line);
      const uses = referencesTo(after, arg.name);
      if (uses.length) {
        if (!uses.every((u) => hasFallback(u.variable))) out.push(finding(ctx, df, instruction, arg, `line ${uses[0]!.instruction.line} uses it`));
        continue;
      }
      const run = after.find((i) => i.keyword === 'RUN');
      if (run) out.push(finding(ctx, df, instruction, arg, `it is in the environment of RUN on line ${run.line}`));
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
