// The one reader of a repository's files (src/files/): each entry a real file system shape in a
// temp folder — regular files, links inside and out, a FIFO, /dev/null, files over their limit —
// and what reading it gives. A FIFO that were opened for reading would block the test until its
// timeout: the FIFO cases pass only because it is never opened.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readBounded } from '../../src/files/bounded-read.js';
import { kindOf, formatSize } from '../../src/files/limits.js';
import { describeRefusal, readNamedFile, readRequired, repoFiles } from '../../src/files/repo-files.js';
import { UserError } from '../../src/util/errors.js';

let scratch: string;
let root: string;

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'oep45-repo-files-'));
  root = join(scratch, 'repo');
  mkdirSync(join(root, 'docs/operations'), { recursive: true });
  mkdirSync(join(root, 'svc/settings'), { recursive: true });
  writeFileSync(join(scratch, 'secret.txt'), 'outside\n');
  mkdirSync(join(scratch, 'elsewhere'));
  writeFileSync(join(scratch, 'elsewhere/base.py'), 'X = 1\n');
  writeFileSync(join(root, 'CHANGELOG.rst'), 'Change Log\n==========\n');
  writeFileSync(join(root, 'docs/operations/index.rst'), 'Operations\n==========\n');
  writeFileSync(join(root, 'svc/settings/base.py'), 'DEBUG = False\n');
  symlinkSync('CHANGELOG.rst', join(root, 'HISTORY.rst')); // inside: followed
  symlinkSync('../svc/settings', join(root, 'docs/settings')); // a folder inside: followed
  symlinkSync(join(scratch, 'secret.txt'), join(root, 'NEWS.rst')); // out, absolute
  symlinkSync('../../secret.txt', join(root, 'svc/secret.py')); // out, relative
  symlinkSync(join(scratch, 'elsewhere'), join(root, 'linked')); // a folder out
  symlinkSync('/dev/null', join(root, 'null.yml'));
  symlinkSync('missing-target', join(root, 'dangling.rst'));
  execFileSync('mkfifo', [join(root, 'fifo.yml')]);
  execFileSync('truncate', ['-s', '3M', join(root, 'big.py')]); // over 2 MiB
  execFileSync('truncate', ['-s', '1M', join(root, 'Dockerfile')]); // exactly the limit: read
  execFileSync('truncate', ['-s', '1048577', join(root, 'app.Dockerfile')]); // one byte over
});

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('repoFiles', () => {
  const cases: { rel: string; entry: string; text?: string | RegExp; refused?: RegExp }[] = [
    { rel: 'CHANGELOG.rst', entry: 'file', text: 'Change Log\n==========\n' },
    { rel: 'HISTORY.rst', entry: 'file', text: 'Change Log\n==========\n' },
    { rel: 'docs/settings/base.py', entry: 'file', text: 'DEBUG = False\n' },
    { rel: 'docs/operations', entry: 'directory' },
    { rel: 'nope.rst', entry: 'missing' },
    { rel: '..nope.rst', entry: 'missing' }, // a name that starts with two dots is no way out
    { rel: 'dangling.rst', entry: 'missing' },
    { rel: 'NEWS.rst', entry: 'refused', refused: /^NEWS\.rst is a symbolic link that points outside the repository \(to .*secret\.txt\): it was not read$/ },
    { rel: 'svc/secret.py', entry: 'refused', refused: /^svc\/secret\.py is a symbolic link that points outside the repository \(to .*secret\.txt\): it was not read$/ },
    { rel: 'linked', entry: 'refused', refused: /^linked is a symbolic link that points outside the repository \(to .*elsewhere\): it was not read$/ },
    { rel: 'linked/base.py', entry: 'refused', refused: /^linked\/base\.py is under linked, a symbolic link that points outside the repository \(to .*elsewhere\): it was not read$/ },
    { rel: '../secret.txt', entry: 'refused', refused: /^\.\.\/secret\.txt is outside the repository: it was not read$/ },
    { rel: 'null.yml', entry: 'refused', refused: /^null\.yml is a symbolic link that points outside the repository \(to \/dev\/null\)/ },
    { rel: 'fifo.yml', entry: 'refused', refused: /^fifo\.yml is a FIFO \(named pipe\), not a regular file: it was not read$/ },
    { rel: 'big.py', entry: 'file', refused: /^big\.py is 3 MiB, over the 2 MiB limit for a Python module: it was not read$/ },
    { rel: 'Dockerfile', entry: 'file', text: /^\0+$/ },
    { rel: 'app.Dockerfile', entry: 'file', refused: /^app\.Dockerfile is 1\.0 MiB, over the 1 MiB limit for a Dockerfile: it was not read$/ },
  ];
  for (const c of cases) {
    it(`${c.rel}: ${c.entry}${c.refused ? ', refused' : ''}`, () => {
      const files = repoFiles(root);
      expect(files.entry(c.rel)).toBe(c.entry);
      const text = files.read(c.rel);
      if (c.text instanceof RegExp) expect(text).toMatch(c.text);
      else expect(text).toBe(c.text);
      const refusal = files.refusal(c.rel);
      if (c.refused) expect(describeRefusal(c.rel, refusal!)).toMatch(c.refused);
      else expect(refusal).toBeUndefined();
    });
  }

  it('lists a folder inside, and nothing of a folder outside', () => {
    const files = repoFiles(root);
    expect(files.list('docs/operations')).toEqual(['index.rst']);
    expect(files.list('docs/settings')).toEqual(['base.py']);
    expect(files.list('linked')).toEqual([]);
    expect(files.list('..')).toEqual([]);
  });

  it('names each cause once: the link, not every file under it', () => {
    const files = repoFiles(root);
    files.read('linked/base.py');
    files.read('linked/other.py');
    files.list('linked');
    files.read('fifo.yml');
    expect(files.refusals().map((r) => r.file)).toEqual(['linked', 'fifo.yml']);
  });
});

