// A build leg's pure parts: which platform it builds, its one digest across registries, and the
// buildx exporter that pushes by digest.
import { describe, expect, it } from 'vitest';
import { buildCommand, pushByDigestOutput, type BuildRequest } from '../../src/image/command.js';
import { legPlatform, oneDigest } from '../../src/image/leg.js';

const d = (c: string): string => 'sha256:' + c.repeat(64);

describe('legPlatform: one image, one platform', () => {
  it('is the one platform', () => expect(legPlatform({ name: 'lms', platforms: ['linux/arm64'] })).toBe('linux/arm64'));
  const refused: Array<[string[], string]> = [
    [['linux/amd64', 'linux/arm64'], 'push-by-digest builds one platform per build leg, and image lms has linux/amd64, linux/arm64: pass one (platforms: linux/amd64, CLI --platform)'],
    [[], 'push-by-digest builds one platform per build leg, and image lms has none'],
  ];
  for (const [platforms, message] of refused) it(`refuses ${platforms.join(', ') || 'no platform'}`, () => expect(() => legPlatform({ name: 'lms', platforms })).toThrow(message));
});

describe('oneDigest: the same image everywhere', () => {
  const ok: Array<[string, Array<[string, string]>]> = [
    ['one registry', [['r1/ns/lms', d('a')]]],
    ['two registries, one digest', [['r1/ns/lms', d('a')], ['r2/ns/lms', d('a')]]],
  ];
  for (const [what, entries] of ok) it(what, () => expect(oneDigest(new Map(entries))).toBe(d('a')));
  const refused: Array<[string, Array<[string, string | undefined]>, string]> = [
    ['two digests', [['r1/ns/lms', d('a')], ['r2/ns/lms', d('b')]], `the image has digest ${d('a')} in r1/ns/lms but ${d('b')} in r2/ns/lms; the merge needs one digest per platform in every registry`],
    ['a registry without it', [['r1/ns/lms', d('a')], ['r2/ns/lms', undefined]], 'the pushed image is not in r2/ns/lms'],
    ['nothing at all', [], 'the pushed image is not in any repository'],
  ];
  for (const [what, entries, message] of refused) it(`refuses ${what}`, () => expect(() => oneDigest(new Map(entries))).toThrow(message));
});

describe('pushing by digest with buildx', () => {
  const cases: Array<[string[], string]> = [
    [['ghcr.io/o/lms'], 'type=image,name=ghcr.io/o/lms,push-by-digest=true,name-canonical=true,push=true'],
    [['docker.io/o/lms', 'ghcr.io/o/lms'], 'type=image,"name=docker.io/o/lms,ghcr.io/o/lms",push-by-digest=true,name-canonical=true,push=true'],
  ];
  for (const [repositories, output] of cases) it(`${repositories.length} repositor${repositories.length === 1 ? 'y' : 'ies'}`, () => expect(pushByDigestOutput(repositories)).toBe(output));

  it('the leg command: no tag, no --push, the digest exporter and the metadata file', () => {
    const request: BuildRequest = {
      kind: 'buildx',
      context: '/p',
      dockerfile: '/p/Dockerfile',
      platforms: ['linux/arm64'],
      buildArgs: {},
      labels: {},
      tags: [],
      secrets: [],
      cache: { from: ['type=registry,ref=r/lms:buildcache-linux-arm64'], to: [], inline: false },
      output: 'push-by-digest',
      digestRepositories: ['r/lms'],
      metadataFile: '/tmp/m.json',
    };
    expect(buildCommand(request)).toEqual([
      'buildx', 'build', '--progress=plain', '--file', '/p/Dockerfile', '--platform', 'linux/arm64',
      '--cache-from', 'type=registry,ref=r/lms:buildcache-linux-arm64',
      '--output', 'type=image,name=r/lms,push-by-digest=true,name-canonical=true,push=true', '--metadata-file', '/tmp/m.json', '/p',
    ]);
  });
});
