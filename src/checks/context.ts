// What every rule may look at: the project, the release being built, and the repository's files
// through a cache, so that a file read or parsed by one rule is not read again by the next. Files
// are read through src/files/repo-files.ts: confined to the repository, bounded in size; what it
// refuses reads as absent here and is reported once by OEP45-P002.

import { repoFiles, type RepoFiles } from '../files/repo-files.js';
import type { Project } from '../model/project.js';
import type { ReleaseContext } from '../model/release.js';

export interface Metric {
  label: string;
  value: string;
}

export interface CheckContext {
  project: Project;
  /** The release being built, when the pipeline knows it (plan, build, publish). */
  release?: ReleaseContext;
  /** `--release NAME.N`: check as if this named release were being published. */
  releaseOverride?: string;
  /** File text relative to the root, or undefined when it does not exist or is not a file. */
  readFile(rel: string): string | undefined;
  exists(rel: string): boolean;
  isDirectory(rel: string): boolean;
  /** Names in a folder, sorted; empty when it does not exist. */
  list(rel: string): string[];
  /** The files as read: a refused file (a link out, a FIFO, too large) is absent above and named here (absent in contexts over files in memory). */
  files?: RepoFiles;
  /** Compute `fn` once per key, for parses shared by several rules. */
  memo<T>(key: string, fn: () => T): T;
  /** Figures for the summary, e.g. settings documentation coverage. */
  metrics: Map<string, Metric>;
}

export function createCheckContext(
  project: Project,
  options: { release?: ReleaseContext; releaseOverride?: string; files?: RepoFiles } = {},
): CheckContext {
  const memos = new Map<string, unknown>();
  const files = options.files ?? project.files ?? repoFiles(project.root);
  return {
    project,
    release: options.release,
    releaseOverride: options.releaseOverride,
    readFile: (rel) => files.read(rel),
    exists: (rel) => files.entry(rel) !== 'missing',
    isDirectory: (rel) => files.entry(rel) === 'directory',
    list: (rel) => files.list(rel),
    files,
    memo<T>(key: string, fn: () => T): T {
      if (!memos.has(key)) memos.set(key, fn());
      return memos.get(key) as T;
    },
    metrics: new Map(),
  };
}
