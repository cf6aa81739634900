// Reads an `images-data.json` matrix exactly as Open edX's multi-image Dockerfile repositories
// write it: `dockerfiles/<dockerfile || image_name>.Dockerfile`, built from the repository root.

import type { ImageSpec } from '../model/project.js';
import { posix } from 'node:path';
import { locate, parseYamlSource } from './yaml-source.js';
import { UserError } from '../util/errors.js';
import { validateSource } from './validate.js';
import { validateImagesData } from './schema-validators.generated.js';
import { ImageValueChecker } from './image-values.js';

interface ImagesDataEntry {
  name?: string;
  image_name: string;
  dockerfile?: string;
  os_platform?: string;
  target?: string;
  build_args?: Record<string, string | number | boolean>;
  owning_team_email?: string;
}

/** Platforms of `os_platform`: comma-separated, blanks dropped. */
function platformsOf(entry: ImagesDataEntry): string[] | undefined {
  return entry.os_platform?.split(',').map((p) => p.trim()).filter(Boolean);
}

/** Each entry's values, at their line (image-values.ts); the schema checked their types and `image_name`. */
function checkEntries(src: ReturnType<typeof parseYamlSource>, entries: readonly ImagesDataEntry[]): void {
  entries.forEach((entry, i) => {
    const check = new ImageValueChecker(src, entry.image_name);
    for (const platform of platformsOf(entry) ?? []) check.platform(platform, [i, 'os_platform']);
    check.target(entry.target, [i, 'target']);
    check.buildArgs(entry.build_args, [i, 'build_args']);
    check.oneLine(entry.owning_team_email, [i, 'owning_team_email'], 'owning_team_email');
    check.oneLine(entry.name, [i, 'name'], 'name');
  });
}

export function parseImagesData(file: string, text: string, defaultPlatforms: string[]): ImageSpec[] {
  const src = parseYamlSource(file, text);
  validateSource(src, validateImagesData);
  checkEntries(src, src.value as ImagesDataEntry[]);
  const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '.';
  const prefix = dir === '.' ? '' : `${dir}/`;
  return (src.value as ImagesDataEntry[]).map((entry, index) => ({
    name: entry.image_name,
    context: dir,
    dockerfile: dockerfileOf(src, index, prefix, entry),
    target: entry.target,
    platforms: platformsOf(entry)?.length ? platformsOf(entry)! : defaultPlatforms,
    buildArgs: Object.fromEntries(Object.entries(entry.build_args ?? {}).map(([k, v]) => [k, String(v)])),
    owner: entry.owning_team_email,
    description: entry.name,
    declaredIn: 'images-data.json' as const,
  }));
}

/**
 * `dockerfiles/<stem>.Dockerfile` beside the matrix. The stem is repository content: one that
 * climbs out of the project folder (`../../etc/passwd`, an absolute path) is refused at its line.
 */
function dockerfileOf(src: ReturnType<typeof parseYamlSource>, index: number, prefix: string, entry: ImagesDataEntry): string {
  const stem = entry.dockerfile ?? entry.image_name;
  const path = posix.normalize(`${prefix}dockerfiles/${stem}.Dockerfile`);
  if (stem.startsWith('/') || stem.includes('\0') || path === '..' || path.startsWith('../')) {
    throw new UserError(
      `\`${index}.dockerfile\` "${stem}" names ${prefix}dockerfiles/${stem}.Dockerfile, which is outside the project folder: give the stem of a file in dockerfiles/`,
      locate(src, [index, 'dockerfile']),
    );
  }
  return path;
}