describe('readRequired and readNamedFile', () => {
  const cases: { rel: string; result: string | undefined | RegExp }[] = [
    { rel: 'CHANGELOG.rst', result: 'Change Log\n==========\n' },
    { rel: 'nope.yml', result: undefined },
    { rel: 'fifo.yml', result: /^fifo\.yml: not read: it is a FIFO \(named pipe\), not a regular file$/ },
    { rel: 'NEWS.rst', result: /^NEWS\.rst: not read: it is a symbolic link that points outside the repository/ },
    { rel: 'docs/operations', result: /^docs\/operations: cannot read docs\/operations: it is a folder$/ },
  ];
  for (const c of cases) {
    it(`readRequired ${c.rel}`, () => {
      let got: unknown;
      try {
        got = readRequired(repoFiles(root), c.rel, 'config');
      } catch (error) {
        expect(error).toBeInstanceOf(UserError);
        got = String(error);
      }
      if (c.result instanceof RegExp) expect(got).toMatch(c.result);
      else expect(got).toBe(c.result);
    });
  }

  it('a path named outside the root on purpose is read, bounded, not confined', () => {
    expect(readNamedFile(repoFiles(root), '../secret.txt', 'config')).toBe('outside\n');
    expect(readNamedFile(repoFiles(root), '../nope.yml', 'config')).toBeUndefined();
  });
});

describe('readBounded', () => {
  it.each([
    ['/dev/zero', { refused: { reason: 'special', type: 'a character device' } }],
    ['/dev/null', { refused: { reason: 'special', type: 'a character device' } }],
  ])('%s is refused without being read', (path, expected) => {
    expect(readBounded(path, 1024)).toEqual(expected);
  });

  it('reads a regular file at its limit, refuses one byte more', () => {
    const file = join(scratch, 'limit.txt');
    writeFileSync(file, 'x'.repeat(100));
    expect(readBounded(file, 100)).toEqual({ text: 'x'.repeat(100) });
    expect(readBounded(file, 99)).toEqual({ refused: { reason: 'too-large', size: 100, limit: 99 } });
  });

  it('a missing file and a folder are missing, with their code', () => {
    expect(readBounded(join(scratch, 'nope'), 10)).toEqual({ missing: true, code: 'ENOENT' });
    expect(readBounded(scratch, 10)).toEqual({ missing: true, code: 'EISDIR' });
  });
});

describe('kindOf and formatSize', () => {
  it.each([
    ['svc/settings/base.py', 'python'],
    ['Dockerfile', 'dockerfile'],
    ['dockerfiles/codejail.Dockerfile', 'dockerfile'],
    ['Dockerfile.dockerignore', 'config'],
    ['.oep45.yml', 'config'],
    ['images-data.json', 'config'],
    ['.oep45-baseline.json', 'baseline'],
    ['.github/workflows/ci.yml', 'workflow'],
    ['CHANGELOG.rst', 'document'],
    ['docs/operations/index.rst', 'document'],
    ['LICENSE', 'other'],
  ])('%s is %s', (rel, kind) => {
    expect(kindOf(rel)).toBe(kind);
  });

  it.each([
    [1024 * 1024, '1 MiB'],
    [1.5 * 1024 * 1024, '1.5 MiB'],
    [2048, '2.0 KiB'],
    [10, '10 bytes'],
  ])('%d bytes is %s', (bytes, text) => {
    expect(formatSize(bytes)).toBe(text);
  });
});
