// The demo (and --offline) uses only what this machine has: images whose base image is not in the
// local engine are skipped with the reason, nothing is pulled, and the run still succeeds.
import { expect, it } from 'vitest';
import { BUSYBOX_IMAGE, busyboxImage } from '../helpers/base-images.js';
import { describeWithBuilder } from '../helpers/docker-engine.js';
import { runCliProcess } from '../helpers/action.js';

describeWithBuilder('demo and --offline', () => {
  it('npm run demo on the sample: checks, plans, and skips the build whose base image is not here', async () => {
    // The sample builds FROM debian:bookworm-slim by default; this machine has none and may not pull.
    const run = await runCliProcess(['demo', 'examples/sample-ida', '--format', 'json'], { env: { CI: '' } });
    expect(run.code, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.summary.errors).toBe(0);
    expect(out.images.map((i: { name: string; status: string }) => [i.name, i.status])).toEqual([
      ['sample-ida', 'skipped'],
      ['sample-ida-dev', 'skipped'],
    ]);
    expect(out.images[0].error).toMatch(/^not built: base image debian:bookworm-slim is not in the local engine, and an offline build pulls nothing/);
    expect(run.stderr).not.toMatch(/load metadata|registry-1\.docker\.io/);
  });

  it('builds an image whose base image the engine has', async () => {
    busyboxImage();
    const run = await runCliProcess(
      ['demo', 'examples/multi-image', '--only', 'notes-dev', '--build-arg', `BASE_IMAGE=${BUSYBOX_IMAGE}`, '--format', 'json'],
      { env: { CI: '' } },
    );
    expect(run.code, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.images).toEqual([expect.objectContaining({ name: 'notes-dev', status: 'built', digest: expect.stringMatching(/^sha256:/) })]);
  });

  it('refuses to publish offline', async () => {
    const run = await runCliProcess(['publish', 'examples/sample-ida', '--offline']);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe('oep45: offline uses only what this machine has, so it cannot publish: publishing needs the registry');
  });
});
