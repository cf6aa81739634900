// The plan job's limits and matrix values, on real repositories of Dockerfiles described by an
// images-data.json, with the action in plan mode spawned as the runner spawns it: a 300-leg
// repository gets one clear error saying how to split it, a 200-image one plans with job outputs
// far below GitHub's 1 MiB and its whole plan in the plan file, and a hostile `os_platform`
// (`__proto__`, a newline) stops the plan instead of making a leg without a runner.

import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAction } from '../helpers/action.js';
import { makeRepo } from '../helpers/git.js';

function repository(entries: object[]) {
  const repo = makeRepo({ branch: 'master' });
  for (const entry of entries as Array<{ image_name: string }>) {
    repo.write(`dockerfiles/${entry.image_name}.Dockerfile`, 'FROM localhost/oep45-test/busybox:1\nCMD ["true"]\n');
  }
  repo.write('images-data.json', JSON.stringify(entries, null, 2));
  repo.write('.oep45.yml', 'images-data: images-data.json\nregistries: [docker.io/openedx, ghcr.io/openedx]\n');
  const sha = repo.commit('images');
  return { repo, sha };
}

const images = (n: number, platforms: string) =>
  Array.from({ length: n }, (_, i) => ({
    name: `service ${i + 1}`,
    image_name: `img-${String(i + 1).padStart(3, '0')}`,
    os_platform: platforms,
    owning_team_email: 'platform-maintainers@example.org',
  }));

async function plan(entries: object[]) {
  const { repo, sha } = repository(entries);
  const file = join(mkdtempSync(join(tmpdir(), 'oep45-plan-')), 'plan.json');
  const run = await runAction({ inputs: { mode: 'plan', 'plan-file': file }, cwd: repo.dir, ref: 'refs/heads/master', sha, event: { name: 'push', payload: {} } });
  return { run, file };
}

describe('the plan job on large and hostile repositories', () => {
  it('300 legs (150 images × 2 platforms): one clear error that says how to split, and no matrix', async () => {
    const { run } = await plan(images(150, 'linux/amd64,linux/arm64'));
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      '::error::the plan has 300 build legs (150 images × their platforms), more than the 256 jobs GitHub runs from one workflow\'s matrices: split the images across 2 calls of the reusable workflow',
    );
    expect(run.stdout).toContain('img-001 … img-128 (128); img-129 … img-150 (22)');
    expect(run.stdout).not.toMatch(/\n\s+at /);
    expect(run.outputs['image-matrix']).toBeUndefined();
  });

  it('200 images: planned; the job outputs stay small, the whole plan is in the plan file', async () => {
    const { run, file } = await plan(images(200, 'linux/amd64'));
    expect(run.code, run.stdout).toBe(0);
    const matrix = JSON.parse(run.outputs['image-matrix']!) as { include: Array<{ legs: unknown[] }> };
    expect(matrix.include).toHaveLength(200);
    expect(Buffer.byteLength(run.outputs['image-matrix']! + run.outputs.context!)).toBeLessThan(256 * 1024);
    const written = JSON.parse(readFileSync(file, 'utf8')) as { images: Array<{ tags: string[] }>; imageMatrix: unknown; matrix: { include: unknown[] } };
    expect(written.images).toHaveLength(200);
    expect(written.images[0]!.tags.length).toBeGreaterThan(4);
    expect(written.matrix.include).toHaveLength(200);
    expect(written.imageMatrix).toEqual(matrix);
  });

  const hostile: Array<[string, string, RegExp]> = [
    ['__proto__', '__proto__', /platform "__proto__" is not os\/arch\[\/variant\]/],
    ['a workflow command after a newline', 'linux/amd64\n::error::pwned', /is not os\/arch\[\/variant\]/],
    ['a platform in capitals', 'Linux/AMD64', /platform "Linux\/AMD64" is not os\/arch/],
  ];
  it.each(hostile)('os_platform %s: the plan stops, naming the image', async (_name, platform, message) => {
    const { run } = await plan([{ name: 'x', image_name: 'app', os_platform: platform }]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(message);
    expect(run.stdout).toContain('image "app"');
    // Refused where it is read, at its line in images-data.json.
    expect(run.stdout).toMatch(/::error title=oep45,file=images-data\.json,line=\d+,col=\d+::images-data\.json:\d+:\d+: image "app": platform /);
    expect(run.stdout).not.toMatch(/^::error::pwned/m);
    expect(run.outputs['image-matrix']).toBeUndefined();
  });
});
