// The starter workflows `oep45 init` copies, as text inside the bundle (the npm package ships no
// workflows/ folder), and the call they make: the reusable workflow at one pinned commit.

import pullRequest from '../../../workflows/pull-request.yml?raw';
import nightly from '../../../workflows/nightly.yml?raw';
import release from '../../../workflows/release.yml?raw';

export const STARTER_NAMES = ['pull-request', 'nightly', 'release'] as const;
export type StarterName = (typeof STARTER_NAMES)[number];

export const STARTERS: Record<StarterName, string> = { 'pull-request': pullRequest, nightly, release };

/**
 * The reusable workflow call with its ref and version comment. The bundle holds the starters with
 * their pin taken out (scripts/bundle.mjs), so that re-pinning the starters leaves dist/ as it is;
 * from the source they still carry it. Either way init writes the running release's pin.
 */
export const REUSABLE_CALL = /(uses:[ \t]*openedx\/oep45-action\/\.github\/workflows\/oep45-images\.yml@)\S+(?:[ \t]+#[^\n]*)?/g;
