// The build context's digest (the input key) over hostile content: a symbolic link out of the
// repository counts as the path it holds (as git stores it), never as the content it points at;
// a FIFO is skipped without being opened; a `.dockerignore` that is a FIFO or links out is refused
// with one clear error. The folder is no git repository, so every file is walked and hashed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contextDigest } from '../../src/image/input-key/context-digest.js';

let scratch: string;
let ctx: string;
const env = { PATH: process.env.PATH, GIT_CEILING_DIRECTORIES: tmpdir() };

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'oep45-context-hostile-'));
  ctx = join(scratch, 'ctx');
  mkdirSync(ctx);
  writeFileSync(join(scratch, 'secret.txt'), 'one\n');
  writeFileSync(join(ctx, 'Dockerfile'), 'FROM scratch\nCOPY . /app\n');
  writeFileSync(join(ctx, 'app.py'), 'print(1)\n');
  symlinkSync(join(scratch, 'secret.txt'), join(ctx, 'secret-link'));
  execFileSync('mkfifo', [join(ctx, 'pipe')]);
});

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('contextDigest over hostile content', () => {
  it('a link out is its path, not its target: changing the target leaves the key; a FIFO is skipped', async () => {
    const before = await contextDigest(ctx, join(ctx, 'Dockerfile'), env, undefined, ctx);
    expect(before.source).toBe('files');
    expect(before.files).toBe(3); // Dockerfile, app.py, secret-link — not the FIFO
    writeFileSync(join(scratch, 'secret.txt'), 'two, longer\n');
    expect((await contextDigest(ctx, join(ctx, 'Dockerfile'), env, undefined, ctx)).digest).toBe(before.digest);
    writeFileSync(join(ctx, 'app.py'), 'print(2)\n');
    expect((await contextDigest(ctx, join(ctx, 'Dockerfile'), env, undefined, ctx)).digest).not.toBe(before.digest);
  });

  it.each([
    ['a FIFO', (path: string) => execFileSync('mkfifo', [path]), /^\.dockerignore: not read: it is a FIFO \(named pipe\), not a regular file$/],
    ['a link out', (path: string) => symlinkSync(join(scratch, 'secret.txt'), path), /^\.dockerignore: not read: it is a symbolic link that points outside the repository/],
  ])('a .dockerignore that is %s is one clear error', async (_, make, message) => {
    const path = join(ctx, '.dockerignore');
    make(path);
    try {
      await expect(contextDigest(ctx, join(ctx, 'Dockerfile'), env, undefined, ctx)).rejects.toSatisfy((e: Error) => message.test(String(e)));
    } finally {
      rmSync(path);
    }
  });
});
