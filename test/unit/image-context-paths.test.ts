// Which context paths a Dockerfile reads (the input key covers those only): sources of COPY, ADD
// and bind mounts, conservative whenever it cannot tell — then the whole context (undefined).
import { describe, expect, it } from 'vitest';
import { mountSources, readsPath, sourcePrefix } from '../../src/image/input-key/context-paths.js';
import { dockerfileSources } from '../../src/image/input-key/dockerfile-sources.js';
import { narrowListing, type ListingEntry } from '../../src/image/input-key/context-digest.js';

describe('sourcePrefix', () => {
  const cases: Array<[string, string | undefined]> = [
    ['requirements/', 'requirements'],
    ['src/app/main.py', 'src/app/main.py'],
    ['./manage.py', 'manage.py'],
    ['/configs/notes.yml', 'configs/notes.yml'],
    ['../outside/x', 'outside/x'],
    ['a//b/./c', 'a/b/c'],
    ['src/*.py', 'src'],
    ['src/app/**/static', 'src/app'],
    ['conf/[ab].yml', 'conf'],
    ['*.txt', undefined],
    ['.', undefined],
    ['./', undefined],
    ['/', undefined],
    ['..', undefined],
  ];
  it.each(cases)('%s → %s', (source, prefix) => expect(sourcePrefix(source)).toBe(prefix));
});

describe('mountSources', () => {
  const cases: Array<[string, Array<string | undefined>]> = [
    ['type=cache,target=/root/.cache/pip', []],
    ['type=secret,id=npmrc', []],
    ['type=tmpfs,target=/tmp', []],
    ['type=bind,source=requirements,target=/req', ['requirements']],
    ['type=bind,src=./reqs/base.txt,target=/r', ['reqs/base.txt']],
    ['target=/ctx', [undefined]],
    ['type=bind,target=/ctx', [undefined]],
    ['type=bind,from=base,source=/usr,target=/u', []],
    ['type=cache,from=base,target=/c', []],
  ];
  it.each(cases)('%s', (spec, sources) => expect(mountSources(spec)).toEqual(sources));
});

describe('readsPath', () => {
  const cases: Array<[string[], string, boolean]> = [
    [['requirements'], 'requirements/base.txt', true],
    [['requirements'], 'requirements', true],
    [['requirements'], 'requirements-dev.txt', false],
    [['configs/notes.yml'], 'configs/lms.yml', false],
    [['configs/notes.yml'], 'configs', true],
    [['a', 'b/c'], 'b/d', false],
    [[], 'anything', false],
  ];
  it.each(cases)('%j reads %s: %s', (prefixes, path, expected) => expect(readsPath(prefixes, path)).toBe(expected));
});

