// Reads one file without trusting what it is: anything but a regular file (a FIFO, a device such
// as /dev/zero, a socket) is refused before it is opened for reading, so nothing can hang or feed
// bytes forever; a regular file over its size limit is refused before it is read whole, and never
// more than limit + 1 bytes are read even if it grows meanwhile. The type is checked on the open
// descriptor (fstat), opened non-blocking, so a file swapped for a FIFO between lstat and open
// cannot block either.

import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';

export type Refusal =
  /**
   * `link` (relative to the root) is a symbolic link whose target is outside the repository; with
   * `path`, the path itself leaves it (`../../x`).
   */
  | { reason: 'outside'; link: string; target: string; path?: boolean }
  | { reason: 'special'; type: string }
  | { reason: 'too-large'; size: number; limit: number };

export type BoundedRead = { text: string } | { refused: Refusal } | { missing: true; code: string };

/** "a FIFO", "a character device": what a non-regular file is, for a message. */
export function specialType(stats: Stats): string | undefined {
  if (stats.isFile() || stats.isDirectory()) return undefined;
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  if (stats.isSymbolicLink()) return 'a symbolic link';
  return 'not a regular file';
}

const FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/**
 * `path`'s text when it is a regular file of at most `limit` bytes. `noFollow` refuses a symbolic
 * link at the last component (the caller resolved the path already and wants exactly that file).
 * A directory is `missing` with code EISDIR.
 */
export function readBounded(path: string, limit: number, options: { noFollow?: boolean } = {}): BoundedRead {
  let before: Stats;
  try {
    before = statSync(path);
  } catch (error) {
    return { missing: true, code: (error as NodeJS.ErrnoException).code ?? 'ENOENT' };
  }
  if (before.isDirectory()) return { missing: true, code: 'EISDIR' };
  const special = specialType(before);
  if (special) return { refused: { reason: 'special', type: special } };
  if (before.size > limit) return { refused: { reason: 'too-large', size: before.size, limit } };
  let fd: number;
  try {
    fd = openSync(path, FLAGS | (options.noFollow ? (constants.O_NOFOLLOW ?? 0) : 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
    if (code === 'ELOOP') return { refused: { reason: 'special', type: 'a symbolic link' } };
    return { missing: true, code };
  }
  try {
    const stats = fstatSync(fd);
    const now = specialType(stats);
    if (now) return { refused: { reason: 'special', type: now } };
    if (stats.isDirectory()) return { missing: true, code: 'EISDIR' };
    if (stats.size > limit) return { refused: { reason: 'too-large', size: stats.size, limit } };
    // Sized by fstat; grown (never past limit + 1) only if the file grew since.
    let buffer = Buffer.allocUnsafe(Math.min(limit + 1, stats.size + 1));
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length > limit) break;
        const bigger = Buffer.allocUnsafe(Math.min(limit + 1, buffer.length * 2));
        buffer.copy(bigger, 0, 0, length);
        buffer = bigger;
      }
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
    }
    if (length > limit) return { refused: { reason: 'too-large', size: Math.max(length, stats.size), limit } };
    return { text: buffer.toString('utf8', 0, length) };
  } catch (error) {
    return { missing: true, code: (error as NodeJS.ErrnoException).code ?? 'EIO' };
  } finally {
    closeSync(fd);
  }
}
