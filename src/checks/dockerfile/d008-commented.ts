// OEP45-D008: OEP-45 asks for a Dockerfile an operator can read and adapt: each stage and each
// non-trivial RUN says why it is there in a comment right above it (no blank line between). A
// RUN is non-trivial when it runs more than one command (`&&`, `;`, a pipe), spans several lines
// or uses a heredoc. A suppression comment (`# oep45-ignore …`) does not count as an explanation.
// A RUN right below a commented FROM (no blank line) shares the stage's comment: that comment
// usually says what the stage's first step does.

import type { RawFinding, Rule } from '../rule.js';
import { commentsAbove, runScript, runs, usableDockerfiles, type DockerInstruction, type ParsedDockerfile } from './parse.js';

const SUPPRESSION = /^oep45-ignore/i;

function explained(df: ParsedDockerfile, line: number): boolean {
  return commentsAbove(df, line).some((c) => c.trim() !== '' && !SUPPRESSION.test(c.trim()));
}

export function nonTrivial(df: ParsedDockerfile, run: DockerInstruction): boolean {
  if (run.endLine > run.line) return true;
  return runScript(df, run).commands.length > 1;
}

function uncommented(df: ParsedDockerfile): RawFinding[] {
  const out: RawFinding[] = [];
  for (const stage of df.stages) {
    if (!explained(df, stage.line)) {
      const name = stage.name ? `stage "${stage.name}"` : `stage ${stage.index + 1}`;
      out.push({ message: `${name} (FROM ${stage.from.getImage() ?? ''}) has no comment above it saying what it is for`, file: df.file, line: stage.line });
    }
  }
  for (const run of runs(df)) {
    const stage = df.stages[run.stage]!;
    const belowCommentedFrom = run.line === stage.from.getRange().end.line + 2 && explained(df, stage.line);
    if (nonTrivial(df, run) && !explained(df, run.line) && !belowCommentedFrom) {
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
    help: 'Write a comment on the line right above the instruction that says why it is there (what the stage is for, why these packages or steps are needed).',
  },
  check(ctx) {
    return usableDockerfiles(ctx).flatMap(uncommented);
  },
};
