// The git adapter: every git command line is made here, so they are easy to read and to test.
// Results are plain values; a repository that is not one, or a missing revision, is `undefined`.

import { exec } from '../util/exec.js';

export class Git {
  constructor(
    readonly cwd: string,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  /** Runs git; resolves stdout without the final newline, or undefined when git fails. */
  async try(args: readonly string[]): Promise<string | undefined> {
    try {
      const r = await exec('git', args, { cwd: this.cwd, env: { ...this.env, GIT_TERMINAL_PROMPT: '0' }, allowFailure: true });
      return r.code === 0 ? r.stdout.replace(/\n$/, '') : undefined;
    } catch {
      return undefined;
    }
  }

  /** Runs git; rejects with git's own message when it fails. */
  async run(args: readonly string[]): Promise<string> {
    const r = await exec('git', args, { cwd: this.cwd, env: { ...this.env, GIT_TERMINAL_PROMPT: '0' } });
    return r.stdout.replace(/\n$/, '');
  }

  async isRepository(): Promise<boolean> {
    return (await this.try(['rev-parse', '--is-inside-work-tree'])) === 'true';
  }

  /** Path of the repository's top folder. */
  async topLevel(): Promise<string | undefined> {
    return this.try(['rev-parse', '--show-toplevel']);
  }

  async revParse(rev: string): Promise<string | undefined> {
    return this.try(['rev-parse', '--verify', '--quiet', `${rev}^{commit}`]);
  }

  /** `refs/heads/<branch>` of HEAD, or undefined when detached. */
  async headRef(): Promise<string | undefined> {
    return this.try(['symbolic-ref', '--quiet', 'HEAD']);
  }

  /** Tag names matching any of the globs (e.g. `open-release/*`), every one; all tags without a glob. */
  async tags(...patterns: string[]): Promise<string[]> {
    const out = await this.try(['tag', '--list', ...patterns]);
    return out ? out.split('\n').filter(Boolean) : [];
  }

  /** Tags that point at `rev`. */
  async tagsAt(rev: string): Promise<string[]> {
    const out = await this.try(['tag', '--points-at', rev]);
    return out ? out.split('\n').filter(Boolean) : [];
  }

  /**
   * Tags under `prefixes` (e.g. `release/`) that are ancestors of `rev` (or point at it), newest
   * first by creation time, with the commit each one points at. One git call for all of them.
   */
  async mergedTags(rev: string, prefixes: readonly string[]): Promise<{ name: string; commit: string; time: number }[]> {
    const refs = prefixes.map((p) => `refs/tags/${p}`);
    const out = await this.try([
      'for-each-ref',
      `--merged=${rev}`,
      '--sort=-creatordate',
      '--format=%(refname)%09%(objectname)%09%(*objectname)%09%(creatordate:unix)',
      ...refs,
    ]);
    if (!out) return [];
    return out.split('\n').flatMap((line) => {
      const [ref, object, peeled, time] = line.split('\t');
      if (!ref || !object) return [];
      return [{ name: ref.replace(/^refs\/tags\//, ''), commit: peeled || object, time: Number(time) || 0 }];
    });
  }

  /** Files that differ between two revisions under `path` (relative to the repository top), undefined when git fails. */
  async changedFiles(from: string, to: string, path = '.'): Promise<string[] | undefined> {
    const out = await this.try(['diff', '--name-only', '--no-renames', from, to, '--', path]);
    return out === undefined ? undefined : out.split('\n').filter(Boolean);
  }

  /** The newest commit up to `rev` that changed `path` (relative to the repository top), or undefined. */
  async lastCommitTouching(path: string, rev = 'HEAD'): Promise<string | undefined> {
    return (await this.try(['log', '-1', '--format=%H', rev, '--', path])) || undefined;
  }

  /** Committer time of `rev` as an ISO timestamp. */
  async commitTime(rev = 'HEAD'): Promise<string | undefined> {
    const out = await this.try(['show', '-s', '--format=%cI', rev]);
    return out ? new Date(out).toISOString() : undefined;
  }

  /**
   * A file's text at a revision (path relative to the repository top), or undefined. With
   * `maxBytes`, a blob larger than that is not read at all (its size is asked first) and reads as
   * undefined: a revision of a repository is as untrusted as its working tree.
   */
  async showFile(rev: string, path: string, maxBytes?: number): Promise<string | undefined> {
    if (maxBytes !== undefined) {
      const size = Number(await this.try(['cat-file', '-s', `${rev}:${path}`]));
      if (!Number.isFinite(size) || size > maxBytes) return undefined;
    }
    return this.try(['show', `${rev}:${path}`]);
  }

  /**
   * Files under `path` (relative to the repository top; `.` is the top) at a revision, relative to
   * the repository top — from any folder of the work tree (`--full-tree`: without it git reads
   * `path` from, and lists relative to, the current folder, which finds nothing in a subfolder).
   */
  async listFiles(rev: string, path = '.'): Promise<string[]> {
    const out = await this.try(['ls-tree', '--full-tree', '-r', '--name-only', rev, '--', path]);
    return out ? out.split('\n').filter(Boolean) : [];
  }

  /** The tree id of `path` (relative to the repository top) at `rev`. */
  async treeId(rev: string, path: string): Promise<string | undefined> {
    const spec = path === '' || path === '.' ? `${rev}^{tree}` : `${rev}:${path}`;
    return this.try(['rev-parse', '--verify', '--quiet', spec]);
  }

  /** True when nothing under `path` differs from HEAD (tracked changes or untracked files). */
  async isClean(path = '.'): Promise<boolean> {
    const out = await this.try(['status', '--porcelain', '--untracked-files=normal', '--', path]);
    return out === '';
  }

  /**
   * Where the repository is, whether the clone is shallow and HEAD's commit — one git call for
   * what three would ask. Undefined outside a repository; `head` undefined before the first commit.
   */
  async repository(): Promise<{ top: string; shallow: boolean; head?: string } | undefined> {
    let r;
    try {
      r = await exec('git', ['rev-parse', '--show-toplevel', '--is-shallow-repository', '--verify', '--quiet', 'HEAD^{commit}'], {
        cwd: this.cwd,
        env: { ...this.env, GIT_TERMINAL_PROMPT: '0' },
        allowFailure: true,
      });
    } catch {
      return undefined;
    }
    const [top, shallow, head] = r.stdout.split('\n');
    if (!top || (shallow !== 'true' && shallow !== 'false')) return undefined;
    return { top, shallow: shallow === 'true', ...(r.code === 0 && head ? { head } : {}) };
  }

  /** Fetches one tag from origin, its commit only (a shallow clone lacks the other tags); false when that fails. */
  async fetchTag(tag: string): Promise<boolean> {
    return (await this.try(['fetch', '--quiet', '--no-tags', '--depth=1', 'origin', `+refs/tags/${tag}:refs/tags/${tag}`])) !== undefined;
  }

  async isShallow(): Promise<boolean> {
    return (await this.try(['rev-parse', '--is-shallow-repository'])) === 'true';
  }

  /** Whether `ancestor` is an ancestor of `rev`. */
  async isAncestor(ancestor: string, rev: string): Promise<boolean> {
    try {
      const r = await exec('git', ['merge-base', '--is-ancestor', ancestor, rev], { cwd: this.cwd, env: this.env, allowFailure: true });
      return r.code === 0;
    } catch {
      return false;
    }
  }

  /** The best common ancestor of two commits, or undefined (unrelated, or history cut by a shallow clone). */
  async mergeBase(a: string, b: string): Promise<string | undefined> {
    return this.try(['merge-base', a, b]);
  }

  /**
   * The working tree's changes since `base`, as a patch with no context lines, paths relative to
   * this adapter's folder and limited to it (`--relative`), renames followed.
   */
  async diffSince(base: string): Promise<string | undefined> {
    return this.try(['-c', 'core.quotePath=false', 'diff', '--no-color', '--no-ext-diff', '--relative', '--unified=0', '-M', base, '--']);
  }

  /** The commit a remote ref resolves to (`git ls-remote`), or undefined. */
  async lsRemote(url: string, ref: string): Promise<string | undefined> {
    const out = await this.try(['ls-remote', '--', url, ref]);
    if (!out) return /^[0-9a-f]{40}$/.test(ref) ? ref : undefined;
    const lines = out.split('\n').map((l) => l.split('\t'));
    // Prefer the peeled commit of an annotated tag.
    const peeled = lines.find(([, name]) => name?.endsWith('^{}'));
    return (peeled ?? lines[0])?.[0];
  }

  /** The URL of a remote, or undefined. */
  async remoteUrl(name = 'origin'): Promise<string | undefined> {
    return this.try(['remote', 'get-url', name]);
  }

  /** The branch a remote's HEAD names, as the clone recorded it (`origin/HEAD` → `master`). */
  async remoteHead(name = 'origin'): Promise<string | undefined> {
    const ref = await this.try(['symbolic-ref', '--quiet', '--short', `refs/remotes/${name}/HEAD`]);
    return ref?.startsWith(`${name}/`) ? ref.slice(name.length + 1) : undefined;
  }

  /** `rev` named by the tags matching `match`: the tag itself with `exact`, else `<tag>-<n>-g<sha7>`. */
  async describe(rev: string, match: string, exact = false): Promise<string | undefined> {
    return this.try(['describe', '--tags', `--match=${match}`, '--abbrev=7', ...(exact ? ['--exact-match'] : []), rev]);
  }
}
