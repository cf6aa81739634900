import { describe, expect, it } from 'vitest';
import { composeInputKey, inputKeyTag, inputKeyText, type InputKeyParts } from '../../src/image/input-key/compose.js';
import { dockerfileSources, expandVariables, parseGitSource } from '../../src/image/input-key/dockerfile-sources.js';
import { gitBlobId, listingDigest } from '../../src/image/input-key/context-digest.js';

const parts: InputKeyParts = {
  context: 'sha256:c',
  dockerfile: 'sha256:d',
  target: 'app',
  platforms: ['linux/amd64'],
  buildArgs: { A: '1', B: '2' },
  bases: [{ image: 'python:3.12', digest: 'sha256:p' }],
  gitSources: [{ url: 'https://github.com/openedx/x.git', ref: 'master', commit: 'c0ffee' }],
  secretIds: ['npm'],
};

describe('composeInputKey', () => {
  const key = composeInputKey(parts);
  it('is 64 hex characters, and its tag is inputs-<key>', () => {
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(inputKeyTag(key)).toBe(`inputs-${key}`);
  });
  it('does not depend on build-arg, platform or secret order', () => {
    expect(composeInputKey({ ...parts, buildArgs: { B: '2', A: '1' } })).toBe(key);
    expect(composeInputKey({ ...parts, platforms: ['linux/arm64', 'linux/amd64'] })).toBe(composeInputKey({ ...parts, platforms: ['linux/amd64', 'linux/arm64'] }));
  });
  const changes: Array<[string, Partial<InputKeyParts>]> = [
    ['context', { context: 'sha256:c2' }],
    ['Dockerfile', { dockerfile: 'sha256:d2' }],
    ['target', { target: 'dev' }],
    ['no target', { target: undefined }],
    ['platforms', { platforms: ['linux/arm64'] }],
    ['a build arg value', { buildArgs: { A: '1', B: '3' } }],
    ['a build arg more', { buildArgs: { A: '1', B: '2', C: '' } }],
    ['a base digest', { bases: [{ image: 'python:3.12', digest: 'sha256:p2' }] }],
    ['a git commit', { gitSources: [{ url: 'https://github.com/openedx/x.git', ref: 'master', commit: 'beef' }] }],
    ['secret ids', { secretIds: [] }],
    // "A=1\nB" and "A" = "1\nB" must not collide.
    ['a build arg holding a newline', { buildArgs: { A: '1\nbuild-arg "B"="2"' } }],
  ];
  for (const [what, change] of changes) {
    it(`changes when the ${what} changes`, () => expect(composeInputKey({ ...parts, ...change })).not.toBe(key));
  }
  it('is written as a versioned, readable text', () => {
    expect(inputKeyText(parts).split('\n')[0]).toBe('oep45-input-key v1');
    expect(inputKeyText(parts)).toContain('from python:3.12 sha256:p\n');
  });
});

