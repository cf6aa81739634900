// OEP45-D010: `FROM python` or `FROM python:latest` builds on whatever the registry serves that
// day: two builds of one commit differ, and a release can break without a change of ours. A tag
// (`python:3.12-slim-bookworm`) or a digest (`@sha256:…`) makes the base explicit and reviewable.
// `${BASE_IMAGE}`-style references are resolved to their ARG defaults; stages of the same file
// and `scratch` are not images.

import type { RawFinding, Rule } from '../rule.js';
import { column, usableDockerfiles, type ParsedDockerfile } from './parse.js';

/** Splits `registry:5000/org/name:tag@sha256:…` into its name, tag and digest. */
export function imageReference(ref: string): { name: string; tag?: string; digest?: string } {
  let rest = ref;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at !== -1) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > slash) return { name: rest.slice(0, colon), tag: rest.slice(colon + 1), digest };
  return { name: rest, digest };
}

function unpinned(df: ParsedDockerfile): RawFinding[] {
  const out: RawFinding[] = [];
  const stageNames = new Set<string>();
  for (const stage of df.stages) {
    const image = stage.image;
    const isStage = stageNames.has(image.toLowerCase());
    if (stage.name) stageNames.add(stage.name);
    if (isStage || image === '' || image.toLowerCase() === 'scratch' || image.includes('$')) continue;
    const ref = imageReference(image);
    if (ref.digest) continue;
    const written = stage.from.getImage() ?? image;
    const via = written === image ? '' : ` (${written} resolves to it by default)`;
    const range = stage.from.getImageRange();
    const at = { file: df.file, line: stage.line, column: range ? column(range.start) : undefined };
    if (ref.tag === undefined) out.push({ ...at, message: `base image ${image}${via} has no tag, so it means "latest"`, equivalent: { hadolint: ['DL3006'] } });
    else if (ref.tag.toLowerCase() === 'latest') out.push({ ...at, message: `base image ${image}${via} is pinned to "latest", which moves`, equivalent: { hadolint: ['DL3007'] } });
  }
  return out;
}

export const d010BaseImagePinned: Rule = {
  meta: {
    id: 'OEP45-D010',
    title: 'base image pinned by tag or digest',
    severity: 'warning',
    area: 'dockerfile',
    help: 'Name a version tag (`ubuntu:24.04`, `python:3.12-slim-bookworm`) or a digest (`image@sha256:…`), not `latest`.',
  },
  check(ctx) {
    return usableDockerfiles(ctx).flatMap(unpinned);
  },
};
