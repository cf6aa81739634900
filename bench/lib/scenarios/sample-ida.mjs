// Scenarios 1–3 on a realistic single-image service: examples/sample-ida (target app) on the
// debootstrap-made Debian base, Python, Django, PyYAML and gunicorn from Debian packages, the app
// code on top (about 285 MB). One repository, nights in order:
//
//   night 0   our publish of commit A on a fresh runner: the cold build (the reference for 2).
//   1 no change   night 1, same commit: ours (median of 5, each on a fresh runner) vs today's
//                 nightly, `docker build --no-cache` + `docker push`.
//   2 code change commit B changes one line of app code: ours (fresh runner, so the layer cache
//                 can only come from the registry) vs a no-cache rebuild, and vs a plain
//                 `docker build --cache-from <last night's tag>` with BUILDKIT_INLINE_CACHE=1.
//   3 promotion   B is tagged release/teak.1: ours (re-tag, median of 3) vs rebuild-and-push.
//
// Ours pushes to <registry>/bench/sample-ida; each baseline to its own repository, so that no
// baseline moves the tags ours reads its cache from.

import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, git, median } from '../helpers.mjs';

const NIGHT0 = '2026-01-14';
const NIGHT1 = '2026-01-15';
const NIGHT2 = '2026-01-16';

