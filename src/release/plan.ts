// Turns the project and the release context into one ImagePlan per image: full tag references on
// every registry, and labels. (Foundation version; the release issue completes the tag scheme.)

import type { PipelineInputs } from '../config/inputs.js';
import type { ImagePlan } from '../model/image.js';
import type { Project } from '../model/project.js';
import type { ReleaseContext } from '../model/release.js';

function tagsFor(context: ReleaseContext): string[] {
  if (context.kind === 'master') return ['latest', context.defaultBranch, ...(context.sha ? [context.sha] : [])];
  if (context.kind === 'pull-request' && context.pullRequest) return [`pr-${context.pullRequest.number}`];
  return [];
}

export async function planImages(project: Project, context: ReleaseContext, inputs: PipelineInputs): Promise<ImagePlan[]> {
  const registries = project.registries.length ? project.registries : [''];
  return project.images.map((image) => {
    const repos = registries.map((r) => (r ? `${r.replace(/\/+$/, '')}/${image.name}` : image.name));
    const tags = repos.flatMap((repo) => tagsFor(context).map((t) => `${repo}:${t}`));
    const plan: ImagePlan = {
      name: image.name,
      context: image.context,
      dockerfile: image.dockerfile,
      platforms: image.platforms,
      buildArgs: image.buildArgs,
      tags,
      labels: { 'org.opencontainers.image.title': image.name, ...project.labels },
      push: context.publishable && (inputs.push ?? inputs.mode === 'publish'),
    };
    if (image.target) plan.target = image.target;
    if (image.owner) plan.owner = image.owner;
    return plan;
  });
}
