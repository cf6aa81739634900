// OEP45-D014: each RUN is a layer to build, store, push and pull. Three or more RUNs in a row
// with nothing between them can usually be one (`&&`), which makes the image smaller and the
// build shorter. A notice: sometimes separate layers are wanted for caching, and then a
// suppression comment says so. A builder stage, whose files other stages copy, is left alone: its
// layers are not the image's.

import type { RawFinding, Rule } from '../rule.js';
import type { CheckContext } from '../context.js';
import { usableDockerfiles, type DockerInstruction, type ParsedDockerfile } from './parse.js';
import { builderStages } from './stages.js';

export const CONSECUTIVE_RUNS = 3;

function consecutive(ctx: CheckContext, df: ParsedDockerfile): RawFinding[] {
  const out: RawFinding[] = [];
  const builders = builderStages(ctx, df);
  for (const stage of df.stages) {
    if (builders.has(stage.index)) continue;
    let group: DockerInstruction[] = [];
    const flush = (): void => {
      if (group.length >= CONSECUTIVE_RUNS) {
        const first = group[0]!;
        const last = group[group.length - 1]!;
        out.push({ message: `${group.length} RUN instructions in a row (lines ${first.line}–${last.endLine}) make ${group.length} layers`, file: df.file, line: first.line, endLine: last.endLine });
      }
      group = [];
    };
    for (const instruction of stage.instructions) {
      if (instruction.keyword === 'RUN') group.push(instruction);
      else flush();
    }
    flush();
  }
  return out;
}

export const d014ConsecutiveRuns: Rule = {
  meta: {
    id: 'OEP45-D014',
    title: 'consecutive RUNs joined into one layer',
    severity: 'notice',
    area: 'dockerfile',
    help: 'Join the commands with `&&` in one RUN (one comment above it can explain the steps), unless separate layers are wanted for caching.',
    equivalent: { hadolint: ['DL3059'] },
  },
  check(ctx) {
    return usableDockerfiles(ctx).flatMap((df) => consecutive(ctx, df));
  },
};
