// The labels every image gets: OCI `org.opencontainers.image.*` annotations, filled from the
// project's metadata, the event payload and the release context, plus `org.openedx.release`.
// The user's labels (.oep45.yml `labels`, the `labels` input) win over ours.

import type { ImageSpec, Project } from '../model/project.js';
import type { ReleaseContext } from '../model/release.js';

export const OCI = 'org.opencontainers.image';
export const LABEL_RELEASE = 'org.openedx.release';
/** Reserved: the build's input key (src/image/), so a registry can tell identical inputs apart. */
export const LABEL_INPUT_KEY = 'org.openedx.oep45.input-key';

export function imageLabels(project: Project, image: ImageSpec, context: ReleaseContext, version: string | undefined): Record<string, string> {
  const ours: Record<string, string | undefined> = {
    [`${OCI}.title`]: image.name,
    [`${OCI}.description`]: image.description ?? project.metadata.description ?? context.repositoryDescription,
    [`${OCI}.source`]: project.metadata.source ?? context.repositoryUrl,
    [`${OCI}.url`]: project.metadata.url ?? context.repositoryUrl,
    [`${OCI}.revision`]: context.sha || undefined,
    [`${OCI}.created`]: context.created,
    [`${OCI}.version`]: version,
    [`${OCI}.licenses`]: project.metadata.licenses ?? context.license,
    [`${OCI}.vendor`]: project.metadata.vendor,
    [LABEL_RELEASE]: context.release?.name,
  };
  const labels: Record<string, string> = {};
  for (const [key, value] of Object.entries(ours)) if (value) labels[key] = value;
  return { ...labels, ...project.labels };
}
