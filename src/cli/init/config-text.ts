// The `.oep45.yml` that `oep45 init` writes: what it found, each value with a comment saying what
// it does and what to adjust; what it did not find stays as a commented-out key with the rule that
// will ask for it. Written as text (not by a YAML serializer) so that the comments sit where a
// maintainer reads them; parsed back against the schema before anything is written.

import type { RepositoryFacts } from './detect.js';
import type { RunningRelease } from './running-release.js';

const REPO = 'https://github.com/openedx/oep45-action';

export function docsUrl(release: RunningRelease, path: string): string {
  return `${REPO}/blob/${release.released ? release.label : release.commit}/${path}`;
}

/** The image names the config gives, as the starters' manual run can choose them. */
export function imageNames(facts: RepositoryFacts): string[] {
  const images = facts.images;
  if (!images) return [];
  if (images.kind !== 'dockerfile') return images.names;
  return [facts.name, ...(images.devTarget ? [`${facts.name}-dev`] : [])];
}

function imagesBlock(facts: RepositoryFacts): string[] {
  const images = facts.images!;
  if (images.kind === 'config') throw new Error('init writes no .oep45.yml when it keeps one');
  if (images.kind === 'images-data') {
    return [
      `# The images: one per entry of ${images.file} (${images.names.join(', ')}), read as it is.`,
      `images-data: ${images.file}`,
    ];
  }
  const lines = [`# The image built from ${images.dockerfile}${images.stages.length ? ` (stages: ${images.stages.join(', ')})` : ''}.`, 'images:', `  - name: ${facts.name}`];
  if (images.dockerfile !== 'Dockerfile') lines.push(`    dockerfile: ${images.dockerfile}`);
  if (images.target) {
    lines.push(`    # The stage that is published.`, `    target: ${images.target}`);
  } else {
    lines.push(`    # The last stage is published; name another with \`target: <stage>\`.`);
  }
  if (images.devTarget) {
    lines.push(`    # Also publish ${facts.name}-dev from the ${images.devTarget} stage; remove to publish only ${facts.name}.`, '    dev:', `      target: ${images.devTarget}`);
  }
  return lines;
}

export function configText(facts: RepositoryFacts, release: RunningRelease): string {
  const schema = `https://raw.githubusercontent.com/openedx/oep45-action/${release.commit}/schemas/oep45.schema.json`;
  const lines = [
    `# yaml-language-server: $schema=${schema}`,
    `# How oep45-action checks, builds and tags ${facts.name}, written by \`oep45 init\` (oep45-action`,
    `# ${release.label}). Adjust what it found, then run \`oep45 check\` until it passes. Every key is`,
    `# described in ${docsUrl(release, 'docs/configuration.md')}`,
    `name: ${facts.name}`,
    '',
    `# Where images are published; every tag goes to every registry. Found: ${facts.registry.from}.`,
    'registries:',
    ...facts.registry.registries.map((r) => `  - ${r}`),
    '',
    ...imagesBlock(facts),
  ];
  if (facts.images?.kind === 'dockerfile') {
    lines.push('');
    lines.push(
      ...(facts.settingsDir
        ? ['# The Django settings package the settings rules read.', `settings: ${facts.settingsDir}`]
        : ['# No settings package was found (OEP45-S001): name it when it is not `<package>/settings/`.', '# settings: myservice/settings']),
    );
  }
  // A repository of many images' Dockerfiles owes no changelog of its own; a service does.
  if (facts.changelog) lines.push('', '# The changelog operators read before upgrading.', `changelog: ${facts.changelog}`);
  else if (facts.images?.kind === 'dockerfile') lines.push('', '# No changelog was found (OEP45-C001): add CHANGELOG.rst, or name yours here.', '# changelog: CHANGELOG.rst');
  if (facts.images?.kind === 'dockerfile' && !facts.hasOperationsManual) {
    lines.push('', '# No operations manual in docs/operations/ (OEP45-O001): name its folder when it is elsewhere.', '# operations:', '#   path: docs/operations');
  }
  return lines.join('\n') + '\n';
}
