// The build context's content as one digest: a sorted listing of `mode object-id path` for every
// file `.dockerignore` lets through and the Dockerfile reads (context-paths.ts; every file when
// that cannot be told, or when what it reads holds a symbolic link). When git says the context is clean (and no git-ignored file
// would enter the build) the listing comes from `git ls-tree` of HEAD, with no file read; else the
// files are walked and hashed as git would hash them (blob ids). Both give the same digest for the
// same content, so committing a change does not change the key, and a change to a file the
// `.dockerignore` excludes changes neither.

import { createHash } from 'node:crypto';
import { lstat, readdir, readFile, readlink } from 'node:fs/promises';
import { readRequired, repoFiles } from '../../files/repo-files.js';
import { join, relative, resolve, sep } from 'node:path';
import dockerignore from '@balena/dockerignore';
import { Git } from '../../git/git.js';
import { readsPath, type ContextPrefix } from './context-paths.js';

export interface ContextDigest {
  digest: string;
  /** `git` when the listing came from the git tree, `files` when the files were read. */
  source: 'git' | 'files';
  files: number;
  /** Whether the listing kept only the paths the Dockerfile reads (false: the whole context). */
  narrowed: boolean;
}

export interface ListingEntry {
  mode: string;
  oid: string;
  path: string;
}

type Matcher = { ignores(path: string): boolean };

/** The patterns that apply: `<Dockerfile>.dockerignore` beside the Dockerfile wins (BuildKit), else `<context>/.dockerignore`. */
export async function readDockerignore(contextDir: string, dockerfilePath: string, root = contextDir): Promise<string[]> {
  // Confined to the project and bounded (src/files/repo-files.ts): a FIFO or a link out is refused.
  const files = repoFiles(root);
  for (const file of [`${dockerfilePath}.dockerignore`, join(contextDir, '.dockerignore')]) {
    const rel = relative(root, file).split(sep).join('/');
    if (files.entry(rel) === 'missing') continue;
    const text = readRequired(files, rel, 'config');
    if (text !== undefined) {
      return text
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter((l) => l && !l.startsWith('#'));
    }
  }
  return [];
}

// A CommonJS module whose types declare an ES default export: take whichever form is there.
type IgnoreFactory = (options?: { ignorecase?: boolean }) => { add(patterns: string[]): Matcher };
const ignoreFactory = ((dockerignore as unknown as { default?: IgnoreFactory }).default ?? dockerignore) as unknown as IgnoreFactory;

function matcher(patterns: string[]): Matcher {
  return ignoreFactory({ ignorecase: false }).add(patterns);
}

/** The digest of a listing (pure: the unit test pins its form). */
export function listingDigest(entries: readonly ListingEntry[]): string {
  const hash = createHash('sha256');
  const sorted = [...entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const e of sorted) hash.update(`${e.mode} ${e.oid}\t${e.path}\n`);
  return `sha256:${hash.digest('hex')}`;
}

/** git's blob id of some content, so walked files and `git ls-tree` agree. */
export function gitBlobId(content: Buffer): string {
  return createHash('sha1').update(`blob ${content.length}\0`).update(content).digest('hex');
}

async function walk(dir: string, ignored: Matcher, descendIgnored: boolean): Promise<ListingEntry[]> {
  const entries: ListingEntry[] = [];
  const visit = async (abs: string): Promise<void> => {
    for (const dirent of await readdir(abs, { withFileTypes: true })) {
      const full = join(abs, dirent.name);
      const rel = relative(dir, full).split(sep).join('/');
      // .git is never part of the key: what it records is the tree itself, listed here.
      const skip = rel === '.git' || ignored.ignores(rel);
      if (dirent.isDirectory()) {
        if (!skip || descendIgnored) await visit(full);
        continue;
      }
      if (skip) continue;
      if (dirent.isSymbolicLink()) {
        entries.push({ mode: '120000', oid: gitBlobId(Buffer.from(await readlink(full))), path: rel });
      } else if (dirent.isFile()) {
        const stat = await lstat(full);
        entries.push({ mode: stat.mode & 0o111 ? '100755' : '100644', oid: gitBlobId(await readFile(full)), path: rel });
      }
    }
  };
  await visit(dir);
  return entries;
}

/**
 * The listing from git when the context is clean there and nothing git-ignored would enter the
 * build. The three questions are asked at once (each is a process start); `ls-tree` of `.` lists
 * the context's part of HEAD with paths relative to it.
 */
async function gitListing(contextDir: string, matching: Promise<Matcher>, env: NodeJS.ProcessEnv): Promise<ListingEntry[] | undefined> {
  const git = new Git(contextDir, env);
  const [clean, gitIgnored, out, ignored] = await Promise.all([
    git.isClean('.'),
    git.try(['ls-files', '-z', '--others', '--ignored', '--exclude-standard', '--directory', '--', '.']),
    git.try(['ls-tree', '-r', '-z', 'HEAD', '--', '.']),
    matching,
  ]);
  if (!clean || gitIgnored === undefined || out === undefined) return undefined;
  const strays = gitIgnored
    .split('\0')
    .filter(Boolean)
    .map((p) => p.replace(/\/$/, ''))
    .filter((p) => !ignored.ignores(p));
  if (strays.length) return undefined;
  const entries: ListingEntry[] = [];
  for (const record of out.split('\0').filter(Boolean)) {
    const m = /^(\d+) \w+ ([0-9a-f]+)\t(.*)$/s.exec(record);
    if (!m) return undefined;
    const [, mode, oid, path] = m as unknown as [string, string, string, string];
    if (!ignored.ignores(path)) entries.push({ mode, oid, path });
  }
  return entries;
}

/**
 * The entries the Dockerfile reads, or all of them when it may read every file or when a symbolic
 * link is among (or above) what it reads: BuildKit follows those, and the listing does not.
 */
export function narrowListing(entries: readonly ListingEntry[], reads: readonly ContextPrefix[] | undefined): { entries: readonly ListingEntry[]; narrowed: boolean } {
  if (!reads) return { entries, narrowed: false };
  const kept = entries.filter((e) => readsPath(reads, e.path));
  if (kept.some((e) => e.mode === '120000')) return { entries, narrowed: false };
  return { entries: kept, narrowed: true };
}

/** `reads`: the context paths the Dockerfile reads (dockerfile-sources.ts); undefined for all. */
export async function contextDigest(
  contextDir: string,
  dockerfilePath: string,
  env: NodeJS.ProcessEnv = process.env,
  reads?: readonly ContextPrefix[],
  root = contextDir,
): Promise<ContextDigest> {
  const dir = resolve(contextDir);
  // The .dockerignore is read while git answers.
  const reading = readDockerignore(dir, resolve(dockerfilePath), resolve(root));
  const fromGit = await gitListing(dir, reading.then(matcher), env);
  const patterns = await reading;
  const source = fromGit ? 'git' : 'files';
  const listed = fromGit ?? (await walk(dir, matcher(patterns), patterns.some((p) => p.startsWith('!'))));
  const { entries, narrowed } = narrowListing(listed, reads);
  return { digest: listingDigest(entries), source, files: entries.length, narrowed };
}
