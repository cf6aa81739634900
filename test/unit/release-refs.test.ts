// Open edX release refs in both schemes, irregular numbers, and their order within a line.
import { describe, expect, it } from 'vitest';
import { compareReleaseNumbers, isPrerelease, parseReleaseBranch, parseReleaseTag } from '../../src/release/refs.js';

describe('parseReleaseTag', () => {
  it.each([
    ['open-release/sumac.1', { scheme: 'open-release', name: 'sumac', number: '1', version: 'sumac.1' }],
    ['open-release/sumac.2', { scheme: 'open-release', name: 'sumac', number: '2', version: 'sumac.2' }],
    ['release/teak.1', { scheme: 'release', name: 'teak', number: '1', version: 'teak.1' }],
    ['release/ulmo.12', { scheme: 'release', name: 'ulmo', number: '12', version: 'ulmo.12' }],
    ['open-release/maple.1rc1', { scheme: 'open-release', name: 'maple', number: '1rc1', version: 'maple.1rc1' }],
    ['open-release/koa.2a', { scheme: 'open-release', name: 'koa', number: '2a', version: 'koa.2a' }],
    ['open-release/lilac.rc1', { scheme: 'open-release', name: 'lilac', number: 'rc1', version: 'lilac.rc1' }],
    ['release/verawood.3rc2', { scheme: 'release', name: 'verawood', number: '3rc2', version: 'verawood.3rc2' }],
  ])('%s is a named release', (tag, expected) => {
    expect(parseReleaseTag(tag)).toEqual(expected);
  });

  it.each([
    'open-release/sumac.master', // the old scheme's branch name, not a release
    'release/teak', // the new scheme's branch name
    'open-release/sumac', // no number
    'open-release/sumac.', // empty number
    'open-release/Sumac.1', // names are lower-case
    'release/teak.1.1', // not a release number
    'release/teak.1rc', // rc without its number
    'named-release/cypress', // the scheme before open-release
    'v1.2.3',
    'sumac.1',
    'refs/tags/release/teak.1', // a ref, not a tag name
  ])('%s is not', (tag) => {
    expect(parseReleaseTag(tag)).toBeUndefined();
  });
});

describe('parseReleaseBranch', () => {
  it.each([
    ['open-release/sumac.master', { scheme: 'open-release', name: 'sumac' }],
    ['open-release/quince.master', { scheme: 'open-release', name: 'quince' }],
    ['release/teak', { scheme: 'release', name: 'teak' }],
    ['release/willow', { scheme: 'release', name: 'willow' }],
  ])('%s is a release line', (branch, expected) => {
    expect(parseReleaseBranch(branch)).toEqual(expected);
  });

  it.each(['master', 'main', 'open-release/sumac.1', 'open-release/sumac', 'release/teak.1', 'release/teak/fix', 'releases/teak', 'feanil/release/teak'])(
    '%s is not',
    (branch) => {
      expect(parseReleaseBranch(branch)).toBeUndefined();
    },
  );
});

describe('compareReleaseNumbers', () => {
  it('orders a line: rc before final, letter follow-ups after, numbers numerically', () => {
    const shuffled = ['2a', '10', '1', '1rc2', '2', '1a', '2rc1', '1b', 'rc1', '3'];
    expect([...shuffled].sort(compareReleaseNumbers)).toEqual(['rc1', '1rc2', '1', '1a', '1b', '2rc1', '2', '2a', '3', '10']);
  });

  it.each([
    ['1rc1', 'rc1', 0],
    ['2', '2', 0],
    ['9', '10', -1],
    ['2a', '2', 1],
    ['2', '2rc9', 1],
  ])('%s vs %s', (a, b, sign) => {
    expect(Math.sign(compareReleaseNumbers(a, b))).toBe(sign);
  });

  it.each([
    ['1rc1', true],
    ['rc1', true],
    ['1', false],
    ['2a', false],
  ])('isPrerelease(%s) is %s', (n, expected) => {
    expect(isPrerelease(n)).toBe(expected);
  });
});
