// Platforms as the merge compares them: the plan's strings against each image config's fields.
import { describe, expect, it } from 'vitest';
import { isAttestation, platformKey, platformOfConfig, platformText } from '../../src/merge/platforms.js';
import { OCI_MANIFEST } from '../../src/registry/media-types.js';

describe('platformKey: one spelling per platform', () => {
  const cases: Array<[string, string]> = [
    ['linux/amd64', 'linux/amd64'],
    ['linux/amd64/v1', 'linux/amd64'],
    ['linux/amd64/v3', 'linux/amd64/v3'],
    ['linux/arm64', 'linux/arm64'],
    ['linux/arm64/v8', 'linux/arm64'],
    ['linux/arm', 'linux/arm'],
    ['linux/arm/v7', 'linux/arm'],
    ['linux/arm/v6', 'linux/arm/v6'],
    ['Linux/ARM64', 'linux/arm64'],
    ['windows/amd64', 'windows/amd64'],
  ];
  for (const [text, key] of cases) it(`${text} → ${key}`, () => expect(platformKey(text)).toBe(key));
  it('takes a platform object too', () => expect(platformKey({ os: 'linux', architecture: 'arm64', variant: 'v8' })).toBe('linux/arm64'));
});

describe('platformOfConfig', () => {
  const cases: Array<[string, unknown, string | undefined]> = [
    ['amd64', { os: 'linux', architecture: 'amd64', rootfs: {} }, 'linux/amd64'],
    ['arm64 with its variant', { os: 'linux', architecture: 'arm64', variant: 'v8' }, 'linux/arm64/v8'],
    ['an empty variant', { os: 'linux', architecture: 'arm', variant: '' }, 'linux/arm'],
    ['no architecture', { os: 'linux' }, undefined],
    ['no os', { architecture: 'amd64' }, undefined],
    ['not an object', 'linux/amd64', undefined],
    ['nothing', undefined, undefined],
  ];
  for (const [what, config, expected] of cases) {
    it(what, () => {
      const p = platformOfConfig(config);
      expect(p ? platformText(p) : undefined).toBe(expected);
    });
  }
});

describe('isAttestation', () => {
  const base = { mediaType: OCI_MANIFEST, digest: 'sha256:' + 'a'.repeat(64), size: 1 };
  const cases: Array<[string, object, boolean]> = [
    ['an image', { platform: { os: 'linux', architecture: 'amd64' } }, false],
    ['buildx provenance', { platform: { os: 'unknown', architecture: 'unknown' }, annotations: { 'vnd.docker.reference.type': 'attestation-manifest' } }, true],
    ['unknown/unknown without annotations', { platform: { os: 'unknown', architecture: 'unknown' } }, true],
    ['annotated, whatever its platform', { annotations: { 'vnd.docker.reference.type': 'attestation-manifest' } }, true],
  ];
  for (const [what, extra, expected] of cases) it(what, () => expect(isAttestation({ ...base, ...extra })).toBe(expected));
});
