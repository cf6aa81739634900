// Open edX release refs, both schemes, and how releases of one line are ordered.
//
//   old scheme (to Sumac):  branch open-release/<name>.master   tags open-release/<name>.<N>
//   new scheme (Teak on):   branch release/<name>               tags release/<name>.<N>
//
// <N> is a number with an optional suffix, as the real tags have them: `2`, `1rc1` (a release
// candidate of 1), `2a` (a follow-up of 2, like koa.2a), or a bare `rc1` (lilac.rc1, a candidate of
// the first release). Written by hand: no semver library orders these (they are not semver).

import type { ReleaseInfo } from '../model/release.js';

export type ReleaseScheme = ReleaseInfo['scheme'];

const NAME = '[a-z]+';
const NUMBER = '(?:[0-9]+(?:rc[0-9]+|[a-z][0-9]*)?|rc[0-9]+)';
const TAG = new RegExp(`^(open-release|release)/(${NAME})\\.(${NUMBER})$`);
const OLD_BRANCH = new RegExp(`^open-release/(${NAME})\\.master$`);
const NEW_BRANCH = new RegExp(`^release/(${NAME})$`);

/** A release tag's name (without `refs/tags/`), e.g. `open-release/sumac.2`, or undefined. */
export function parseReleaseTag(tag: string): ReleaseInfo | undefined {
  const m = TAG.exec(tag);
  if (!m) return undefined;
  const [, scheme, name, number] = m as unknown as [string, ReleaseScheme, string, string];
  return { scheme, name, number, version: `${name}.${number}` };
}

/** A release branch's name (without `refs/heads/`), e.g. `release/teak`, or undefined. */
export function parseReleaseBranch(branch: string): ReleaseInfo | undefined {
  const old = OLD_BRANCH.exec(branch);
  if (old) return { scheme: 'open-release', name: old[1]! };
  const current = NEW_BRANCH.exec(branch);
  if (current) return { scheme: 'release', name: current[1]! };
  return undefined;
}

/** A release candidate (`1rc1`, `rc1`) is not a release: it never moves the line's tag. */
export function isPrerelease(number: string): boolean {
  return /rc[0-9]+$/.test(number);
}

/** Sort key: [release number, stage (rc 0, final 1, letter 2), position within the stage]. */
function releaseKey(number: string): [number, number, number] {
  const m = /^([0-9]+)?(?:rc([0-9]+)|([a-z])([0-9]*))?$/.exec(number);
  if (!m) return [0, 0, 0];
  const base = m[1] === undefined ? 1 : Number(m[1]);
  if (m[2] !== undefined) return [base, 0, Number(m[2])];
  if (m[3] !== undefined) return [base, 2, (m[3].charCodeAt(0) - 96) * 1000 + Number(m[4] || 0)];
  return [base, 1, 0];
}

/** Orders release numbers of one line: rc1 = 1rc1 < 1rc2 < 1 < 1a < 1b < 2rc1 < 2 < 2a < 10. */
export function compareReleaseNumbers(a: string, b: string): number {
  const ka = releaseKey(a);
  const kb = releaseKey(b);
  return ka[0] - kb[0] || ka[1] - kb[1] || ka[2] - kb[2];
}

/** `refs/heads/x` → `x`, or undefined for any other ref. */
export function branchOf(ref: string): string | undefined {
  return ref.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : undefined;
}

/** `refs/tags/x` → `x`, or undefined for any other ref. */
export function tagOf(ref: string): string | undefined {
  return ref.startsWith('refs/tags/') ? ref.slice('refs/tags/'.length) : undefined;
}
