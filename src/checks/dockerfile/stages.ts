// Which stages of a Dockerfile end up in an image the project ships, and which only feed files to
// others. A builder stage (`FROM python AS builder`, then `COPY --from=builder /venv /venv`) leaves
// its layers behind: what it keeps in them (a package cache) costs nothing in the image.

import type { CheckContext } from '../context.js';
import { imagesOf, runScript, stageChain, type ParsedDockerfile } from './parse.js';

/** The stage a name (or an index, `COPY --from=0`) of this file refers to. */
function stageNamed(df: ParsedDockerfile, name: string): number | undefined {
  const lower = name.toLowerCase();
  if (/^\d+$/.test(lower)) return Number(lower) < df.stages.length ? Number(lower) : undefined;
  return df.stages.find((s) => s.name === lower)?.index;
}

/** Stages whose files another stage copies (`COPY --from=`) or mounts (`RUN --mount=…,from=`). */
function copySources(df: ParsedDockerfile): Set<number> {
  const sources = new Set<number>();
  for (const stage of df.stages) {
    for (const instruction of stage.instructions) {
      const names: string[] = [];
      if (instruction.keyword === 'COPY' || instruction.keyword === 'ADD') {
        const flags = (instruction.node as unknown as { getFlags(): { getName(): string; getValue(): string | null }[] }).getFlags();
        for (const f of flags) if (f.getName() === 'from' && f.getValue()) names.push(f.getValue()!);
      } else if (instruction.keyword === 'RUN') {
        for (const m of runScript(df, instruction).mounts) if (m.from) names.push(m.from);
      }
      for (const name of names) {
        const index = stageNamed(df, name);
        if (index !== undefined) sources.add(index);
      }
    }
  }
  return sources;
}

/**
 * Stages that only feed files to other stages: copied from (or the ancestors of one copied from),
 * and neither an image's target nor a stage an image's target is built on. With no target an
 * image is the last stage.
 */
export function builderStages(ctx: CheckContext, df: ParsedDockerfile): Set<number> {
  const shipped = new Set<number>();
  const images = imagesOf(ctx, df.file);
  for (const image of images.length ? images : [{ target: undefined }]) {
    const target = image.target ? stageNamed(df, image.target) : df.stages.length - 1;
    // A target this file has no stage for is D-something else's concern: count every stage.
    if (target === undefined) return new Set();
    for (const s of stageChain(df, target)) shipped.add(s.index);
  }
  const builders = new Set<number>();
  for (const source of copySources(df)) {
    for (const s of stageChain(df, source)) if (!shipped.has(s.index)) builders.add(s.index);
  }
  return builders;
}
