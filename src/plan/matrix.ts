// The reusable workflow's fan-out, computed from the plan so that the workflow itself holds no
// logic: one build leg per image × platform on a runner for that platform (src/plan/runners.ts),
// and one entry per image, carrying its own legs, for the per-image workflow that builds and
// merges that image alone. GitHub reads both as `strategy.matrix: ${{ fromJSON(…) }}`. Every value
// is checked first (src/plan/platform.ts), since it becomes job names, artifact names and inputs.

import type { ImagePlan } from '../model/image.js';
import { UserError } from '../util/errors.js';
import { checkImageName, checkOneLine, checkPlatform, normalizePlatform } from './platform.js';
import { runnerFor, type RunnerLabel, type RunnerMapping } from './runners.js';

export interface BuildLeg {
  image: string;
  platform: string;
  /** What `runs-on` gets: a label, a list of labels or a runner group. */
  runner: RunnerLabel;
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
  /** This image's build legs, one per platform: the per-image workflow's own matrix. */
  legs: BuildLeg[];
}

export interface Matrix<T> {
  include: T[];
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

function legsOf(image: ImagePlan, runners: RunnerMapping | undefined): BuildLeg[] {
  checkImageName(image.name);
  const seen = new Set<string>();
  return image.platforms.map((platform) => {
    checkPlatform(platform, image.name);
    // Two legs of one platform would push two images the merge cannot tell apart.
    if (seen.has(normalizePlatform(platform))) throw new UserError(`image ${JSON.stringify(image.name)}: platform ${platform} is listed twice`);
    seen.add(normalizePlatform(platform));
    return { image: image.name, platform, runner: runnerFor(platform, runners), slug: slug(image.name, platform) };
  });
}

/** Each image once: a second image of the same name would overwrite the first one's artifacts. */
function checkUnique(images: readonly ImagePlan[]): void {
  const names = new Set<string>();
  for (const image of images) {
    if (names.has(image.name)) throw new UserError(`image ${JSON.stringify(image.name)} is planned twice: give each image its own name`);
    names.add(image.name);
  }
}

export function buildMatrix(images: readonly ImagePlan[], runners?: RunnerMapping): Matrix<BuildLeg> {
  checkUnique(images);
  return { include: images.flatMap((image) => legsOf(image, runners)) };
}

export function imageMatrix(images: readonly ImagePlan[], runners?: RunnerMapping): Matrix<ImageEntry> {
  checkUnique(images);
  return {
    include: images.map((image) => {
      const legs = legsOf(image, runners);
      const first = image.tags[0];
      return {
        image: image.name,
        slug: slug(image.name),
        subject: first ? subjectName(repositoryOf(first)) : image.name,
        owner: checkOneLine(image.owner ?? '', 'the owning team', image.name),
        platforms: image.platforms,
        legs,
      };
    }),
  };
}