export async function sampleIdaScenarios({ engine, helpers, work, select, say }) {
  const base = helpers.debianImage();
  const dir = join(work, 'sample-ida');
  cpSync(join(ROOT, 'examples/sample-ida'), dir, { recursive: true });
  writeFileSync(
    join(dir, '.oep45.yml'),
    [
      '# The benchmark publishes the production image only, on the locally made Debian base.',
      'name: sample-ida',
      'app-name: SAMPLE_IDA',
      'images:',
      '  - name: sample-ida',
      '    target: app',
      '    platforms: [linux/amd64]',
      '    build-args:',
      `      BASE_IMAGE: ${base}`,
      'settings: sample_ida/settings',
      'fail-on: never',
      '',
    ].join('\n'),
  );
  await git(dir, 'init', '-q', '-b', 'master');
  await git(dir, 'add', '-A');
  await git(dir, 'commit', '-q', '-m', 'sample IDA');
  const commitA = await git(dir, 'rev-parse', 'HEAD');

  const registry = `${engine.proxy.host}/bench`;
  const ours = (sha, date, ref = 'refs/heads/master', event = 'schedule') => engine.publish(dir, ['--event', event, '--ref', ref, '--sha', sha, '--date', date, '--registry', registry]);
  const baselineImage = (repo, tag, context = dir) => ({ context, dockerfile: join(context, 'Dockerfile'), target: 'app', buildArgs: { BASE_IMAGE: base }, ref: `${registry}/${repo}:${tag}` });
  const expect = (what, result, status) => {
    const got = result.images.map((i) => i.status);
    if (got.some((s) => s !== status)) throw new Error(`${what}: expected every image ${status}, got ${got.join(', ')}`);
  };
  const out = {};

  say('sample-ida: night 0, our cold publish');
  await engine.freshRunner();
  const cold = await ours(commitA, NIGHT0);
  expect('cold publish', cold, 'built');
  const image0 = cold.images[0];
  const coldEntry = { seconds: cold.seconds, uploads: cold.uploads, steps: [image0.cachedSteps, image0.totalSteps], digest: image0.digest };

  if (select('nightly')) {
    say('1 nightly, no change: today\'s nightly (no-cache build + push)');
    await engine.freshRunner();
    const baseline = await engine.buildAndPush([baselineImage('sample-ida-nightly', NIGHT1)], ['--no-cache']);
    const runs = [];
    for (let i = 0; i < 5; i++) {
      say(`1 nightly, no change: our publish, run ${i + 1} of 5`);
      await engine.freshRunner();
      const r = await ours(commitA, NIGHT1);
      expect('no-change publish', r, 'reused');
      if (r.images[0].digest !== image0.digest) throw new Error('no-change publish: the digest moved');
      runs.push(r);
    }
    const mid = median(runs.map((r) => r.seconds));
    out.nightly = {
      ours: { seconds: mid, runs: runs.map((r) => r.seconds), uploads: runs.find((r) => r.seconds === mid)?.uploads ?? runs[2].uploads, uploadsAllRuns: sumUploads(runs.map((r) => r.uploads)), status: 'reused' },
      baselines: [{ id: 'no-cache', seconds: baseline.seconds, uploads: baseline.uploads }],
    };
  }

  if (select('code-change') || select('promotion')) {
    const urls = join(dir, 'sample_ida/urls.py');
    writeFileSync(urls, readFileSync(urls, 'utf8').replace("{'status': 'ok'}", "{'status': 'ok', 'version': 2}"));
    await git(dir, 'commit', '-q', '-am', 'code-only change');
    const commitB = await git(dir, 'rev-parse', 'HEAD');

    say('2 code change: our publish (fresh runner: registry cache only)');
    await engine.freshRunner();
    const code = await ours(commitB, NIGHT2);
    expect('code-change publish', code, 'built');
    const imageB = code.images[0];
    if (select('code-change')) {
      say('2 code change: plain docker build --cache-from last night\'s tag, inline cache (fresh runner)');
      await engine.freshRunner();
      const inline = await engine.buildAndPush([baselineImage('sample-ida-inline', NIGHT2)], ['--cache-from', `${registry}/sample-ida:${commitA}`, '--build-arg', 'BUILDKIT_INLINE_CACHE=1']);
      say('2 code change: no-cache build + push (fresh runner)');
      await engine.freshRunner();
      const noCache = await engine.buildAndPush([baselineImage('sample-ida-nightly', NIGHT2)], ['--no-cache']);
      out.codeChange = {
        ours: { seconds: code.seconds, uploads: code.uploads, steps: [imageB.cachedSteps, imageB.totalSteps], status: 'built' },
        cold: coldEntry,
        baselines: [
          { id: 'no-cache', seconds: noCache.seconds, uploads: noCache.uploads, steps: noCache.steps },
          { id: 'inline-cache', seconds: inline.seconds, uploads: inline.uploads, steps: inline.steps },
        ],
      };
    }

    if (select('promotion')) {
      await git(dir, 'tag', 'release/teak.1');
      const runs = [];
      for (let i = 0; i < 3; i++) {
        say(`3 promotion: our publish of release/teak.1, run ${i + 1} of 3`);
        await engine.freshRunner();
        const r = await ours(commitB, NIGHT2, 'refs/tags/release/teak.1', 'push');
        expect('promotion', r, 'reused');
        if (r.images[0].digest !== imageB.digest) throw new Error('promotion: teak.1 is not the digest master has');
        if (!r.images[0].tags.some((t) => t.endsWith(':teak.1'))) throw new Error('promotion: no teak.1 tag planned');
        runs.push(r);
      }
      say('3 promotion: rebuild and push teak.1 (fresh runner, no cache)');
      await engine.freshRunner();
      const rebuild = await engine.buildAndPush([baselineImage('sample-ida-release', 'teak.1')], ['--no-cache']);
      const mid = median(runs.map((r) => r.seconds));
      out.promotion = {
        ours: { seconds: mid, runs: runs.map((r) => r.seconds), uploads: sumUploads(runs.map((r) => r.uploads)), status: 'reused', tags: runs[0].images[0].tags.map((t) => t.split(':').pop()) },
        baselines: [{ id: 'rebuild', seconds: rebuild.seconds, uploads: rebuild.uploads }],
      };
    }
  }
  out.cold = coldEntry;
  return out;
}

function sumUploads(list) {
  const total = {};
  for (const u of list) for (const [k, v] of Object.entries(u)) total[k] = (total[k] ?? 0) + v;
  return total;
}
