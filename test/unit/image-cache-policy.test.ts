// A pull request's build reads the layer cache and never writes it, and takes no cache list from
// its own .oep45.yml; a repository never names a gha cache's URL or token (tables).

import { describe, expect, it } from 'vitest';
import { cachePolicy } from '../../src/image/cache-policy.js';
import { cachePlan, type CacheInputs } from '../../src/image/cache.js';
import { cacheSpecFields, repositoryCacheSpecProblem } from '../../src/config/cache-specs.js';
import { parseOep45Yml } from '../../src/config/oep45-yml.js';
import type { BuildOptions } from '../../src/model/project.js';
import type { BuildKind } from '../../src/model/release.js';

const build = (over: Partial<BuildOptions> = {}): BuildOptions => ({ cache: 'registry', cacheFrom: [], cacheTo: [], force: false, allowOverwrite: false, ...over });

describe('cachePolicy', () => {
  const cases: Array<[string, BuildKind, Partial<BuildOptions>, Partial<BuildOptions>, number]> = [
    ['a master build keeps everything', 'master', { cacheFrom: ['a'], cacheTo: ['b'], cacheFromSource: '.oep45.yml', cacheToSource: '.oep45.yml' }, { cacheFrom: ['a'], cacheTo: ['b'] }, 0],
    ['a release keeps everything', 'named-release', { cacheTo: ['type=gha'], cacheToSource: 'inputs' }, { cacheTo: ['type=gha'] }, 0],
    ['a pull request drops the inputs\' cache-to, keeps their cache-from', 'pull-request', { cacheFrom: ['type=registry,ref=r/x:c'], cacheTo: ['type=registry,ref=r/x:c'], cacheFromSource: 'inputs', cacheToSource: 'inputs' }, { cacheFrom: ['type=registry,ref=r/x:c'], cacheTo: [], writeCache: false }, 1],
    ['a pull request ignores its own .oep45.yml lists', 'pull-request', { cacheFrom: ['type=registry,ref=r/x:c'], cacheTo: ['type=gha'], cacheFromSource: '.oep45.yml', cacheToSource: '.oep45.yml' }, { cacheFrom: [], cacheTo: [], writeCache: false }, 2],
    ['a pull request keeps the backend .oep45.yml chose', 'pull-request', { cache: 'gha' }, { cache: 'gha', writeCache: false }, 1],
  ];
  for (const [name, kind, given, want, lines] of cases) {
    it(name, () => {
      const policy = cachePolicy(build(given), { kind, eventName: kind === 'pull-request' ? 'pull_request' : 'push' });
      expect(policy.build).toMatchObject(want);
      expect(policy.lines).toHaveLength(lines);
      if (lines) expect(policy.lines[0]).toContain('no --cache-to');
    });
  }
});

describe('cachePlan of a build that writes no cache', () => {
  const base: CacheInputs = { kind: 'buildx', cacheExport: { can: true, why: '' }, backend: 'registry', imageName: 'app', platforms: ['linux/amd64'], repository: 'r.io/ns/app', push: true, previous: [], userFrom: ['type=registry,ref=r.io/ns/app:extra'], userTo: ['type=registry,ref=r.io/ns/app:extra'] };
  const cases: Array<[string, Partial<CacheInputs>]> = [
    ['registry', {}],
    ['gha', { backend: 'gha' }],
    ['inline', { backend: 'inline', previous: ['r.io/ns/app:master'] }],
    ['docker build without buildx, inline', { kind: 'buildkit', backend: 'inline' }],
  ];
  for (const [name, over] of cases) {
    it(`${name}: reads, writes nothing`, () => {
      const writing = cachePlan({ ...base, ...over });
      expect(writing.to.length + Number(writing.inline)).toBeGreaterThan(0);
      const plan = cachePlan({ ...base, ...over, writes: false });
      expect(plan.to).toEqual([]);
      expect(plan.inline).toBe(false);
      expect(plan.from).toEqual(writing.from);
    });
  }
});

describe('cache specs a repository may name', () => {
  const cases: Array<[string, RegExp | undefined]> = [
    ['type=registry,ref=ghcr.io/org/app:buildcache,mode=max', undefined],
    ['ghcr.io/org/app:buildcache', undefined],
    ['type=gha,scope=app,mode=max', undefined],
    ['type=inline', undefined],
    ['type=gha,url=https://evil.example/', /a gha cache's url= is never taken from the repository/],
    ['type=gha,scope=x,url_v2=https://evil.example/', /url_v2=/],
    ['type=gha,token=abc', /token=/],
    ['type=gha,ghtoken=abc,URL=https://x', /url=, ghtoken=/],
    ['type=local,dest=/home/runner/.ssh', /a local cache is not taken from the repository/],
    ['type=s3,region=x,bucket=y', /a s3 cache is not taken/],
    ['type=azblob,account_url=https://x', /a azblob cache is not taken/],
  ];
  for (const [spec, problem] of cases) {
    it(spec, () => {
      const found = repositoryCacheSpecProblem(spec);
      if (problem) expect(found).toMatch(problem);
      else expect(found).toBeUndefined();
    });
  }
  it('reads quoted fields whole', () => {
    expect(cacheSpecFields('type=gha,"scope=a,b",url=x')).toEqual(new Map([['type', 'gha'], ['scope', 'a,b'], ['url', 'x']]));
  });
  it('.oep45.yml with a gha url: one error at its line', () => {
    expect(() => parseOep45Yml('.oep45.yml', 'build:\n  cache: gha\n  cache-to:\n    - type=gha,scope=app\n    - type=gha,url=https://evil.example/\n')).toThrow(
      /^build\.cache-to "type=gha,url=https:\/\/evil\.example\/": a gha cache's url= is never taken from the repository/,
    );
    let caught: unknown;
    try {
      parseOep45Yml('.oep45.yml', 'build:\n  cache-from:\n    - type=gha,url=https://evil.example/\n');
    } catch (error) {
      caught = error;
    }
    expect(String(caught)).toMatch(/^\.oep45\.yml:3:7: build\.cache-from /);
  });
});
