// The reusable workflow's fan-out, computed from the plan so that the workflow itself holds no
// logic: one build leg per image × platform on a runner of that architecture (arm64 on GitHub's
// native arm runners, not QEMU), and one entry per image for the merge and attest jobs.
// GitHub reads both as `strategy.matrix: ${{ fromJSON(…) }}`.

import type { ImagePlan } from '../model/image.js';

/** Runner label per platform; `*` is the label for every platform not named. */
export type RunnerLabels = Record<string, string>;

export const DEFAULT_RUNNERS: Readonly<RunnerLabels> = {
  'linux/arm64': 'ubuntu-24.04-arm',
  '*': 'ubuntu-24.04',
};

export interface BuildLeg {
  image: string;
  platform: string;
  runner: string;
  /** Unique per leg and safe in an artifact name, e.g. `lms-dev=linux-arm64`. */
  slug: string;
}

export interface ImageEntry {
  image: string;
  /** Safe in an artifact name; the prefix of the image's legs' slugs. */
  slug: string;
  /** Name under which build provenance is attested: the image's first repository. */
  subject: string;
  /** Owning team, for failure notices; empty when unknown. */
  owner: string;
  platforms: string[];
}

export interface Matrix<T> {
  include: T[];
}

/** `linux/arm64/v8` is `linux/arm64`; every other platform is looked up as it is. */
function normalize(platform: string): string {
  return platform.replace(/^linux\/arm64\/v8$/, 'linux/arm64');
}

export function runnerFor(platform: string, runners: RunnerLabels = {}): string {
  const p = normalize(platform);
  return runners[p] ?? runners[platform] ?? DEFAULT_RUNNERS[p] ?? runners['*'] ?? DEFAULT_RUNNERS['*']!;
}

/**
 * A name safe in an artifact name (which may not hold `/ \\ : < > | * ? "`, CR or LF) and unique:
 * `/` in an image name becomes `~` and the platform follows a `=`, two characters no image name
 * or platform holds, so `lms=linux-amd64` and `lms-dev=…` never match each other's glob `lms=*`.
 */
export function slug(image: string, platform?: string): string {
  const name = image.replace(/\//g, '~');
  return platform === undefined ? name : `${name}=${platform.replace(/\//g, '-')}`;
}

/** `registry[:port]/path/name:tag` or `…@sha256:…` → `registry[:port]/path/name`. */
export function repositoryOf(ref: string): string {
  const noDigest = ref.split('@')[0]!;
  const slash = noDigest.lastIndexOf('/');
  const colon = noDigest.lastIndexOf(':');
  return colon > slash ? noDigest.slice(0, colon) : noDigest;
}

/** Docker Hub's canonical registry name is `index.docker.io` in provenance subjects. */
function subjectName(repository: string): string {
  return repository.replace(/^docker\.io\//, 'index.docker.io/');
}

export function buildMatrix(images: readonly ImagePlan[], runners: RunnerLabels = {}): Matrix<BuildLeg> {
  const include: BuildLeg[] = [];
  for (const image of images) {
    for (const platform of image.platforms) {
      include.push({ image: image.name, platform, runner: runnerFor(platform, runners), slug: slug(image.name, platform) });
    }
  }
  return { include };
}

export function imageMatrix(images: readonly ImagePlan[]): Matrix<ImageEntry> {
  return {
    include: images.map((image) => {
      const first = image.tags[0];
      return {
        image: image.name,
        slug: slug(image.name),
        subject: first ? subjectName(repositoryOf(first)) : image.name,
        owner: image.owner ?? '',
        platforms: image.platforms,
      };
    }),
  };
}

/** `platform=label` lines (`*=label` for the rest), as the action's `runners` input takes them. */
export function parseRunners(entries: Record<string, string>): RunnerLabels {
  const out: RunnerLabels = {};
  for (const [platform, label] of Object.entries(entries)) {
    if (label.trim()) out[platform.trim()] = label.trim();
  }
  return out;
}
