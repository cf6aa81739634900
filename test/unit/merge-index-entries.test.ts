// The merge's pure parts: which manifests go into an image's index (one image per planned
// platform, attestations carried along), and the index document made from them.
import { describe, expect, it } from 'vitest';
import { indexEntries, type PushedImage } from '../../src/merge/index-entries.js';
import { indexDocument } from '../../src/registry/create-index.js';
import { DOCKER_LIST, DOCKER_MANIFEST, OCI_INDEX, OCI_MANIFEST, type Descriptor, type ImageIndex } from '../../src/registry/media-types.js';

const d = (c: string): string => 'sha256:' + c.repeat(64);
const image = (c: string, platform: string, mediaType = OCI_MANIFEST): Descriptor => {
  const [os, architecture, variant] = platform.split('/');
  return { mediaType, digest: d(c), size: 500, platform: { os: os!, architecture: architecture!, ...(variant ? { variant } : {}) } };
};
/** What buildx pushes by digest with its default provenance: the image and its attestation. */
const attestation = (c: string, of: string): Descriptor => ({
  mediaType: OCI_MANIFEST,
  digest: d(c),
  size: 566,
  platform: { os: 'unknown', architecture: 'unknown' },
  annotations: { 'vnd.docker.reference.digest': d(of), 'vnd.docker.reference.type': 'attestation-manifest' },
});
const single = (c: string, platform: string, mediaType?: string): PushedImage => ({ digest: d(c), descriptors: [image(c, platform, mediaType)] });
const withAttestation = (index: string, c: string, platform: string, att: string): PushedImage => ({ digest: d(index), descriptors: [image(c, platform), attestation(att, c)] });

describe('indexEntries', () => {
  const ok: Array<[string, PushedImage[], string[], { children: string[]; manifests: Array<[string, string]> }]> = [
    [
      'two single-platform images, in the order given',
      [single('a', 'linux/amd64'), single('b', 'linux/arm64')],
      ['linux/amd64', 'linux/arm64'],
      { children: [d('a'), d('b')], manifests: [['linux/amd64', d('a')], ['linux/arm64', d('b')]] },
    ],
    [
      'the order of the digests, not of the plan',
      [single('b', 'linux/arm64'), single('a', 'linux/amd64')],
      ['linux/amd64', 'linux/arm64'],
      { children: [d('b'), d('a')], manifests: [['linux/arm64', d('b')], ['linux/amd64', d('a')]] },
    ],
    [
      "arm64's config says v8, the plan does not: the same platform, named as planned",
      [single('a', 'linux/amd64'), single('b', 'linux/arm64/v8')],
      ['linux/amd64', 'linux/arm64'],
      { children: [d('a'), d('b')], manifests: [['linux/amd64', d('a')], ['linux/arm64', d('b')]] },
    ],
    [
      "buildx legs (an index of the image and its attestation): the children go in, attestations too",
      [withAttestation('1', 'a', 'linux/amd64', 'c'), withAttestation('2', 'b', 'linux/arm64', 'e')],
      ['linux/amd64', 'linux/arm64'],
      { children: [d('a'), d('c'), d('b'), d('e')], manifests: [['linux/amd64', d('a')], ['linux/arm64', d('b')]] },
    ],
    ['one platform', [single('a', 'linux/amd64')], ['linux/amd64'], { children: [d('a')], manifests: [['linux/amd64', d('a')]] }],
  ];
  for (const [what, pushed, planned, expected] of ok) {
    it(what, () => {
      const entries = indexEntries(pushed, planned, 'lms');
      expect(entries.children.map((c) => c.digest)).toEqual(expected.children);
      expect(entries.manifests.map((m) => [m.platform, m.digest])).toEqual(expected.manifests);
    });
  }

  const refused: Array<[string, PushedImage[], string[], string]> = [
    [
      'a planned platform without an image',
      [single('a', 'linux/amd64')],
      ['linux/amd64', 'linux/arm64'],
      'image lms: no image for linux/arm64 among the digests (they hold linux/amd64); the published image would lack that platform',
    ],
    [
      'an image for a platform the plan does not build',
      [single('a', 'linux/amd64'), single('b', 'linux/arm/v6')],
      ['linux/amd64'],
      `image lms: ${d('b')} is a linux/arm/v6 image, and the plan builds lms for linux/amd64 only (set platforms)`,
    ],
    [
      'two images for one platform',
      [single('a', 'linux/arm64'), single('b', 'linux/arm64/v8')],
      ['linux/arm64'],
      `image lms: ${d('a')} and ${d('b')} are both linux/arm64 images; give one digest per platform`,
    ],
    [
      'an index of attestations only',
      [{ digest: d('f'), descriptors: [attestation('c', 'a')] }],
      ['linux/amd64'],
      `image lms: ${d('f')} holds attestations only, no platform's image`,
    ],
    [
      'an index child without a platform',
      [{ digest: d('f'), descriptors: [{ mediaType: OCI_MANIFEST, digest: d('a'), size: 1 }] }],
      ['linux/amd64'],
      `image lms: ${d('f')} holds a manifest with no platform (${d('a')})`,
    ],
    ['a planned platform that is not one', [single('a', 'linux/amd64')], ['amd64'], 'image lms: platform "amd64" is not os/architecture[/variant], e.g. linux/amd64'],
  ];
  for (const [what, pushed, planned, message] of refused) {
    it(`refuses ${what}`, () => expect(() => indexEntries(pushed, planned, 'lms')).toThrow(message));
  }
});

describe('the index document made from the entries', () => {
  it('keeps the attestations and their annotations, in an OCI index with no annotations of its own', () => {
    const { children } = indexEntries([withAttestation('1', 'a', 'linux/amd64', 'c'), withAttestation('2', 'b', 'linux/arm64', 'e')], ['linux/amd64', 'linux/arm64'], 'lms');
    const { body, mediaType } = indexDocument(children);
    const doc = JSON.parse(body.toString()) as ImageIndex;
    expect(mediaType).toBe(OCI_INDEX);
    expect(doc).toEqual({ schemaVersion: 2, mediaType: OCI_INDEX, manifests: children });
    expect(doc.manifests[1]?.annotations).toEqual({ 'vnd.docker.reference.digest': d('a'), 'vnd.docker.reference.type': 'attestation-manifest' });
  });

  it('is a Docker manifest list when a leg pushed a Docker manifest (the plain engine does)', () => {
    const { children } = indexEntries([single('a', 'linux/amd64', DOCKER_MANIFEST), single('b', 'linux/arm64')], ['linux/amd64', 'linux/arm64'], 'lms');
    const { body, mediaType } = indexDocument(children);
    expect(mediaType).toBe(DOCKER_LIST);
    expect((JSON.parse(body.toString()) as ImageIndex).manifests.map((m) => [m.mediaType, m.platform])).toEqual([
      [DOCKER_MANIFEST, { os: 'linux', architecture: 'amd64' }],
      [OCI_MANIFEST, { os: 'linux', architecture: 'arm64' }],
    ]);
  });

  it('is the same bytes for the same digests, so a re-run makes the same index', () => {
    const make = () => indexDocument(indexEntries([single('a', 'linux/amd64'), single('b', 'linux/arm64')], ['linux/amd64', 'linux/arm64'], 'lms').children).body;
    expect(make().equals(make())).toBe(true);
  });
});
