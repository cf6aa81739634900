// What one run of the reusable workflow can carry (src/plan/limits.ts), on a 300-leg and a
// 200-image repository as the plan job sees them: one clear error that says how to split, or a
// plan whose job outputs fit.
import { describe, expect, it } from 'vitest';
import { checkWorkflowLimits, splitImages } from '../../src/plan/limits.js';
import { imageMatrix } from '../../src/plan/matrix.js';
import type { ImagePlan } from '../../src/model/image.js';

function images(n: number, platforms: string[]): ImagePlan[] {
  return Array.from({ length: n }, (_, i) => {
    const name = `img-${String(i + 1).padStart(3, '0')}`;
    return {
      name,
      context: '.',
      dockerfile: `dockerfiles/${name}.Dockerfile`,
      platforms,
      buildArgs: {},
      tags: ['latest', 'master', 'a'.repeat(40), 'sha-aaaaaaa'].flatMap((t) => [`docker.io/openedx/${name}:${t}`, `ghcr.io/openedx/${name}:${t}`]),
      labels: {},
      push: true,
      owner: 'platform-maintainers@example.org',
    };
  });
}

describe('GitHub limits checked by the plan', () => {
  it('a 300-leg repository (150 images × 2 platforms) is refused, with the split to make', () => {
    const plan = images(150, ['linux/amd64', 'linux/arm64']);
    expect(() => checkWorkflowLimits(plan)).toThrow(
      'the plan has 300 build legs (150 images × their platforms), more than the 256 jobs GitHub runs from one workflow\'s matrices: ' +
        'split the images across 2 calls of the reusable workflow, each naming its own in the `images` input (in plan order: img-001 … img-128 (128); img-129 … img-150 (22))',
    );
  });

  it('a 200-image repository of one platform each fits, and its job outputs are far below 1 MiB', () => {
    const plan = images(200, ['linux/amd64']);
    const matrix = JSON.stringify(imageMatrix(plan));
    expect(() => checkWorkflowLimits(plan, [matrix, '{}'])).not.toThrow();
    expect(Buffer.byteLength(matrix)).toBeLessThan(128 * 1024);
  });

  it('exactly 256 legs fit; 257 do not', () => {
    expect(() => checkWorkflowLimits(images(128, ['linux/amd64', 'linux/arm64']))).not.toThrow();
    expect(() => checkWorkflowLimits([...images(128, ['linux/amd64', 'linux/arm64']), ...images(1, ['linux/amd64']).map((i) => ({ ...i, name: 'extra' }))])).toThrow(/257 build legs/);
  });

  it('job outputs over 1 MiB are refused before GitHub drops them', () => {
    expect(() => checkWorkflowLimits(images(2, ['linux/amd64']), ['x'.repeat(1024 * 1024)])).toThrow(/take 1024 KiB, more than fits in the plan job's outputs/);
  });
});

describe('splitImages', () => {
  const cases: Array<{ name: string; plan: ImagePlan[]; sizes: number[] }> = [
    { name: 'nothing', plan: [], sizes: [] },
    { name: 'one call', plan: images(3, ['linux/amd64']), sizes: [3] },
    { name: 'by legs', plan: images(150, ['linux/amd64', 'linux/arm64']), sizes: [128, 22] },
    { name: 'by images', plan: images(300, ['linux/amd64']), sizes: [256, 44] },
    { name: 'an image is never cut in two', plan: images(100, ['linux/amd64', 'linux/arm64', 'linux/arm/v7']), sizes: [85, 15] },
  ];
  it.each(cases)('$name', (c) => {
    const groups = splitImages(c.plan);
    expect(groups.map((g) => g.length)).toEqual(c.sizes);
    for (const g of groups) expect(g.reduce((n, i) => n + i.platforms.length, 0)).toBeLessThanOrEqual(256);
  });
});
