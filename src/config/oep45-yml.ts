// The `.oep45.yml` file: parsed with source positions, validated against schemas/oep45.schema.json
// (compiled ahead of time into schema-validators.generated.js).

import schema from '../../schemas/oep45.schema.json' with { type: 'json' };
import { posix } from 'node:path';
import { locate, parseYamlSource, type YamlSource } from './yaml-source.js';
import { UserError } from '../util/errors.js';
import { validateSource } from './validate.js';
import { validateOep45 } from './schema-validators.generated.js';
import { ImageValueChecker } from './image-values.js';
import { repositoryCacheSpecProblem } from './cache-specs.js';

export interface Oep45YmlImage {
  name: string;
  context?: string;
  dockerfile?: string;
  target?: string;
  platforms?: string[];
  'build-args'?: Record<string, string | number | boolean>;
  dev?: { target: string; suffix?: string };
  owner?: string;
  description?: string;
}

export interface Oep45Yml {
  kind?: 'service' | 'tool';
  name?: string;
  'app-name'?: string;
  registries?: string[];
  images?: Oep45YmlImage[];
  'images-data'?: string;
  platforms?: string[];
  settings?: string;
  changelog?: string;
  operations?: { path?: string };
  workflows?: string;
  rules?: Record<string, 'off' | 'error' | 'warning' | 'notice'>;
  'fail-on'?: 'error' | 'warning' | 'never' | 'new';
  baseline?: string;
  tags?: Record<string, unknown>;
  labels?: Record<string, string | number | boolean>;
  metadata?: { description?: string; licenses?: string; url?: string; source?: string; vendor?: string };
  build?: {
    cache?: 'registry' | 'gha' | 'inline' | 'none';
    'cache-from'?: string[];
    'cache-to'?: string[];
    force?: boolean;
    'max-age'?: string;
    'allow-overwrite'?: boolean;
  };
}

export { schema as oep45Schema };

/** What the schema cannot say: a dev image's name, and the values each image hands on (image-values.ts). */
function checkImages(src: ReturnType<typeof parseYamlSource>, yml: Oep45Yml): void {
  (yml.images ?? []).forEach((image, i) => {
    const check = new ImageValueChecker(src, image.name);
    check.target(image.target, ['images', i, 'target']);
    check.buildArgs(image['build-args'], ['images', i, 'build-args']);
    check.oneLine(image.owner, ['images', i, 'owner'], 'owner');
    check.oneLine(image.description, ['images', i, 'description'], 'description');
    if (image.dev) {
      check.target(image.dev.target, ['images', i, 'dev', 'target']);
      check.name(`${image.name}${image.dev.suffix ?? '-dev'}`, ['images', i, 'dev', image.dev.suffix === undefined ? 'target' : 'suffix']);
    }
  });
}

/** `build.cache-from`/`cache-to`: only the caches a repository may name (cache-specs.ts). */
function checkCacheSpecs(src: ReturnType<typeof parseYamlSource>, yml: Oep45Yml): void {
  for (const key of ['cache-from', 'cache-to'] as const) {
    (yml.build?.[key] ?? []).forEach((spec, i) => {
      const problem = repositoryCacheSpecProblem(spec);
      if (problem) throw new UserError(`build.${key} ${JSON.stringify(spec)}: ${problem}`, locate(src, ['build', key, i]));
    });
  }
}

export function parseOep45Yml(file: string, text: string): Oep45Yml {
  const src = parseYamlSource(file, text);
  // An empty file is a valid, empty configuration.
  if (src.value === null || src.value === undefined) return {};
  validateSource(src, validateOep45);
  const yml = src.value as Oep45Yml;
  checkImages(src, yml);
  checkCacheSpecs(src, yml);
  confinePaths(src, yml);
  return yml;
}

/**
 * The paths a `.oep45.yml` names are repository content, relative to the project folder: one that
 * leaves it (`dockerfile: ../../x`, `/etc/passwd`) is refused at its line. (`baseline:` may sit
 * outside on purpose, a monorepo's shared folder; it is read bounded, never parsed into output.)
 */
function confinePaths(src: YamlSource, yml: Oep45Yml): void {
  const named: { path: (string | number)[]; value: string | undefined }[] = [
    { path: ['images-data'], value: yml['images-data'] },
    { path: ['settings'], value: yml.settings },
    { path: ['changelog'], value: yml.changelog },
    { path: ['operations', 'path'], value: yml.operations?.path },
    { path: ['workflows'], value: yml.workflows },
    ...(yml.images ?? []).flatMap((image, i) => [
      { path: ['images', i, 'context'], value: image.context },
      { path: ['images', i, 'dockerfile'], value: image.dockerfile },
    ]),
  ];
  for (const { path, value } of named) {
    if (value === undefined) continue;
    const normal = posix.normalize(value.split('\\').join('/'));
    if (value.startsWith('/') || /^[A-Za-z]:/.test(value) || normal === '..' || normal.startsWith('../')) {
      throw new UserError(`\`${path.join('.')}\` "${value}" is outside the project folder: name a path inside it, relative to it`, locate(src, path));
    }
  }
}
