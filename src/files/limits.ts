// How large each kind of file the tool reads may be. A repository is untrusted input (a pull
// request from a fork): without a bound, a 50 MB Dockerfile or a 200k-line settings module costs
// minutes and gigabytes before any rule says a word. Each limit is far above what real Open edX
// files are (the largest settings module, edx-platform's lms/envs/common.py, has been ~90–250 KB;
// Dockerfiles are a few KB; GitHub caps a webhook payload at 25 MB). docs/configuration.md
// lists them.

export type FileKind = 'config' | 'dockerfile' | 'python' | 'document' | 'workflow' | 'baseline' | 'event' | 'other';

const KIB = 1024;
const MIB = 1024 * KIB;

export const SIZE_LIMITS: Readonly<Record<FileKind, number>> = {
  /** `.oep45.yml`, `images-data.json`, an operator's settings YAML. */
  config: 1 * MIB,
  dockerfile: 1 * MIB,
  /** A settings module, or any Python file the settings model reads. */
  python: 4 * MIB,
  /** A changelog, an operations-manual page, a scriv fragment. */
  document: 4 * MIB,
  /** A GitHub Actions workflow. */
  workflow: 1 * MIB,
  /** `.oep45-baseline.json`: one entry per accepted finding. */
  baseline: 16 * MIB,
  /** `GITHUB_EVENT_PATH`, the webhook payload. */
  event: 32 * MIB,
  other: 4 * MIB,
};

/** What a kind is called in a message: "over the 1 MiB limit for a Dockerfile". */
export const KIND_NAMES: Readonly<Record<FileKind, string>> = {
  config: 'a configuration file',
  dockerfile: 'a Dockerfile',
  python: 'a Python module',
  document: 'a document',
  workflow: 'a workflow',
  baseline: 'a baseline',
  event: 'an event payload',
  other: 'a file',
};

/** The kind of a repository file, by its name, for readers that do not say. */
export function kindOf(rel: string): FileKind {
  const name = rel.slice(rel.lastIndexOf('/') + 1).toLowerCase();
  if (name.endsWith('.py')) return 'python';
  if (name.includes('dockerfile') && !name.endsWith('.dockerignore')) return 'dockerfile';
  if (/^\.oep45-baseline.*\.json$/.test(name) || name.endsWith('.baseline.json')) return 'baseline';
  if (/(^|\/)\.github\/workflows\//.test(rel) && /\.ya?ml$/.test(name)) return 'workflow';
  if (/\.(ya?ml|json)$/.test(name)) return 'config';
  if (/\.(rst|md|txt)$/.test(name) || name.startsWith('changelog') || name.startsWith('changes')) return 'document';
  return 'other';
}

/** `1 MiB`, `52.4 MB` as a person reads it. */
export function formatSize(bytes: number): string {
  if (bytes >= MIB && bytes % MIB === 0) return `${bytes / MIB} MiB`;
  if (bytes >= MIB) return `${(bytes / MIB).toFixed(1)} MiB`;
  if (bytes >= KIB) return `${(bytes / KIB).toFixed(1)} KiB`;
  return `${bytes} bytes`;
}
