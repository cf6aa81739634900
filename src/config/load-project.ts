// Builds the one Project model. Each value comes from the first of: the action's inputs or CLI
// flags, `.oep45.yml`, an `images-data.json` matrix, auto-detection — so a repository with no
// config at all still gets a sensible plan, and anything can be overridden per run.

import { existsSync, statSync } from 'node:fs';
import { basename, isAbsolute, relative, resolve } from 'node:path';
import { DEFAULT_BASELINE, type ConfigSource, type ImageSpec, type Project } from '../model/project.js';
import { UserError } from '../util/errors.js';
import { parseDuration } from '../util/duration.js';
import type { PipelineInputs } from './inputs.js';
import { parseOep45Yml, type Oep45Yml, type Oep45YmlImage } from './oep45-yml.js';
import { parseImagesData } from './images-data.js';
import { findChangelog, findDockerfile } from './autodetect.js';
import { hasProductionSettings, projectScope } from './project-kind.js';
import { discoverSettings } from '../settings/discover.js';
import { workingTree } from '../settings/working-tree.js';
import { readNamedFile, readRequired, repoFiles, type RepoFiles } from '../files/repo-files.js';

const DEFAULT_PLATFORMS = ['linux/amd64'];

function toPosix(path: string): string {
  return path.split('\\').join('/');
}

/** A path the user gave, relative to the root; refused when it leaves the root. */
function inRoot(root: string, path: string, what: string): string {
  const rel = toPosix(relative(root, resolve(root, path))) || '.';
  if (rel.startsWith('../') || rel === '..' || isAbsolute(rel)) {
    throw new UserError(`${what} "${path}" is outside the project folder ${root}`);
  }
  return rel;
}

function stringMap(map: Record<string, string | number | boolean> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(map ?? {}).map(([k, v]) => [k, String(v)]));
}

export function defaultAppName(name: string): string {
  return name.toUpperCase().replace(/[^A-Z0-9]+/g, '_').replace(/^_+|_+$/g, '');
}

function fromYmlImage(root: string, image: Oep45YmlImage, platforms: string[]): ImageSpec[] {
  const context = inRoot(root, image.context ?? '.', `images[${image.name}].context`);
  const dockerfile = inRoot(
    root,
    image.dockerfile ?? (context === '.' ? 'Dockerfile' : `${context}/Dockerfile`),
    `images[${image.name}].dockerfile`,
  );
  const base: ImageSpec = {
    name: image.name,
    context,
    dockerfile,
    target: image.target,
    platforms: image.platforms ?? platforms,
    buildArgs: stringMap(image['build-args']),
    owner: image.owner,
    description: image.description,
    declaredIn: '.oep45.yml',
  };
  if (!image.dev) return [base];
  const dev: ImageSpec = { ...base, name: `${image.name}${image.dev.suffix ?? '-dev'}`, target: image.dev.target, variantOf: image.name };
  return [base, dev];
}

function loadYml(root: string, files: RepoFiles, inputs: PipelineInputs): { yml: Oep45Yml; file?: string } {
  const rel = inputs.config ?? '.oep45.yml';
  const file = toPosix(relative(root, resolve(root, rel)));
  const text = readNamedFile(files, rel, 'config');
  if (text === undefined) {
    if (inputs.config) throw new UserError(`config file ${inputs.config} does not exist`);
    return { yml: {} };
  }
  return { yml: parseOep45Yml(file, text), file };
}

/** The baseline's path relative to the root; it may sit outside it (a monorepo's shared folder). */
function baselineFile(root: string, named: string | undefined): NonNullable<Project['baseline']> {
  if (!named) return { file: DEFAULT_BASELINE, named: false };
  return { file: toPosix(relative(root, resolve(root, named))) || named, named: true };
}

/** Which of the inputs and `.oep45.yml` a cache list came from, when from either. */
function listSource<K extends string>(key: K, input: readonly string[] | undefined, config: readonly string[] | undefined): Partial<Record<K, 'inputs' | '.oep45.yml'>> {
  if (input?.length) return { [key]: 'inputs' } as Record<K, 'inputs'>;
  if (config?.length) return { [key]: '.oep45.yml' } as Record<K, '.oep45.yml'>;
  return {};
}

function imagesFromInputs(inputs: PipelineInputs): boolean {
  return Boolean(inputs.context || inputs.file || inputs.image);
}