describe('dockerfileSources', () => {
  const cases: Array<[string, string, Record<string, string>, { images: string[]; unresolved?: string[]; git?: Array<{ url: string; ref: string }> }]> = [
    ['a plain FROM', 'FROM python:3.12-slim\nRUN true\n', {}, { images: ['python:3.12-slim'] }],
    ['stages are not images; scratch is nothing', 'FROM debian:bookworm AS base\nFROM base AS app\nFROM scratch\nCOPY --from=app / /\n', {}, { images: ['debian:bookworm'] }],
    ['ARG default', 'ARG BASE=debian:bookworm-slim\nFROM ${BASE} AS base\n', {}, { images: ['debian:bookworm-slim'] }],
    ['build arg over the default', 'ARG BASE=debian:bookworm-slim\nFROM ${BASE}\n', { BASE: 'oep45-test/debian:bookworm' }, { images: ['oep45-test/debian:bookworm'] }],
    ['$VAR and ${VAR:-default}', 'ARG REG\nARG TAG=1\nFROM ${REG:-docker.io}/lib/x:$TAG\n', {}, { images: ['docker.io/lib/x:1'] }],
    ['an unset variable cannot be resolved', 'ARG BASE\nFROM $BASE\n', {}, { images: [], unresolved: ['line 2: FROM $BASE'] }],
    ['FROM --platform keeps the image', 'FROM --platform=$BUILDPLATFORM golang:1.22 AS build\n', {}, { images: ['golang:1.22'] }],
    ['the same base twice counts once', 'FROM a:1 AS x\nFROM a:1 AS y\n', {}, { images: ['a:1'] }],
    [
      'ADD <git-url>#<ref>, with a stage ARG',
      'FROM a:1\nARG REF=open-release/sumac.master\nADD https://github.com/openedx/credentials.git#${REF} /app\nADD https://example.com/file.tgz /x\nADD --keep-git-dir=true git@github.com:o/r.git /r\n',
      {},
      {
        images: ['a:1'],
        git: [
          { url: 'https://github.com/openedx/credentials.git', ref: 'open-release/sumac.master' },
          { url: 'git@github.com:o/r.git', ref: 'HEAD' },
        ],
      },
    ],
    ['ADD in JSON form', 'FROM a:1\nADD ["file:///srv/repo.git#v2", "/src"]\n', {}, { images: ['a:1'], git: [{ url: 'file:///srv/repo.git', ref: 'v2' }] }],
    ['global ARGs are not visible inside a stage', 'ARG REF=x\nFROM a:1\nADD https://h/r.git#${REF:-main} /r\n', {}, { images: ['a:1'], git: [{ url: 'https://h/r.git', ref: 'main' }] }],
    ['ENV in a stage expands in ADD', 'FROM a:1\nENV V=v3\nADD https://h/r.git#$V /r\n', {}, { images: ['a:1'], git: [{ url: 'https://h/r.git', ref: 'v3' }] }],
  ];
  for (const [what, text, args, expected] of cases) {
    it(what, () => {
      const got = dockerfileSources(text, args);
      expect(got.images).toEqual(expected.images);
      expect(got.unresolved).toEqual(expected.unresolved ?? []);
      expect(got.git.map(({ url, ref }) => ({ url, ref }))).toEqual(expected.git ?? []);
    });
  }

  const expansions: Array<[string, Record<string, string>, string | undefined]> = [
    ['$A-${B}', { A: 'a', B: 'b' }, 'a-b'],
    ['${A:-x}', { A: '' }, 'x'],
    ['${A-x}', { A: '' }, ''],
    ['${A:+set}', { A: 'v' }, 'set'],
    ['${A:+set}', {}, ''],
    ['$MISSING', {}, undefined],
    ['no vars', {}, 'no vars'],
  ];
  for (const [text, vars, expected] of expansions) {
    it(`expands ${text}`, () => expect(expandVariables(text, new Map(Object.entries(vars)))).toBe(expected));
  }

  const git: Array<[string, { url: string; ref: string } | undefined]> = [
    ['https://github.com/o/r.git#main', { url: 'https://github.com/o/r.git', ref: 'main' }],
    ['https://github.com/o/r.git#v1:subdir', { url: 'https://github.com/o/r.git', ref: 'v1' }],
    ['git://host/r#abc', { url: 'git://host/r', ref: 'abc' }],
    ['git@github.com:o/r.git', { url: 'git@github.com:o/r.git', ref: 'HEAD' }],
    ['https://example.com/archive.tar.gz', undefined],
    ['local/dir', undefined],
  ];
  for (const [source, expected] of git) it(`reads ADD source ${source}`, () => expect(parseGitSource(source)).toEqual(expected));
});

describe('context listing', () => {
  it('hashes content as git does', () => {
    // `printf 'hello\n' | git hash-object --stdin`
    expect(gitBlobId(Buffer.from('hello\n'))).toBe('ce013625030ba8dba906f756967f9e9ca394464a');
  });
  it('does not depend on listing order, and changes with mode, content or path', () => {
    const a = { mode: '100644', oid: '1', path: 'a' };
    const b = { mode: '100755', oid: '2', path: 'b/c' };
    const digest = listingDigest([a, b]);
    expect(listingDigest([b, a])).toBe(digest);
    expect(listingDigest([a, { ...b, mode: '100644' }])).not.toBe(digest);
    expect(listingDigest([a, { ...b, oid: '3' }])).not.toBe(digest);
    expect(listingDigest([a, { ...b, path: 'b/d' }])).not.toBe(digest);
    expect(listingDigest([a])).not.toBe(digest);
  });
});
