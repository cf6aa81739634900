// What a `uses:` value points at, so that the pinning rules (W001, W008) agree on what a pin is:
// a local path, a Docker image, or `owner/repo[/path]@ref` where only a full commit SHA is
// immutable (a tag or branch can be moved to other code after review).

export type UsesKind = 'local' | 'docker-digest' | 'docker-tag' | 'sha' | 'ref' | 'no-ref';

const SHA = /^[0-9a-f]{40}$/i;
const DIGEST = /@sha256:[0-9a-f]{64}$/i;

export function classifyUses(uses: string): { kind: UsesKind; ref?: string } {
  const u = uses.trim();
  // `./path` runs code from the same checkout; `$/path` is GitHub's same-repository, same-commit form.
  if (u.startsWith('./') || u.startsWith('.\\') || u.startsWith('$/')) return { kind: 'local' };
  if (u.startsWith('docker://')) return { kind: DIGEST.test(u) ? 'docker-digest' : 'docker-tag' };
  const at = u.lastIndexOf('@');
  if (at < 0) return { kind: 'no-ref' };
  const ref = u.slice(at + 1);
  return { kind: SHA.test(ref) ? 'sha' : 'ref', ref };
}
