import { describe, expect, it } from 'vitest';
import { cachePlan, ghaScope, readsInlineCache, type CacheInputs } from '../../src/image/cache.js';

const exports = { can: true, why: 'it exports caches' };
const exportsNone = { can: false, why: 'the builder exports no cache but the inline one' };

const base: CacheInputs = {
  kind: 'buildx',
  cacheExport: exports,
  backend: 'registry',
  imageName: 'app',
  platforms: [],
  repository: 'r.io/ns/app',
  push: true,
  previous: ['r.io/ns/app:master'],
  userFrom: [],
  userTo: [],
};

describe('cachePlan', () => {
  const cases: Array<[string, Partial<CacheInputs>, { from: string[]; to: string[]; inline: boolean; warnings: number; notes: number }]> = [
    [
      'buildx registry cache, pushing',
      {},
      { from: ['type=registry,ref=r.io/ns/app:buildcache'], to: ['type=registry,ref=r.io/ns/app:buildcache,mode=max,image-manifest=true,oci-mediatypes=true,ignore-error=true'], inline: false, warnings: 0, notes: 0 },
    ],
    ['buildx registry cache, not pushing: read only', { push: false }, { from: ['type=registry,ref=r.io/ns/app:buildcache'], to: [], inline: false, warnings: 0, notes: 0 }],
    ['buildx registry cache known to exist: read', { registryCacheExists: true }, { from: ['type=registry,ref=r.io/ns/app:buildcache'], to: ['type=registry,ref=r.io/ns/app:buildcache,mode=max,image-manifest=true,oci-mediatypes=true,ignore-error=true'], inline: false, warnings: 0, notes: 0 }],
    [
      'buildx registry cache known not to exist (a first build): written, not read',
      { registryCacheExists: false },
      { from: [], to: ['type=registry,ref=r.io/ns/app:buildcache,mode=max,image-manifest=true,oci-mediatypes=true,ignore-error=true'], inline: false, warnings: 0, notes: 0 },
    ],
    ['buildx registry cache not there, not pushing: nothing', { registryCacheExists: false, push: false }, { from: [], to: [], inline: false, warnings: 0, notes: 0 }],
    [
      'a user cache-from is read whether or not ours exists',
      { registryCacheExists: false, userFrom: ['type=registry,ref=r.io/shared:cache'] },
      { from: ['type=registry,ref=r.io/shared:cache'], to: ['type=registry,ref=r.io/ns/app:buildcache,mode=max,image-manifest=true,oci-mediatypes=true,ignore-error=true'], inline: false, warnings: 0, notes: 0 },
    ],
    [
      'buildx registry cache per platform',
      { platforms: ['linux/arm64'] },
      {
        from: ['type=registry,ref=r.io/ns/app:buildcache-linux-arm64'],
        to: ['type=registry,ref=r.io/ns/app:buildcache-linux-arm64,mode=max,image-manifest=true,oci-mediatypes=true,ignore-error=true'],
        inline: false,
        warnings: 0,
        notes: 0,
      },
    ],
    ['buildx with no repository: no registry cache', { repository: undefined }, { from: [], to: [], inline: false, warnings: 0, notes: 0 }],
    [
      'buildx gha, scoped per image and platform',
      { backend: 'gha', platforms: ['linux/amd64'] },
      { from: ['type=gha,scope=app-linux-amd64'], to: ['type=gha,scope=app-linux-amd64,mode=max,ignore-error=true'], inline: false, warnings: 0, notes: 0 },
    ],
    [
      'buildx that exports no cache: the default registry cache becomes inline, said in a note',
      { cacheExport: exportsNone },
      { from: ['type=registry,ref=r.io/ns/app:master'], to: ['type=inline'], inline: false, warnings: 0, notes: 1 },
    ],
    [
      'buildx that exports no cache, gha asked for: inline, with a warning',
      { cacheExport: exportsNone, backend: 'gha' },
      { from: ['type=registry,ref=r.io/ns/app:master'], to: ['type=inline'], inline: false, warnings: 1, notes: 0 },
    ],
    ['buildx inline asked for', { backend: 'inline' }, { from: ['type=registry,ref=r.io/ns/app:master'], to: ['type=inline'], inline: false, warnings: 0, notes: 0 }],
    [
      'buildx none, user caches passed through',
      { backend: 'none', userFrom: ['type=local,src=/c'], userTo: ['type=local,dest=/c'] },
      { from: ['type=local,src=/c'], to: ['type=local,dest=/c'], inline: false, warnings: 0, notes: 0 },
    ],
    ['docker build: registry means the inline cache, said in a note', { kind: 'buildkit', cacheExport: exportsNone }, { from: ['r.io/ns/app:master'], to: [], inline: true, warnings: 0, notes: 1 }],
    ['docker build: gha is not possible, inline with a warning', { kind: 'buildkit', cacheExport: exportsNone, backend: 'gha' }, { from: ['r.io/ns/app:master'], to: [], inline: true, warnings: 1, notes: 0 }],
    ['docker build: none', { kind: 'buildkit', cacheExport: exportsNone, backend: 'none' }, { from: [], to: [], inline: false, warnings: 0, notes: 0 }],
    [
      'docker build: a registry cache-from is read as its image, a local one is refused, cache-to is refused',
      { kind: 'buildkit', cacheExport: exportsNone, backend: 'inline', userFrom: ['type=registry,ref=r.io/x:1', 'r.io/y:2', 'type=local,src=/c'], userTo: ['type=inline'] },
      { from: ['r.io/ns/app:master', 'r.io/x:1', 'r.io/y:2'], to: [], inline: true, warnings: 2, notes: 0 },
    ],
  ];
  for (const [what, change, expected] of cases) {
    it(what, () => {
      const got = cachePlan({ ...base, ...change });
      expect({ from: got.from, to: got.to, inline: got.inline, warnings: got.warnings.length, notes: got.notes.length }).toEqual(expected);
    });
  }
  it('says why the registry cache is not there', () => {
    expect(cachePlan({ ...base, cacheExport: exportsNone }).notes).toEqual([
      'app: no registry cache, since the builder exports no cache but the inline one; using the inline cache in the pushed image instead',
    ]);
  });
  it('names the scope after the image and its platform', () => {
    expect(ghaScope('lms', ['linux/arm64/v8'])).toBe('lms-linux-arm64-v8');
    expect(ghaScope('lms', ['linux/amd64', 'linux/arm64'])).toBe('lms');
  });
});

describe('readsInlineCache', () => {
  const cases: Array<[CacheInputs['backend'], boolean, boolean]> = [
    ['registry', true, false],
    ['registry', false, true],
    ['gha', false, true],
    ['inline', true, true],
    ['none', false, false],
  ];
  for (const [backend, can, expected] of cases) {
    it(`${backend}, ${can ? 'exporting' : 'not exporting'} caches: ${expected}`, () => expect(readsInlineCache(backend, { can, why: '' })).toBe(expected));
  }
});
