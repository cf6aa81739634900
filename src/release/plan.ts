// Turns the project and the release context into one ImagePlan per image: every tag of the build
// on every registry (or local names when there is none), the extra tags of the `tags` input,
// labels, and whether to push. Pull requests and non-publishing refs never push.

import type { PipelineInputs } from '../config/inputs.js';
import type { ImagePlan } from '../model/image.js';
import type { ImageSpec, Project } from '../model/project.js';
import type { ReleaseContext } from '../model/release.js';
import { UserError } from '../util/errors.js';
import { imageLabels } from './labels.js';
import { imageRepository, isValidTag, normaliseRegistry, parseReference } from './references.js';
import { expandExtraTag, kindTags } from './templates.js';
import { checkPlatform } from '../plan/platform.js';

interface ExtraTags {
  /** Plain tags: on every image and registry. */
  plain: string[];
  /** Full references, per image name. */
  byImage: Map<string, string[]>;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

/** The `tags` input: plain tags for every image, full references for the image they name. */
function extraTags(tags: readonly string[], images: readonly ImageSpec[], context: ReleaseContext): ExtraTags {
  const out: ExtraTags = { plain: [], byImage: new Map() };
  for (const entry of tags) {
    const text = expandExtraTag(entry.trim(), context, 'tags');
    if (!text.includes(':') && !text.includes('/')) {
      if (!isValidTag(text)) throw new UserError(`tags: "${entry}" is not a valid tag ([A-Za-z0-9_][A-Za-z0-9_.-]{0,127})`);
      out.plain.push(text);
      continue;
    }
    const { repository, tag } = parseReference(text, 'tags');
    const last = repository.slice(repository.lastIndexOf('/') + 1);
    const image = images.length === 1 ? images[0] : images.find((i) => i.name.toLowerCase() === last);
    if (!image) {
      throw new UserError(`tags: "${entry}" names no image of this project (${images.map((i) => i.name).join(', ') || 'none'}); a full reference goes to the image of the same name`);
    }
    out.byImage.set(image.name, [...(out.byImage.get(image.name) ?? []), `${repository}:${tag}`]);
  }
  return out;
}

export async function planImages(project: Project, context: ReleaseContext, inputs: PipelineInputs): Promise<ImagePlan[]> {
  const registriesFrom = inputs.registries?.length ? 'registries' : '.oep45.yml registries';
  const registries = unique(project.registries.map((r) => normaliseRegistry(r, registriesFrom)));
  const tags = kindTags(context, project.tags);
  const extra = extraTags(inputs.tags ?? [], project.images, context);
  // The `version` label: the build's primary tag, the first that is not `latest`.
  const version = tags.find((t) => t.tag !== 'latest')?.tag ?? extra.plain[0];

  return project.images.map((image) => {
    const what = `image ${image.name}`;
    // Platforms from the inputs or flags (a config's were checked at their line when it was read).
    for (const platform of image.platforms) checkPlatform(platform, image.name);
    const repos = registries.length ? registries.map((r) => imageRepository(r, image.name, what)) : [imageRepository(undefined, image.name, what)];
    const all = unique([
      ...repos.flatMap((repo) => [...tags.map((t) => t.tag), ...extra.plain].map((t) => `${repo}:${t}`)),
      ...(extra.byImage.get(image.name) ?? []),
    ]);
    const immutable = repos.flatMap((repo) => tags.filter((t) => t.immutable).map((t) => `${repo}:${t.tag}`));
    const plan: ImagePlan = {
      name: image.name,
      context: image.context,
      dockerfile: image.dockerfile,
      platforms: image.platforms,
      buildArgs: image.buildArgs,
      tags: all,
      labels: imageLabels(project, image, context, version),
      push: context.publishable && all.length > 0 && (inputs.push ?? (inputs.mode === 'publish' || inputs.mode === 'merge')),
    };
    if (image.target) plan.target = image.target;
    if (image.owner) plan.owner = image.owner;
    if (immutable.length) plan.immutableTags = immutable;
    return plan;
  });
}
