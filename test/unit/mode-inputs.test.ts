// Which inputs go with which mode: push-by-digest with publish, digests with merge.
import { describe, expect, it } from 'vitest';
import type { PipelineInputs } from '../../src/config/inputs.js';
import { checkModeInputs, parseDigests } from '../../src/config/mode-inputs.js';

const d = (c: string): string => 'sha256:' + c.repeat(64);
const inputs = (extra: Partial<PipelineInputs>): PipelineInputs => ({ mode: 'publish', dir: '.', event: {}, secrets: [], credentials: [], ...extra });

describe('parseDigests', () => {
  it('keeps the order, trimmed', () => expect(parseDigests([` ${d('b')}`, `${d('a')} `])).toEqual([d('b'), d('a')]));
  const refused: Array<[string, string[], string]> = [
    ['bare hex', ['a'.repeat(64)], `digests: "${'a'.repeat(64)}" is not an image digest (sha256: and 64 lowercase hexadecimal digits)`],
    ['a tag', ['latest'], 'digests: "latest" is not an image digest'],
    ['a short digest', ['sha256:abc'], 'digests: "sha256:abc" is not an image digest'],
    ['upper case', [d('A')], 'is not an image digest'],
    ['a reference', [`ghcr.io/a/b@${d('a')}`], 'is not an image digest'],
    ['the same digest twice', [d('a'), d('a')], `digests: ${d('a')} is given twice`],
  ];
  for (const [what, values, message] of refused) it(`refuses ${what}`, () => expect(() => parseDigests(values)).toThrow(message));
});

describe('checkModeInputs', () => {
  const ok: Array<[string, Partial<PipelineInputs>]> = [
    ['publish', { mode: 'publish' }],
    ['a build leg', { mode: 'publish', pushByDigest: true }],
    ['push-by-digest false in build mode (the workflow on a pull request)', { mode: 'build', pushByDigest: false }],
    ['merge with digests', { mode: 'merge', digests: [d('a'), d('b')] }],
    ['an empty digests list elsewhere', { mode: 'plan', digests: [] }],
  ];
  for (const [what, extra] of ok) it(`accepts ${what}`, () => expect(() => checkModeInputs(inputs(extra))).not.toThrow());

  const refused: Array<[string, Partial<PipelineInputs>, string]> = [
    ['push-by-digest in build mode', { mode: 'build', pushByDigest: true }, "push-by-digest pushes one build leg's image, so it needs mode publish, not build"],
    ['push-by-digest in merge mode', { mode: 'merge', pushByDigest: true, digests: [d('a')] }, 'needs mode publish, not merge'],
    ['merge without digests', { mode: 'merge' }, 'merge needs the per-platform image digests to join: digests (CLI: --digest sha256:…), one per platform'],
    ['merge with a bad digest', { mode: 'merge', digests: ['nope'] }, 'digests: "nope" is not an image digest'],
    ['digests in publish mode', { mode: 'publish', digests: [d('a')] }, 'digests are joined into one image by mode merge; mode publish does not use them'],
  ];
  for (const [what, extra, message] of refused) it(`refuses ${what}`, () => expect(() => checkModeInputs(inputs(extra))).toThrow(message));
});
