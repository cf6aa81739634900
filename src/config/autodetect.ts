// Finds the OEP-45 parts of a single-service repository when no config names them: the service's
// Dockerfile (the root `Dockerfile`, else a variant: `docker/Dockerfile`, `.docker/Dockerfile`,
// `Dockerfile-*`, `Dockerfile.*`, `*.Dockerfile`), and the changelog (CHANGELOG, CHANGES, HISTORY
// or NEWS in RST or Markdown, scriv's changelog.d/, or a docs/ changelog page, following an
// `.. include::` to the file it shows). The settings packages are found by src/settings/discover.ts.

import type { FileSource } from '../settings/model.js';

/** Where a variant Dockerfile is looked for, in order of preference after the root `Dockerfile`. */
const DOCKERFILE_FOLDERS = ['docker', '.docker'];

function variant(name: string): boolean {
  if (/\.dockerignore$/i.test(name)) return false;
  return /^Dockerfile[-.]\S+$/.test(name) || /^\S+\.Dockerfile$/.test(name);
}

/** The service's Dockerfile, relative to the root, when there is one. */
export function findDockerfile(source: FileSource): string | undefined {
  const top = source.list('.');
  if (top.includes('Dockerfile') && source.read('Dockerfile') !== undefined) return 'Dockerfile';
  for (const dir of DOCKERFILE_FOLDERS) {
    if (!top.includes(dir)) continue;
    const names = source.list(dir);
    if (names.includes('Dockerfile')) return `${dir}/Dockerfile`;
    const found = names.filter(variant).sort()[0];
    if (found) return `${dir}/${found}`;
  }
  return top.filter((n) => variant(n) && source.read(n) !== undefined).sort()[0];
}

/** Changelog files looked for at the root (any case), in this order; then changelog.d/, then the docs pages. */
export const CHANGELOG_NAMES: readonly string[] = ['CHANGELOG', 'CHANGES', 'HISTORY', 'NEWS'].flatMap((stem) => ['.rst', '.md'].map((ext) => `${stem}${ext}`));
export const DOCS_CHANGELOGS: readonly string[] = ['docs/changelog.rst', 'docs/changes.rst', 'docs/history.rst', 'docs/source/changelog.rst', 'docs/changelog.md'];
const INCLUDE = /^\.\.[ \t]+include::[ \t]+(\S+)/m;

/** A docs page that only shows another file (`.. include:: ../CHANGELOG.rst`) stands for that file. */
function followInclude(source: FileSource, file: string): string {
  const text = source.read(file) ?? '';
  const m = INCLUDE.exec(text);
  if (!m) return file;
  const parts = file.split('/').slice(0, -1);
  for (const part of m[1]!.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.') parts.push(part);
  }
  const target = parts.join('/');
  return !target.startsWith('..') && source.read(target) !== undefined ? target : file;
}

export function findChangelog(source: FileSource): string | undefined {
  const top = source.list('.');
  const upper = new Map(top.map((n) => [n.toUpperCase(), n]));
  for (const name of CHANGELOG_NAMES) {
    const actual = upper.get(name.toUpperCase());
    if (actual && source.read(actual) !== undefined) return actual;
  }
  if (top.includes('changelog.d')) return 'changelog.d';
  for (const file of DOCS_CHANGELOGS) if (source.read(file) !== undefined) return followInclude(source, file);
  return undefined;
}
