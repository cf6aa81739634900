// What the client refuses to take from a registry's manifest (src/registry/media-types.ts
// manifestProblem): values that reach messages and outputs (digests, media types, platforms) must
// have the spec's shape, so that a hostile answer is refused rather than quoted.
import { describe, expect, it } from 'vitest';
import { manifestProblem, OCI_INDEX, OCI_MANIFEST } from '../../src/registry/media-types.js';

const DIGEST = `sha256:${'a'.repeat(64)}`;
const child = (extra: object = {}): object => ({ mediaType: OCI_MANIFEST, digest: DIGEST, size: 10, platform: { os: 'linux', architecture: 'arm64', variant: 'v8' }, ...extra });

describe('manifestProblem', () => {
  const cases: Array<[string, unknown, string | undefined]> = [
    ['an image manifest', { schemaVersion: 2, mediaType: OCI_MANIFEST, config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: DIGEST, size: 5 }, layers: [] }, undefined],
    ['an index', { schemaVersion: 2, mediaType: OCI_INDEX, manifests: [child(), child({ platform: { os: 'unknown', architecture: 'unknown' } })] }, undefined],
    ['a manifest without a config (an artifact)', { schemaVersion: 2, layers: [] }, undefined],
    ['not an object', 'you sent Basic abc', 'it is not a JSON object'],
    ['a list', [1], 'it is not a JSON object'],
    ['a media type that is a sentence', { mediaType: 'you sent Basic Y2k6aHVudGVy' }, 'its media type is not one'],
    ['a child digest that is a sentence', { manifests: [child({ digest: 'you sent Basic Y2k6aHVudGVy' })] }, 'its manifest 1 has no valid digest'],
    ['a child platform that is a sentence', { manifests: [child(), child({ platform: { os: 'linux', architecture: 'ci:hunter2 pass' } })] }, 'its manifest 2 has no valid platform'],
    ['a child size that is not a size', { manifests: [child({ size: -1 })] }, 'its manifest 1 has no valid size'],
    ['a child without a media type', { manifests: [child({ mediaType: undefined })] }, 'its manifest 1 has no valid media type'],
    ['manifests that are not a list', { manifests: {} }, 'its manifests are not a list'],
    ['a config digest that is not one', { config: { mediaType: OCI_MANIFEST, digest: 'sha256:short', size: 1 } }, 'its config has no valid digest'],
  ];
  for (const [name, json, expected] of cases) it(name, () => expect(manifestProblem(json)).toBe(expected));
});
