// Which inputs belong to which mode: `push-by-digest` to `publish` (one build leg of the reusable
// workflow), `digests` to `merge`. Checked before anything runs, so a wrong combination stops with
// one clear line instead of building or pushing something nobody asked for (pure).

import { UserError } from '../util/errors.js';
import type { PipelineInputs } from './inputs.js';

const DIGEST = /^sha256:[0-9a-f]{64}$/;

/** `sha256:` and 64 lowercase hexadecimal digits, each once, in the order given. */
export function parseDigests(values: readonly string[]): string[] {
  const out: string[] = [];
  for (const raw of values) {
    const digest = raw.trim();
    if (!DIGEST.test(digest)) throw new UserError(`digests: "${digest}" is not an image digest (sha256: and 64 lowercase hexadecimal digits)`);
    if (out.includes(digest)) throw new UserError(`digests: ${digest} is given twice`);
    out.push(digest);
  }
  return out;
}

export function checkModeInputs(inputs: PipelineInputs): void {
  const { mode } = inputs;
  if (inputs.pushByDigest && mode !== 'publish') {
    throw new UserError(`push-by-digest pushes one build leg's image, so it needs mode publish, not ${mode}`);
  }
  if (inputs.offline && (mode === 'publish' || mode === 'merge')) {
    throw new UserError(`offline uses only what this machine has, so it cannot ${mode}: publishing needs the registry`);
  }
  const digests = inputs.digests ?? [];
  if (mode === 'merge') {
    if (!digests.length) throw new UserError('merge needs the per-platform image digests to join: digests (CLI: --digest sha256:…), one per platform');
    parseDigests(digests);
  } else if (digests.length) {
    throw new UserError(`digests are joined into one image by mode merge; mode ${mode} does not use them`);
  }
}
