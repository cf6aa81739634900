// A project's files at a git revision as the synchronous readers want them (settings discovery,
// the changelog reader): every file name of the revision is listed once, texts are fetched
// through the git adapter. A synchronous reader cannot wait for git, so `settle` runs it in
// rounds: each round answers from what is fetched, notes what it asked for that is not, fetches
// that, and runs again — until a round asks for nothing new. Readers are deterministic given their
// reads, so the last round is the reading of the whole revision.

import type { Git } from '../git/git.js';
import type { FileSource } from './model.js';
import { kindOf, SIZE_LIMITS } from '../files/limits.js';

const MAX_ROUNDS = 12;

export class RevisionTree {
  /** Fetched texts; undefined for a blob over its kind's size limit, which reads as missing. */
  private readonly texts = new Map<string, string | undefined>();
  private readonly wanted = new Set<string>();
  private constructor(
    private readonly git: Git,
    readonly rev: string,
    private readonly prefix: string,
    private readonly files: Set<string>,
    private readonly dirs: Map<string, string[]>,
  ) {}

  /** `prefix` is the project root relative to the repository's top ('' at the top). */
  static async at(git: Git, rev: string, prefix: string): Promise<RevisionTree> {
    const strip = (p: string): string => (prefix ? p.slice(prefix.length + 1) : p);
    const all = (await git.listFiles(rev, prefix || '.')).map(strip);
    const dirs = new Map<string, Set<string>>();
    for (const file of all) {
      const parts = file.split('/');
      for (let i = 0; i < parts.length; i++) {
        const dir = i === 0 ? '.' : parts.slice(0, i).join('/');
        if (!dirs.has(dir)) dirs.set(dir, new Set());
        dirs.get(dir)!.add(parts[i]!);
      }
    }
    return new RevisionTree(git, rev, prefix, new Set(all), new Map([...dirs].map(([d, names]) => [d, [...names].sort()])));
  }

  private norm(rel: string): string {
    return rel.replace(/^\.\//, '').replace(/\/+$/, '') || '.';
  }

  exists(rel: string): boolean {
    const r = this.norm(rel);
    return this.files.has(r) || this.dirs.has(r);
  }

  isDirectory(rel: string): boolean {
    return this.dirs.has(this.norm(rel));
  }

  /** The text when fetched; a file not fetched yet is noted for the next round. */
  read(rel: string): string | undefined {
    const r = this.norm(rel);
    if (!this.files.has(r)) return undefined;
    if (!this.texts.has(r)) this.wanted.add(r);
    return this.texts.get(r);
  }

  list(rel: string): string[] {
    return this.dirs.get(this.norm(rel)) ?? [];
  }

  source(): FileSource {
    return { read: (rel) => this.read(rel), list: (rel) => this.list(rel) };
  }

  async fetch(files: Iterable<string>): Promise<void> {
    await Promise.all(
      [...files].map(async (file) => {
        if (this.texts.has(file)) return;
        // A revision is as untrusted as the working tree: the same size limits (src/files/limits.ts).
        this.texts.set(file, await this.git.showFile(this.rev, this.prefix ? `${this.prefix}/${file}` : file, SIZE_LIMITS[kindOf(file)]));
      }),
    );
  }

  /** Runs a synchronous reader until every file it reads is fetched; its last answer. */
  async settle<T>(reader: () => T): Promise<T> {
    for (let round = 0; ; round++) {
      this.wanted.clear();
      const answer = reader();
      if (!this.wanted.size || round >= MAX_ROUNDS) return answer;
      await this.fetch(this.wanted);
    }
  }
}
