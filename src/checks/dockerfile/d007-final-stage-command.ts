// OEP45-D007: OEP-45 images are run by operators who should not have to know the service's
// internals: the image says how it starts (CMD or ENTRYPOINT) in the stage that is published.
// For each image, the "final stage" is its `target` when the config sets one, else the last
// stage; a CMD or ENTRYPOINT in a stage it is built on (in the same file) counts. A target that
// names no stage is reported here too: the build would fail. A repository that is no service (a
// library whose Dockerfile runs its tests) publishes no image for operators: its found
// Dockerfile needs no CMD.

import type { RawFinding, Rule } from '../rule.js';
import type { CheckContext } from '../context.js';
import { dockerfileAt, stageChain, type DockerStage, type ParsedDockerfile } from './parse.js';
import { isService } from '../service-scope.js';

const RUNS = new Set(['CMD', 'ENTRYPOINT']);

/** The line of a config file that mentions a target, for a finding that points at the config. */
function lineInConfig(ctx: CheckContext, file: string, target: string): number {
  const text = ctx.readFile(file) ?? '';
  const lines = text.split(/\r?\n/);
  const index = lines.findIndex((l) => /target/.test(l) && l.includes(target));
  return index + 1;
}

function finalStage(df: ParsedDockerfile, target: string | undefined): DockerStage | undefined {
  if (target === undefined) return df.stages[df.stages.length - 1];
  return df.stages.find((s) => s.name === target.toLowerCase());
}

export const d007FinalStageCommand: Rule = {
  meta: {
    id: 'OEP45-D007',
    title: 'the final stage has CMD or ENTRYPOINT',
    severity: 'error',
    area: 'dockerfile',
    help: 'Add a CMD (exec form, e.g. `CMD ["gunicorn", "app.wsgi"]`) or an ENTRYPOINT to the stage the image is built from.',
  },
  check(ctx) {
    const out: RawFinding[] = [];
    const seen = new Set<string>();
    for (const image of ctx.project.images) {
      if (image.declaredIn === 'auto' && !isService(ctx.project)) continue;
      const key = `${image.dockerfile}\u0000${image.target ?? ''}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const df = dockerfileAt(ctx, image.dockerfile);
      if (!df || df.binary || !df.ast || df.template || df.stages.length === 0) continue;
      const stage = finalStage(df, image.target);
      const names = ctx.project.images.filter((i) => i.dockerfile === image.dockerfile && i.target === image.target).map((i) => i.name).join(', ');
      if (!stage) {
        const config = ctx.project.configFile ?? ctx.project.imagesDataFile;
        const known = df.stages.map((s) => s.name).filter(Boolean).join(', ') || 'none';
        out.push({
          message: `image ${names}: target "${image.target}" is not a stage of ${df.file} (stages: ${known})`,
          file: config ?? df.file,
          line: config ? lineInConfig(ctx, config, image.target!) : 0,
          help: 'Set the image\'s target to a stage name (`FROM … AS name`) that exists in its Dockerfile.',
        });
        continue;
      }
      if (stageChain(df, stage.index).some((s) => s.instructions.some((i) => RUNS.has(i.keyword)))) continue;
      const which = image.target ? `target stage "${image.target}"` : 'last stage';
      out.push({ message: `the ${which} (image ${names}) has no CMD or ENTRYPOINT`, file: df.file, line: stage.line });
    }
    return out;
  },
};
