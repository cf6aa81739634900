// Reads an `images-data.json` matrix exactly as Open edX's multi-image Dockerfile repositories
// write it: `dockerfiles/<dockerfile || image_name>.Dockerfile`, built from the repository root.

import type { ImageSpec } from '../model/project.js';
import { posix } from 'node:path';
import { locate, parseYamlSource } from './yaml-source.js';
import { UserError } from '../util/errors.js';
import { validateSource } from './validate.js';
import { validateImagesData } from './schema-validators.generated.js';

interface ImagesDataEntry {
  name?: string;
  image_name: string;
  dockerfile?: string;
  os_platform?: string;
  target?: string;
  build_args?: Record<string, string | number | boolean>;
  owning_team_email?: string;
}

export function parseImagesData(file: string, text: string, defaultPlatforms: string[]): ImageSpec[] {
  const src = parseYamlSource(file, text);
  validateSource(src, validateImagesData);
  const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '.';
  const prefix = dir === '.' ? '' : `${dir}/`;
  return (src.value as ImagesDataEntry[]).map((entry, index) => ({
    name: entry.image_name,
    context: dir,
    dockerfile: dockerfileOf(src, index, prefix, entry),
    target: entry.target,
    platforms: entry.os_platform
      ? entry.os_platform.split(',').map((p) => p.trim()).filter(Boolean)
      : defaultPlatforms,
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
