import { describe, expect, it } from 'vitest';
import { indexDocument } from '../../src/registry/create-index.js';
import { DOCKER_LIST, DOCKER_MANIFEST, OCI_INDEX, OCI_MANIFEST, parsePlatform } from '../../src/registry/media-types.js';

const d = (c: string): string => 'sha256:' + c.repeat(64);

describe('indexDocument', () => {
  const cases: Array<[string, string[], string]> = [
    ['OCI children', [OCI_MANIFEST, OCI_MANIFEST], OCI_INDEX],
    ['Docker children', [DOCKER_MANIFEST, DOCKER_MANIFEST], DOCKER_LIST],
    ['a mix (kept in the Docker family)', [OCI_MANIFEST, DOCKER_MANIFEST], DOCKER_LIST],
  ];
  for (const [what, types, expected] of cases) {
    it(`is a ${expected} for ${what}`, () => {
      const children = types.map((mediaType, i) => ({ mediaType, digest: d(String(i)), size: 10 + i, platform: parsePlatform(i ? 'linux/arm64' : 'linux/amd64') }));
      const { body, mediaType } = indexDocument(children, { a: 'b' });
      const doc = JSON.parse(body.toString());
      expect(mediaType).toBe(expected);
      expect(doc.mediaType).toBe(expected);
      expect(doc.manifests).toEqual(children);
      // Docker manifest lists have no annotations field.
      expect(doc.annotations).toEqual(expected === OCI_INDEX ? { a: 'b' } : undefined);
    });
  }
  const platforms: Array<[string, object]> = [
    ['linux/amd64', { os: 'linux', architecture: 'amd64' }],
    ['linux/arm64/v8', { os: 'linux', architecture: 'arm64', variant: 'v8' }],
    ['linux/arm/v7', { os: 'linux', architecture: 'arm', variant: 'v7' }],
  ];
  for (const [text, expected] of platforms) it(`reads platform ${text}`, () => expect(parsePlatform(text)).toEqual(expected));
  it('refuses a platform without an architecture', () => expect(() => parsePlatform('linux')).toThrow('"linux" is not a platform'));
});
