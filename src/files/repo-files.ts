// The one way the tool reads a repository's files (the working tree of a checkout, which a pull
// request from a fork controls). Every path is resolved inside the project root with realpath: a
// symbolic link that leads out of the checkout (to /etc/passwd, to the runner's credentials) is
// not read, and neither is a file or folder under such a link. Links that stay inside are
// followed as git and Docker follow them. Anything that is not a regular file or a folder (a FIFO,
// /dev/zero) is refused without being opened for reading, and each file is bounded by the size
// limit of its kind (src/files/limits.ts). A refused file reads as absent to the rule that asked,
// and is remembered: OEP45-P002 reports each one once (src/checks/project/p002-unsafe-file.ts), and
// the readers that cannot go on without a file (`.oep45.yml`, `images-data.json`) raise a UserError
// with the message below.

import { lstatSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { UserError } from '../util/errors.js';
import { readBounded, specialType, type Refusal } from './bounded-read.js';
import { formatSize, KIND_NAMES, kindOf, SIZE_LIMITS, type FileKind } from './limits.js';

export type { Refusal } from './bounded-read.js';

export type EntryType = 'file' | 'directory' | 'missing' | 'refused';

export interface RepoFiles {
  readonly root: string;
  /** A file's text, or undefined when it is missing, a folder, or refused (see refusal()). */
  read(rel: string, kind?: FileKind): string | undefined;
  /** What is at `rel`, without reading it; `refused` for a link out or a FIFO, device, socket. */
  entry(rel: string): EntryType;
  /** Names in a folder, sorted; empty when it is missing or refused. */
  list(rel: string): string[];
  /** Why `rel` was refused, when it was (by read, entry or list). */
  refusal(rel: string): Refusal | undefined;
  /** Every refusal so far, each under the path that caused it (the link, not each file below it). */
  refusals(): { file: string; refusal: Refusal }[];
}

const toPosix = (path: string): string => path.split(sep).join('/');

/** What a refused file is, after "is": "a FIFO (named pipe), not a regular file". */
export function refusalText(refusal: Refusal, kind: FileKind): string {
  switch (refusal.reason) {
    case 'outside':
      if (refusal.path) return 'outside the repository';
      return `a symbolic link that points outside the repository (to ${refusal.target})`;
    case 'special':
      return `${refusal.type}, not a regular file`;
    case 'too-large':
      return `${formatSize(refusal.size)}, over the ${formatSize(refusal.limit)} limit for ${KIND_NAMES[kind]}`;
  }
}

/** One sentence: what the file is and that it was not read. */
export function describeRefusal(file: string, refusal: Refusal, kind: FileKind = kindOf(file)): string {
  if (refusal.reason === 'outside' && refusal.link !== file && !refusal.path) {
    return `${file} is under ${refusal.link}, a symbolic link that points outside the repository (to ${refusal.target}): it was not read`;
  }
  return `${file} is ${refusalText(refusal, kind)}: it was not read`;
}

export function repoFiles(root: string): RepoFiles {
  let realRoot: string;
  try {
    realRoot = realpathSync(root);
  } catch {
    realRoot = root;
  }
  const texts = new Map<string, string | undefined>();
  const entries = new Map<string, EntryType>();
  const lists = new Map<string, string[]>();
  const refused = new Map<string, Refusal>();
  /** Refusals by the path that caused them, in the order met. */
  const causes = new Map<string, Refusal>();

  const inside = (real: string): boolean => real === realRoot || real.startsWith(realRoot.endsWith(sep) ? realRoot : realRoot + sep);

  const refuse = (rel: string, refusal: Refusal): void => {
    refused.set(rel, refusal);
    const cause = refusal.reason === 'outside' ? refusal.link : rel;
    if (!causes.has(cause)) causes.set(cause, refusal);
  };

  /** The first link on the way to `rel` that leads out of the root, if any. */
  const linkOut = (rel: string): Refusal | undefined => {
    const parts = rel.split('/').filter((p) => p && p !== '.');
    for (let i = 1; i <= parts.length; i++) {
      const prefix = parts.slice(0, i).join('/');
      let stats;
      try {
        stats = lstatSync(join(root, prefix));
      } catch {
        return undefined;
      }
      if (!stats.isSymbolicLink()) continue;
      let real: string;
      try {
        real = realpathSync(join(root, prefix));
      } catch {
        return undefined; // a dangling link: nothing to read
      }
      if (!inside(real)) return { reason: 'outside', link: prefix, target: real };
    }
    return undefined;
  };

  /** The real path of `rel` when it is inside the root, else the refusal (or undefined when missing). */
  const resolveInside = (rel: string): { real?: string; refusal?: Refusal } => {
    if (isAbsolute(rel) || toPosix(relative(realRoot, join(realRoot, rel))).startsWith('..')) {
      return { refusal: { reason: 'outside', link: rel, target: join(root, rel), path: true } };
    }
    let real: string;
    try {
      real = realpathSync(join(root, rel));
    } catch {
      return {};
    }
    if (inside(real)) return { real };
    return { refusal: linkOut(rel) ?? { reason: 'outside', link: rel, target: real } };
  };

  const entry = (rel: string): EntryType => {
    const known = entries.get(rel);
    if (known) return known;
    let type: EntryType;
    const { real, refusal } = resolveInside(rel);
    if (refusal) {
      refuse(rel, refusal);
      type = 'refused';
    } else if (!real) {
      type = 'missing';
    } else {
      try {
        const stats = statSync(real);
        const special = specialType(stats);
        if (special) {
          refuse(rel, { reason: 'special', type: special });
          type = 'refused';
        } else {
          type = stats.isDirectory() ? 'directory' : 'file';
        }
      } catch {
        type = 'missing';
      }
    }
    entries.set(rel, type);
    return type;
  };

  return {
    root,
    read(rel, kind) {
      if (texts.has(rel)) return texts.get(rel);
      let text: string | undefined;
      if (entry(rel) === 'file') {
        const { real } = resolveInside(rel);
        const got = real ? readBounded(real, SIZE_LIMITS[kind ?? kindOf(rel)], { noFollow: true }) : undefined;
        if (got && 'text' in got) text = got.text;
        else if (got && 'refused' in got) refuse(rel, got.refused);
      }
      texts.set(rel, text);
      return text;
    },
    entry,
    list(rel) {
      let names = lists.get(rel);
      if (!names) {
        names = [];
        if (entry(rel) === 'directory') {
          try {
            names = readdirSync(resolveInside(rel).real!).sort();
          } catch {
            names = [];
          }
        }
        lists.set(rel, names);
      }
      return names;
    },
    refusal: (rel) => refused.get(rel),
    refusals: () => [...causes].map(([file, refusal]) => ({ file, refusal })),
  };
}

/**
 * A file the run cannot go on without (`.oep45.yml`, `images-data.json`): its text, undefined when
 * it does not exist, a UserError naming it when it is refused or unreadable.
 */
export function readRequired(files: RepoFiles, rel: string, kind: FileKind): string | undefined {
  const text = files.read(rel, kind);
  if (text !== undefined) return text;
  const refusal = files.refusal(rel);
  if (refusal) throw new UserError(refusal.reason === 'outside' && refusal.link !== rel && !refusal.path ? describeRefusal(rel, refusal, kind) : `not read: it is ${refusalText(refusal, kind)}`, { file: rel });
  const type = files.entry(rel);
  if (type === 'missing') return undefined;
  if (type === 'directory') throw new UserError(`cannot read ${rel}: it is a folder`, { file: rel });
  throw new UserError(`cannot read ${rel}`, { file: rel });
}

/**
 * A file a person named (`--config`, `baseline:`), relative to the project root: inside the root,
 * read as readRequired reads it; named outside on purpose (`../shared/.oep45.yml` in a monorepo),
 * bounded but not confined. Undefined when it does not exist.
 */
export function readNamedFile(files: RepoFiles, rel: string, kind: FileKind): string | undefined {
  const abs = resolve(files.root, rel);
  const inRoot = toPosix(relative(files.root, abs));
  if (!inRoot.startsWith('../') && inRoot !== '..' && !isAbsolute(inRoot)) return readRequired(files, inRoot || '.', kind);
  const got = readBounded(abs, SIZE_LIMITS[kind]);
  if ('text' in got) return got.text;
  if ('refused' in got) throw new UserError(describeRefusal(rel, got.refused, kind), { file: rel });
  if (got.code === 'ENOENT') return undefined;
  throw new UserError(`cannot read ${rel}: ${got.code}`, { file: rel });
}
