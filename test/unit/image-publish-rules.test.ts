import { describe, expect, it } from 'vitest';
import { formatAge, groupTags, immutableTags, tooOld } from '../../src/image/publish.js';
import type { ImagePlan } from '../../src/model/image.js';
import type { ReleaseContext } from '../../src/model/release.js';

describe('groupTags', () => {
  it('groups full references by repository, in plan order, without duplicates', () => {
    expect(groupTags(['docker.io/openedx/lms:latest', 'ghcr.io/o/lms:latest', 'docker.io/openedx/lms:master', 'openedx/lms:latest'])).toEqual([
      { repo: { registry: 'docker.io', repository: 'openedx/lms' }, name: 'docker.io/openedx/lms', tags: ['latest', 'master'] },
      { repo: { registry: 'ghcr.io', repository: 'o/lms' }, name: 'ghcr.io/o/lms', tags: ['latest'] },
    ]);
  });
  it('refuses a planned tag without a tag', () => expect(() => groupTags(['docker.io/openedx/lms'])).toThrow('a planned tag must be a reference with a tag'));
});

describe('immutableTags', () => {
  const plan = (tags: string[], immutable?: string[]): ImagePlan => ({ name: 'lms', context: '.', dockerfile: 'Dockerfile', platforms: [], buildArgs: {}, tags, labels: {}, push: true, ...(immutable ? { immutableTags: immutable } : {}) });
  const ctx = (kind: ReleaseContext['kind'], version?: string): ReleaseContext =>
    ({ kind, reason: '', eventName: 'push', ref: '', sha: '', date: '', created: '', defaultBranch: 'master', publishable: true, ...(version ? { release: { name: version.split('.')[0], number: version.split('.')[1], scheme: 'release', version } } : {}) }) as ReleaseContext;
  const cases: Array<[string, ImagePlan, ReleaseContext, string[]]> = [
    ['master: nothing is immutable', plan(['openedx/lms:latest', 'openedx/lms:master']), ctx('master'), []],
    ['a named release: its version tag, on every registry', plan(['openedx/lms:teak.1', 'openedx/lms:teak', 'ghcr.io/o/lms:teak.1']), ctx('named-release', 'teak.1'), ['docker.io/openedx/lms:teak.1', 'ghcr.io/o/lms:teak.1']],
    ['the plan says which, whatever the context', plan(['openedx/lms:a', 'openedx/lms:b'], ['openedx/lms:b']), ctx('master'), ['docker.io/openedx/lms:b']],
  ];
  for (const [what, p, c, expected] of cases) it(what, () => expect([...immutableTags(p, c)]).toEqual(expected));
});

describe('max-age', () => {
  const now = Date.parse('2025-01-10T00:00:00Z');
  const cases: Array<[string | undefined, number | undefined, string | undefined]> = [
    ['2025-01-09T00:00:00Z', undefined, undefined],
    ['2025-01-09T00:00:00Z', 7 * 86400, undefined],
    ['2025-01-01T00:00:00Z', 7 * 86400, 'it is 9d old, older than max-age 7d'],
    ['2025-01-09T20:00:00Z', 3600, 'it is 4h old, older than max-age 1h'],
    [undefined, 3600, 'its creation time is unknown and max-age is set'],
    ['not a date', 3600, 'its creation time is unknown and max-age is set'],
  ];
  for (const [created, max, expected] of cases) it(`${created} with max-age ${max}`, () => expect(tooOld(created, max, now)).toBe(expected));
  it('formats ages', () => expect([formatAge(59), formatAge(7200), formatAge(86400 * 3)]).toEqual(['0m', '2h', '3d']));
});
