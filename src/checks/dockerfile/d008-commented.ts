// OEP45-D008: OEP-45 asks for a Dockerfile an operator can read and adapt: each stage and each
// non-trivial RUN says why it is there in a comment. A RUN is non-trivial when it runs more than
// one command (`&&`, `;`, a pipe), spans several lines or uses a heredoc. Dockerfiles document
// the way services write them:
//   * a comment block right above the instruction, or above the group of instructions it is in
//     (instructions on consecutive lines: `# Install watchman` over four RUNs, a comment over a
//     COPY+RUN pair), or above that group with one blank line between (a header: "# Packages
//     installed: …");
//   * comments inside the RUN's continuation lines (one per package, the OEP-45 way of saying
//     why each system dependency is there);
//   * for a stage, a comment block right below its FROM, or the file's header above the first;
//     the stage's comment also explains its first step (right below the FROM, or one blank line down);
//   * a named variant of an earlier stage of the same file (`FROM app AS prod`, `FROM app AS dev`,
//     `FROM prod AS kubernetes`, as course-discovery, credentials and the IDAs write them) is said
//     by its name and its base: it needs no comment of its own, only its non-trivial RUNs do. A
//     stage from an outside image, or an unnamed one, still says what it is for.
// A suppression or a linter directive (`# oep45-ignore …`, `# hadolint …`, `# check=…`) is no
// explanation.

import type { RawFinding, Rule } from '../rule.js';
import { runScript, runs, usableDockerfiles, type DockerInstruction, type ParsedDockerfile } from './parse.js';

const DIRECTIVE = /^(oep45-ignore|hadolint\s|(syntax|escape|check)\s*=)/i;

export function nonTrivial(df: ParsedDockerfile, run: DockerInstruction): boolean {
  if (run.endLine > run.line) return true;
  return runScript(df, run).commands.length > 1;
}

/** Whether line n (1-based) is a comment that explains something. */
function explaining(df: ParsedDockerfile, n: number): boolean {
  if (!df.commentLines.has(n)) return false;
  const text = (df.lines[n - 1] ?? '').trim().replace(/^#\s?/, '').trim();
  return text !== '' && !DIRECTIVE.test(text);
}

/** Whether the comment block that ends on line n holds an explanation. */
function blockAbove(df: ParsedDockerfile, n: number): boolean {
  for (let k = n; k >= 1 && df.commentLines.has(k); k--) if (explaining(df, k)) return true;
  return false;
}

function blank(df: ParsedDockerfile, n: number): boolean {
  return n >= 1 && (df.lines[n - 1] ?? '').trim() === '';
}

/** The instruction whose lines include n, if any. */
function instructionAt(df: ParsedDockerfile, n: number): DockerInstruction | undefined {
  return df.instructions.find((i) => i.line <= n && n <= i.endLine);
}

/**
 * Whether the group of consecutive instructions `instruction` is in has a comment above it (or a
 * header one blank line up). A group starts after a FROM: the stage's comment says what the stage
 * is for, and explains only the instruction right below it.
 */
function groupExplained(df: ParsedDockerfile, instruction: DockerInstruction): boolean {
  let n = instruction.line - 1;
  for (let above = instructionAt(df, n); above; above = instructionAt(df, n)) {
    if (above.keyword === 'FROM') return instruction.keyword !== 'FROM' && instruction.line === above.endLine + 1 && groupExplained(df, above);
    n = above.line - 1;
  }
  if (blockAbove(df, n)) return true;
  if (blank(df, n) && !blank(df, n - 1) && blockAbove(df, n - 1)) return true;
  // The stage's first step, a blank line below its FROM, shares the stage's comment.
  const from = blank(df, n) ? instructionAt(df, n - 1) : undefined;
  return instruction.keyword !== 'FROM' && from?.keyword === 'FROM' && from.endLine === n - 1 && groupExplained(df, from);
}

function runExplained(df: ParsedDockerfile, run: DockerInstruction): boolean {
  for (let n = run.line + 1; n <= run.endLine; n++) if (explaining(df, n)) return true;
  return groupExplained(df, run);
}

function stageExplained(df: ParsedDockerfile, from: DockerInstruction, first: boolean): boolean {
  if (groupExplained(df, from)) return true;
  // A comment block right below the FROM (one blank line between at most).
  const below = from.endLine + 1;
  if (explaining(df, below) || (blank(df, below) && explaining(df, below + 1))) return true;
  // The file's header, above the first stage (blank lines between are fine).
  if (first) {
    let n = from.line - 1;
    while (n >= 1 && blank(df, n)) n--;
    return n >= 1 && !instructionAt(df, n) && blockAbove(df, n);
  }
  return false;
}

function uncommented(df: ParsedDockerfile): RawFinding[] {
  const out: RawFinding[] = [];
  df.stages.forEach((stage, index) => {
    const from = df.instructions.find((i) => i.node === stage.from)!;
    const namedVariant = stage.name !== undefined && stage.parent !== undefined;
    if (!namedVariant && !stageExplained(df, from, index === 0)) {
      const name = stage.name ? `stage "${stage.name}"` : `stage ${stage.index + 1}`;
      out.push({ message: `${name} (FROM ${stage.from.getImage() ?? ''}) has no comment above it saying what it is for`, file: df.file, line: stage.line });
    }
  });
  for (const run of runs(df)) {
    if (nonTrivial(df, run) && !runExplained(df, run)) {
      out.push({ message: 'this RUN does several things and has no comment above it saying why', file: df.file, line: run.line, endLine: run.endLine });
    }
  }
  return out;
}

export const d008Commented: Rule = {
  meta: {
    id: 'OEP45-D008',
    title: 'stages and non-trivial RUNs are commented',
    severity: 'warning',
    area: 'dockerfile',
    help: 'Write a comment on the line right above the instruction (or above its group of instructions) that says why it is there: what the stage is for, why these packages or steps are needed.',
  },
  check(ctx) {
    return usableDockerfiles(ctx).flatMap(uncommented);
  },
};
