// Small projects, plans and release contexts for the build tests: a real git repository with a
// busybox-based Dockerfile, and the model objects executePlan takes.

import type { PipelineInputs } from '../../src/config/inputs.js';
import type { ImagePlan } from '../../src/model/image.js';
import type { Project } from '../../src/model/project.js';
import type { ReleaseContext } from '../../src/model/release.js';
import type { Log } from '../../src/util/log.js';
import { BUSYBOX_IMAGE, busyboxImage } from './base-images.js';
import { makeRepo, type TestRepo } from './git.js';

export const TINY_DOCKERFILE = [
  `ARG BASE=${BUSYBOX_IMAGE}`,
  'FROM ${BASE}',
  'RUN echo base layer > /base.txt',
  'COPY app.txt /app/app.txt',
  'RUN wc -c /app/app.txt',
  'CMD ["cat", "/app/app.txt"]',
  '',
].join('\n');

/** A repository holding a tiny image: app.txt (in the image) and notes.md (excluded by .dockerignore). */
export function tinyRepo(dockerfile = TINY_DOCKERFILE): TestRepo {
  busyboxImage();
  const repo = makeRepo();
  repo.write('Dockerfile', dockerfile);
  repo.write('.dockerignore', '.git\nnotes.md\n');
  repo.write('app.txt', 'version 1\n');
  repo.write('notes.md', 'notes 1\n');
  repo.commit('initial');
  return repo;
}

export function projectAt(root: string, build: Partial<Project['build']> = {}): Project {
  return {
    root,
    name: 'app',
    appName: 'APP',
    sources: ['inputs'],
    images: [],
    operationsDir: 'docs',
    workflowsDir: '.github/workflows',
    rules: {},
    failOn: 'error',
    registries: [],
    tags: {},
    labels: {},
    metadata: {},
    build: { cache: 'registry', cacheFrom: [], cacheTo: [], force: false, allowOverwrite: false, ...build },
  };
}

export function planFor(name: string, tags: string[], extra: Partial<ImagePlan> = {}): ImagePlan {
  return { name, context: '.', dockerfile: 'Dockerfile', platforms: [], buildArgs: {}, tags, labels: { 'org.opencontainers.image.title': name }, push: true, ...extra };
}

export function masterContext(sha = 'a'.repeat(40)): ReleaseContext {
  return {
    kind: 'master',
    reason: 'push to the default branch master',
    eventName: 'push',
    ref: 'refs/heads/master',
    sha,
    date: '2025-01-01',
    created: '2025-01-01T00:00:00.000Z',
    defaultBranch: 'master',
    publishable: true,
  };
}

export function releaseContext(version: string, sha = 'a'.repeat(40)): ReleaseContext {
  const [name, number] = version.split('.');
  return {
    ...masterContext(sha),
    kind: 'named-release',
    reason: `release tag ${version}`,
    ref: `refs/tags/open-release/${version}`,
    release: { name: name!, number: number!, scheme: 'open-release', version },
  };
}

export function inputsFor(mode: PipelineInputs['mode'], extra: Partial<PipelineInputs> = {}): PipelineInputs {
  return { mode, dir: '.', event: {}, secrets: [], credentials: [], ...extra };
}

/** A Log that records every line (info, warnings, debug) and the secrets it was given. */
export function recordingLog(): Log & { lines: string[]; secrets: string[]; groups: string[] } {
  const lines: string[] = [];
  const secrets: string[] = [];
  const groups: string[] = [];
  return {
    lines,
    secrets,
    groups,
    info: (m) => void lines.push(m),
    warning: (m) => void lines.push(`warning: ${m}`),
    debug: (m) => void lines.push(`debug: ${m}`),
    group: async (title, fn) => {
      groups.push(title);
      lines.push(`group: ${title}`);
      return fn();
    },
    secret: (v) => void secrets.push(v),
  };
}
