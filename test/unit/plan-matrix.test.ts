import { describe, expect, it } from 'vitest';
import { buildMatrix, imageMatrix, repositoryOf, slug } from '../../src/plan/matrix.js';
import { parseRunnerMapping } from '../../src/plan/runners.js';
import type { ImagePlan } from '../../src/model/image.js';

function plan(name: string, platforms: string[], tags: string[] = [], owner?: string): ImagePlan {
  return { name, context: '.', dockerfile: 'Dockerfile', platforms, buildArgs: {}, tags, labels: {}, push: true, ...(owner ? { owner } : {}) };
}

describe('slug and repositoryOf', () => {
  const slugs: Array<[string, string | undefined, string]> = [
    ['lms', 'linux/amd64', 'lms=linux-amd64'],
    ['openedx/lms-dev', 'linux/arm64/v8', 'openedx~lms-dev=linux-arm64-v8'],
    ['a__b', 'x', 'a__b=x'],
    ['openedx/lms', undefined, 'openedx~lms'],
  ];
  it.each(slugs)('slug(%s, %s) = %s', (image, platform, out) => expect(slug(image, platform)).toBe(out));

  const repos: Array<[string, string]> = [
    ['docker.io/openedx/lms:latest', 'docker.io/openedx/lms'],
    ['localhost:5000/lms:sumac.2', 'localhost:5000/lms'],
    ['localhost:5000/lms', 'localhost:5000/lms'],
    ['ghcr.io/o/lms@sha256:' + 'a'.repeat(64), 'ghcr.io/o/lms'],
    ['lms:tag', 'lms'],
  ];
  it.each(repos)('repositoryOf(%s) = %s', (ref, repo) => expect(repositoryOf(ref)).toBe(repo));
});

describe('buildMatrix', () => {
  it('has one leg per image and platform, on the runner for its platform', () => {
    const m = buildMatrix([plan('lms', ['linux/amd64', 'linux/arm64']), plan('notes', ['linux/amd64'])], parseRunnerMapping('linux/amd64=x86-big'));
    expect(m).toEqual({
      include: [
        { image: 'lms', platform: 'linux/amd64', runner: 'x86-big', slug: 'lms=linux-amd64' },
        { image: 'lms', platform: 'linux/arm64', runner: 'ubuntu-24.04-arm', slug: 'lms=linux-arm64' },
        { image: 'notes', platform: 'linux/amd64', runner: 'x86-big', slug: 'notes=linux-amd64' },
      ],
    });
  });

  it('is empty (and the workflow skips its legs) when nothing is planned', () => {
    expect(buildMatrix([])).toEqual({ include: [] });
  });

  it('gives every leg a distinct slug, and no image glob matches the legs of another image', () => {
    const images = [plan('a', ['linux/amd64', 'linux/arm64', 'linux/arm/v7']), plan('a-linux', ['linux/amd64']), plan('a/linux', ['linux/amd64']), plan('a_b', ['linux/amd64'])];
    const legs = buildMatrix(images).include;
    expect(new Set(legs.map((l) => l.slug)).size).toBe(legs.length);
    for (const image of images) {
      const glob = `${slug(image.name)}=`;
      expect(legs.filter((l) => l.slug.startsWith(glob)).map((l) => l.image)).toEqual(image.platforms.map(() => image.name));
    }
  });

  // Every value becomes a job name, an artifact name or a runner lookup: refused before it gets there.
  const refused: Array<{ name: string; images: ImagePlan[]; message: RegExp }> = [
    { name: 'a __proto__ platform (once a leg without a runner)', images: [plan('lms', ['__proto__'])], message: /platform "__proto__" is not os\/arch/ },
    { name: 'a platform with an upper-case part', images: [plan('lms', ['Linux/AMD64'])], message: /is not os\/arch/ },
    { name: 'a platform of one part', images: [plan('lms', ['amd64'])], message: /is not os\/arch/ },
    { name: 'a platform of four parts', images: [plan('lms', ['linux/arm/v7/x'])], message: /is not os\/arch/ },
    { name: 'a platform with a newline', images: [plan('lms', ['linux/amd64\n::error::x'])], message: /is not os\/arch/ },
    { name: 'a platform listed twice', images: [plan('lms', ['linux/arm64', 'linux/arm64/v8'])], message: /platform linux\/arm64\/v8 is listed twice/ },
    { name: 'an image name with a space', images: [plan('my lms', ['linux/amd64'])], message: /"my lms" is not a Docker repository name/ },
    { name: 'an upper-case image name', images: [plan('LMS', ['linux/amd64'])], message: /is not a Docker repository name/ },
    { name: 'an image name with a colon', images: [plan('lms:latest', ['linux/amd64'])], message: /is not a Docker repository name/ },
    { name: 'an image name with markup', images: [plan('<b>lms</b>', ['linux/amd64'])], message: /is not a Docker repository name/ },
    { name: 'an image name of 256 characters', images: [plan('a'.repeat(256), ['linux/amd64'])], message: /at most 255/ },
    { name: 'two images of one name', images: [plan('lms', ['linux/amd64']), plan('lms', ['linux/arm64'])], message: /"lms" is planned twice/ },
  ];
  it.each(refused)('refuses $name', (c) => {
    expect(() => buildMatrix(c.images)).toThrow(c.message);
    expect(() => imageMatrix(c.images)).toThrow(c.message);
  });

  const accepted = ['linux/amd64', 'linux/arm64/v8', 'linux/arm/v6', 'linux/386', 'linux/ppc64le', 'linux/s390x', 'linux/riscv64', 'windows/amd64'];
  it.each(accepted)('accepts %s', (platform) => {
    expect(buildMatrix([plan('lms', [platform])]).include[0]!.platform).toBe(platform);
  });
});

describe('imageMatrix', () => {
  const cases: Array<{ name: string; image: ImagePlan; expect: object }> = [
    {
      name: 'Docker Hub subjects use index.docker.io; the image carries its own legs',
      image: plan('lms', ['linux/amd64', 'linux/arm64'], ['docker.io/openedx/lms:latest', 'ghcr.io/o/lms:latest'], 'team@example.com'),
      expect: {
        image: 'lms',
        slug: 'lms',
        subject: 'index.docker.io/openedx/lms',
        owner: 'team@example.com',
        platforms: ['linux/amd64', 'linux/arm64'],
        legs: [
          { image: 'lms', platform: 'linux/amd64', runner: 'ubuntu-24.04', slug: 'lms=linux-amd64' },
          { image: 'lms', platform: 'linux/arm64', runner: 'ubuntu-24.04-arm', slug: 'lms=linux-arm64' },
        ],
      },
    },
    {
      name: 'another registry is kept as it is',
      image: plan('notes', ['linux/arm64'], ['ghcr.io/o/notes:main']),
      expect: { image: 'notes', slug: 'notes', subject: 'ghcr.io/o/notes', owner: '', platforms: ['linux/arm64'] },
    },
    { name: 'no tags: the image name', image: plan('x', ['linux/amd64']), expect: { image: 'x', slug: 'x', subject: 'x', owner: '' } },
  ];
  it.each(cases)('$name', (c) => {
    expect(imageMatrix([c.image]).include[0]).toMatchObject(c.expect);
  });

  it('refuses an owning team that would break a line in an annotation', () => {
    expect(() => imageMatrix([plan('lms', ['linux/amd64'], [], 'team@example.com\n::error::pwned')])).toThrow(/owning team holds a line break/);
  });
});
