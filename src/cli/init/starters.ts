// The starter workflows `oep45 init` copies, as text inside the bundle (the npm package ships no
// workflows/ folder), and the call they make: the reusable workflow at one pinned commit.

import pullRequest from '../../../workflows/pull-request.yml?raw';
import nightly from '../../../workflows/nightly.yml?raw';
import release from '../../../workflows/release.yml?raw';

export const STARTER_NAMES = ['pull-request', 'nightly', 'release'] as const;
export type StarterName = (typeof STARTER_NAMES)[number];

export const STARTERS: Record<StarterName, string> = { 'pull-request': pullRequest, nightly, release };

/**
 * A call of one of the reusable workflows (oep45-images.yml, oep45-attest.yml) with its ref and
 * version comment. The bundle holds the starters with their pins taken out (scripts/bundle.mjs),
 * so that re-pinning the starters leaves dist/ as it is; from the source they still carry them.
 * Either way init writes the running release's pin.
 */
export const REUSABLE_CALL = /(uses:[ \t]*openedx\/oep45-action\/\.github\/workflows\/oep45-[\w-]+\.yml@)\S+(?:[ \t]+#[^\n]*)?/g;