describe('dockerfileSources: the context it reads', () => {
  const cases: Array<[string, string, Record<string, string>, string[] | undefined]> = [
    ['nothing from the context', 'FROM a:1\nRUN true\n', {}, []],
    ['COPY sources, sorted, without destinations', 'FROM a:1\nCOPY requirements/ /r/\nCOPY manage.py src /app/\n', {}, ['manage.py', 'requirements', 'src']],
    ['COPY . reads everything', 'FROM a:1\nCOPY requirements/ /r/\nCOPY . /app\n', {}, undefined],
    ['flags are not sources', 'FROM a:1\nCOPY --chown=1000:1000 --chmod=644 configs/notes.yml /etc/notes.yml\n', {}, ['configs/notes.yml']],
    ['COPY --from a stage or an image reads no context', 'FROM a:1 AS build\nFROM b:1\nCOPY --from=build /out /app\nCOPY --from=c:1 . /c\n', {}, []],
    ['the JSON form', 'FROM a:1\nCOPY ["a b", "c", "/d/"]\n', {}, ['a b', 'c']],
    ['ADD of URLs and git repositories reads no context', 'FROM a:1\nADD https://example.com/x.tgz /x\nADD https://github.com/openedx/credentials.git#master /app\nADD git@github.com:o/r.git /r\nADD local.tgz /l\n', {}, ['local.tgz']],
    ['ARG defaults and build args expand', 'FROM a:1\nARG SERVICE=notes\nCOPY configs/${SERVICE}.yml /etc/\n', {}, ['configs/notes.yml']],
    ['a build arg over the default', 'FROM a:1\nARG SERVICE=notes\nCOPY configs/${SERVICE}.yml /etc/\n', { SERVICE: 'lms' }, ['configs/lms.yml']],
    ['an ENV of the stage expands', 'FROM a:1\nENV APP=credentials\nCOPY $APP /edx/app/$APP\n', {}, ['credentials']],
    ['an unknown variable means everything', 'FROM a:1\nCOPY ${SOMEWHERE}/x /x\n', {}, undefined],
    ['a global ARG is not visible in a stage', 'ARG SERVICE=notes\nFROM a:1\nCOPY configs/${SERVICE}.yml /etc/\n', {}, undefined],
    ['a wildcard below a folder keeps the folder', 'FROM a:1\nCOPY src/*.py /app/\n', {}, ['src']],
    ['a wildcard at the top means everything', 'FROM a:1\nCOPY *.py /app/\n', {}, undefined],
    ['cache mounts read no context', 'FROM a:1\nRUN --mount=type=cache,target=/root/.cache/pip pip install x\n', {}, []],
    ['a bind mount reads its source', 'FROM a:1\nRUN --mount=type=bind,source=requirements,target=/req pip install -r /req/base.txt\n', {}, ['requirements']],
    ['a bind mount without a source reads everything', 'FROM a:1\nRUN --mount=target=/src make -C /src\n', {}, undefined],
    ['ONBUILD means everything', 'FROM a:1\nONBUILD COPY app.py /app/\n', {}, undefined],
    ['every stage counts', 'FROM a:1 AS base\nCOPY requirements /r\nFROM base AS app\nCOPY src /app\nFROM base AS dev\nCOPY requirements-dev /rd\n', {}, ['requirements', 'requirements-dev', 'src']],
    ['ARG constructor is no build arg (nothing from Object.prototype)', 'FROM a:1\nARG constructor\nCOPY configs/${constructor}.yml /etc/\n', {}, undefined],
    ['ARG __proto__ with a default', 'FROM a:1\nARG __proto__=notes\nCOPY configs/${__proto__}.yml /etc/\n', {}, ['configs/notes.yml']],
    ['a path above the context is cleaned into it', 'FROM a:1\nCOPY ../../etc/passwd /p\n', {}, ['etc/passwd']],
  ];
  it.each(cases)('%s', (_what, text, args, expected) => expect(dockerfileSources(text, args).context).toEqual(expected));

  it('still finds git sources given with flags', () => {
    expect(dockerfileSources('FROM a:1\nADD --keep-git-dir=true https://h/r.git#v1 /r\n').git).toEqual([{ url: 'https://h/r.git', ref: 'v1', line: 2 }]);
  });
});

describe('narrowListing', () => {
  const file = (path: string, mode = '100644'): ListingEntry => ({ mode, oid: 'f'.repeat(40), path });
  const listing = [file('README.rst'), file('configs/lms.yml'), file('configs/notes.yml'), file('dockerfiles/lms.Dockerfile'), file('dockerfiles/notes.Dockerfile')];
  const cases: Array<[string, string[] | undefined, string[], boolean]> = [
    ['keeps what the Dockerfile reads', ['configs/notes.yml'], ['configs/notes.yml'], true],
    ['a folder keeps what is below it', ['configs'], ['configs/lms.yml', 'configs/notes.yml'], true],
    ['nothing read, nothing kept', [], [], true],
    ['undefined keeps everything', undefined, listing.map((e) => e.path), false],
  ];
  it.each(cases)('%s', (_what, reads, paths, narrowed) => {
    const got = narrowListing(listing, reads);
    expect(got.entries.map((e) => e.path)).toEqual(paths);
    expect(got.narrowed).toBe(narrowed);
  });

  it('keeps everything when a symbolic link is read, or lies above what is read', () => {
    const linked = [...listing, file('shared', '120000')];
    expect(narrowListing(linked, ['shared']).narrowed).toBe(false);
    expect(narrowListing(linked, ['shared/notes.yml']).entries).toHaveLength(linked.length);
    expect(narrowListing(linked, ['configs']).narrowed).toBe(true);
  });
});