export function loadProject(inputs: PipelineInputs, cwd = process.cwd()): Project {
  const root = resolve(cwd, inputs.dir || '.');
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    throw new UserError(`project folder ${inputs.dir} does not exist`);
  }
  const files = repoFiles(root);
  const { yml, file: configFile } = loadYml(root, files, inputs);
  const sources = new Set<ConfigSource>();
  if (configFile) sources.add('.oep45.yml');

  const tree = workingTree(files);
  const name = inputs.image ?? yml.name ?? basename(root).toLowerCase();
  const platforms = inputs.platforms?.length ? inputs.platforms : (yml.platforms ?? DEFAULT_PLATFORMS);

  let images: ImageSpec[] = [];
  let imagesDataFile: string | undefined;
  const imagesDataRel = yml['images-data'] ?? (files.entry('images-data.json') !== 'missing' ? 'images-data.json' : undefined);
  if (imagesFromInputs(inputs)) {
    sources.add('inputs');
    const context = inRoot(root, inputs.context ?? '.', 'context');
    images = [
      {
        name,
        context,
        dockerfile: inRoot(root, inputs.file ?? (context === '.' ? 'Dockerfile' : `${context}/Dockerfile`), 'file'),
        target: inputs.target,
        platforms,
        buildArgs: inputs.buildArgs ?? {},
        declaredIn: 'inputs',
      },
    ];
  } else if (yml.images) {
    images = yml.images.flatMap((image) => fromYmlImage(root, image, platforms));
  } else if (imagesDataRel) {
    imagesDataFile = inRoot(root, imagesDataRel, 'images-data');
    const text = readRequired(files, imagesDataFile, 'config');
    if (text === undefined) {
      throw new UserError(`images-data file ${imagesDataFile} does not exist`, configFile ? { file: configFile } : undefined);
    }
    images = parseImagesData(imagesDataFile, text, platforms);
    sources.add('images-data.json');
  } else {
    const dockerfile = findDockerfile(tree);
    if (dockerfile) {
      images = [{ name, context: '.', dockerfile, platforms, buildArgs: {}, declaredIn: 'auto' }];
      sources.add('auto');
    }
  }
  if (!imagesFromInputs(inputs)) {
    // Inputs given per run refine every image a config declares.
    images = images.map((image) => ({
      ...image,
      target: inputs.target ?? image.target,
      platforms: inputs.platforms?.length ? inputs.platforms : image.platforms,
      buildArgs: { ...image.buildArgs, ...(inputs.buildArgs ?? {}) },
    }));
  }
  if (inputs.only?.length) {
    const unknown = inputs.only.filter((n) => !images.some((i) => i.name === n || i.description === n));
    if (unknown.length) {
      throw new UserError(`no image named ${unknown.join(', ')}; known images: ${images.map((i) => i.name).join(', ') || 'none'}`);
    }
    images = images.filter((i) => inputs.only!.includes(i.name) || inputs.only!.includes(i.description ?? ''));
  }

  const discovery = discoverSettings(tree, {
    dockerfiles: [...new Set(images.map((i) => i.dockerfile))],
    configured: yml.settings ? inRoot(root, yml.settings, 'settings') : undefined,
  });
  const changelog = yml.changelog ? inRoot(root, yml.changelog, 'changelog') : findChangelog(tree);
  const scope = projectScope(tree, {
    configured: Boolean(configFile),
    settingsFound: discovery.packages.length > 0,
    productionSettings: hasProductionSettings(tree, discovery.packages),
    djangoProject: discovery.djangoProject,
    images: images.length,
    imagesData: imagesDataFile !== undefined,
  });
  if (!configFile && !imagesDataFile) sources.add('auto');

  const maxAge = inputs.maxAge ?? yml.build?.['max-age'];
  return {
    root,
    kind: yml.kind ?? 'service',
    name,
    appName: yml['app-name'] ?? defaultAppName(name),
    appNameConfigured: yml['app-name'] !== undefined,
    scope,
    sources: [...sources],
    configFile,
    imagesDataFile,
    images,
    settings: discovery.packages,
    changelog,
    operationsDir: inRoot(root, yml.operations?.path ?? 'docs/operations', 'operations.path'),
    workflowsDir: inRoot(root, yml.workflows ?? '.github/workflows', 'workflows'),
    rules: { ...(yml.rules ?? {}) },
    failOn: inputs.failOn ?? yml['fail-on'] ?? 'error',
    baseline: baselineFile(root, inputs.baseline ?? yml.baseline),
    registries: inputs.registries?.length ? inputs.registries : (yml.registries ?? []),
    tags: { ...(yml.tags ?? {}) },
    labels: { ...stringMap(yml.labels), ...(inputs.labels ?? {}) },
    metadata: { ...(yml.metadata ?? {}) },
    build: {
      cache: inputs.cache ?? yml.build?.cache ?? 'registry',
      cacheFrom: inputs.cacheFrom?.length ? inputs.cacheFrom : (yml.build?.['cache-from'] ?? []),
      cacheTo: inputs.cacheTo?.length ? inputs.cacheTo : (yml.build?.['cache-to'] ?? []),
      ...listSource('cacheFromSource', inputs.cacheFrom, yml.build?.['cache-from']),
      ...listSource('cacheToSource', inputs.cacheTo, yml.build?.['cache-to']),
      force: inputs.force ?? yml.build?.force ?? false,
      maxAgeSeconds: maxAge ? parseDuration(maxAge, 'max-age') : undefined,
      allowOverwrite: inputs.allowOverwrite ?? yml.build?.['allow-overwrite'] ?? false,
    },
    files,
  };
}
