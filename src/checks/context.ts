// What every rule may look at: the project, the release being built, and the repository's files
// through a cache, so that a file read or parsed by one rule is not read again by the next.

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
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
  /** Compute `fn` once per key, for parses shared by several rules. */
  memo<T>(key: string, fn: () => T): T;
  /** Figures for the summary, e.g. settings documentation coverage. */
  metrics: Map<string, Metric>;
}

export function createCheckContext(
  project: Project,
  options: { release?: ReleaseContext; releaseOverride?: string } = {},
): CheckContext {
  const texts = new Map<string, string | undefined>();
  const memos = new Map<string, unknown>();
  const abs = (rel: string): string => join(project.root, rel);
  return {
    project,
    release: options.release,
    releaseOverride: options.releaseOverride,
    readFile(rel) {
      if (!texts.has(rel)) {
        let text: string | undefined;
        try {
          text = statSync(abs(rel)).isFile() ? readFileSync(abs(rel), 'utf8') : undefined;
        } catch {
          text = undefined;
        }
        texts.set(rel, text);
      }
      return texts.get(rel);
    },
    exists: (rel) => existsSync(abs(rel)),
    isDirectory(rel) {
      try {
        return statSync(abs(rel)).isDirectory();
      } catch {
        return false;
      }
    },
    list(rel) {
      try {
        return readdirSync(abs(rel)).sort();
      } catch {
        return [];
      }
    },
    memo<T>(key: string, fn: () => T): T {
      if (!memos.has(key)) memos.set(key, fn());
      return memos.get(key) as T;
    },
    metrics: new Map(),
  };
}
