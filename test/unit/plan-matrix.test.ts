import { describe, expect, it } from 'vitest';
import { buildMatrix, imageMatrix, repositoryOf, runnerFor, slug } from '../../src/plan/matrix.js';
import type { ImagePlan } from '../../src/model/image.js';

function plan(name: string, platforms: string[], tags: string[] = [], owner?: string): ImagePlan {
  return { name, context: '.', dockerfile: 'Dockerfile', platforms, buildArgs: {}, tags, labels: {}, push: true, ...(owner ? { owner } : {}) };
}

describe('runnerFor', () => {
  const cases: Array<[string, Record<string, string>, string]> = [
    ['linux/amd64', {}, 'ubuntu-24.04'],
    ['linux/arm64', {}, 'ubuntu-24.04-arm'],
    ['linux/arm64/v8', {}, 'ubuntu-24.04-arm'],
    ['linux/s390x', {}, 'ubuntu-24.04'],
    ['linux/arm64', { 'linux/arm64': 'my-arm' }, 'my-arm'],
    ['linux/arm64/v8', { 'linux/arm64': 'my-arm' }, 'my-arm'],
    ['linux/amd64', { '*': 'big-x86' }, 'big-x86'],
    ['linux/arm64', { '*': 'big-x86' }, 'ubuntu-24.04-arm'],
    ['linux/amd64', { 'linux/amd64': 'a', '*': 'b' }, 'a'],
    ['linux/ppc64le', { '*': 'b' }, 'b'],
  ];
  it.each(cases)('%s with %j runs on %s', (platform, runners, label) => {
    expect(runnerFor(platform, runners)).toBe(label);
  });
});

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
  it('has one leg per image and platform, on the runner for its architecture', () => {
    const m = buildMatrix([plan('lms', ['linux/amd64', 'linux/arm64']), plan('notes', ['linux/amd64'])], { 'linux/amd64': 'x86-big' });
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
    const images = [plan('a', ['linux/amd64', 'linux/arm64', 'linux/arm64/v8']), plan('a-linux', ['amd64']), plan('a/linux', ['amd64']), plan('a_b', ['linux/amd64'])];
    const legs = buildMatrix(images).include;
    expect(new Set(legs.map((l) => l.slug)).size).toBe(legs.length);
    for (const image of images) {
      const glob = `${slug(image.name)}=`;
      expect(legs.filter((l) => l.slug.startsWith(glob)).map((l) => l.image)).toEqual(image.platforms.map(() => image.name));
    }
  });
});

describe('imageMatrix', () => {
  const cases: Array<{ name: string; image: ImagePlan; expect: object }> = [
    {
      name: 'Docker Hub subjects use index.docker.io',
      image: plan('lms', ['linux/amd64'], ['docker.io/openedx/lms:latest', 'ghcr.io/o/lms:latest'], 'team@example.com'),
      expect: { image: 'lms', slug: 'lms', subject: 'index.docker.io/openedx/lms', owner: 'team@example.com', platforms: ['linux/amd64'] },
    },
    {
      name: 'another registry is kept as it is',
      image: plan('notes', ['linux/arm64'], ['ghcr.io/o/notes:main']),
      expect: { image: 'notes', slug: 'notes', subject: 'ghcr.io/o/notes', owner: '', platforms: ['linux/arm64'] },
    },
    { name: 'no tags: the image name', image: plan('x', ['linux/amd64']), expect: { image: 'x', slug: 'x', subject: 'x', owner: '', platforms: ['linux/amd64'] } },
  ];
  it.each(cases)('$name', (c) => {
    expect(imageMatrix([c.image]).include[0]).toEqual(c.expect);
  });
});
