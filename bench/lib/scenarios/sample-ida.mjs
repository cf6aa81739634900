// Scenarios 1–3 on a realistic single-image service: examples/sample-ida (target app) on the
// debootstrap-made Debian base, Python, Django, PyYAML and gunicorn from Debian packages, the app
// code on top (about 285 MB). One repository, nights in order:
//
//   night 0       commit A published by ours and by the peer on a fresh runner (the cold builds:
//                 the setup, and the reference of the old code-change target).
//   1 no change   same commit, a new night each run: ours (reuse), the peer (build-push-action with a registry cache:
//                 every step a cache hit, then the push), today's nightly (`docker build
//                 --no-cache` + `docker push`) — N alternating runs, each on a fresh runner.
//   2 code change run i commits a one-line change to the app code (a new commit each run, so
//                 every run of every side has something to rebuild): the three sides, N runs.
//   3 promotion   the last changed commit is tagged release/teak.1: ours (a re-tag), the peer
//                 (a build with cache hits and a push of the release tags), a no-cache rebuild.
//
// Each side pushes to its own repository (<registry>/bench/sample-ida, -peer, -nightly), each with
// the tags ours plans for that night (`oep45 plan`), so no side reads another's cache or tags.

import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, ROOT, git, run } from '../helpers.mjs';
import { alternate, summarise } from '../engine.mjs';

const NIGHT0 = '2026-01-14';
const day = (n) => new Date(Date.UTC(2026, 0, 15 + n)).toISOString().slice(0, 10);
/** Night i of the no-change runs (each its own date, as on a real schedule: the dated tag is new) and of the code changes. */
const nightly = (i) => day(i);
const night = (i) => day(10 + i);

export async function sampleIdaScenarios({ engine, helpers, work, select, say, runs = 5, noCacheRuns = 3 }) {
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
  const eventArgs = (sha, date, ref = 'refs/heads/master', event = 'schedule') => ['--event', event, '--ref', ref, '--sha', sha, '--date', date, '--registry', registry];
  const ours = (...a) => engine.publish(dir, eventArgs(...a));
  /** The tag names ours plans for this event: the peer and the nightly push the same. */
  const plannedTags = async (...a) => {
    const r = await run(process.execPath, [CLI, 'plan', dir, '--format', 'json', ...eventArgs(...a)], { env: engine.env });
    return JSON.parse(r.stdout).images[0].tags.map((t) => t.slice(t.lastIndexOf(':') + 1));
  };
  const spec = { context: dir, dockerfile: join(dir, 'Dockerfile'), target: 'app', buildArgs: { BASE_IMAGE: base } };
  const peer = async (tags) => engine.peerBuild([{ ...spec, repository: `${registry}/sample-ida-peer`, tags }]);
  const noCache = (tag) => engine.buildAndPush([{ ...spec, ref: `${registry}/sample-ida-nightly:${tag}` }], ['--no-cache']);
  const expect = (what, result, status) => {
    const got = result.images.map((i) => i.status);
    if (got.some((s) => s !== status)) throw new Error(`${what}: expected every image ${status}, got ${got.join(', ')}`);
    return result;
  };
  const out = {};

  say('sample-ida: night 0, our cold publish and the peer\'s cold build (setup)');
  await engine.freshRunner();
  const cold = expect('cold publish', await ours(commitA, NIGHT0), 'built');
  const image0 = cold.images[0];
  await engine.freshRunner();
  const peerCold = await peer(await plannedTags(commitA, NIGHT0));
  out.cold = { seconds: cold.seconds, uploads: cold.uploads, steps: [image0.cachedSteps, image0.totalSteps], digest: image0.digest, peer: { seconds: peerCold.seconds, uploads: peerCold.uploads, steps: peerCold.steps } };

  if (select('nightly')) {
    let date;
    let tags;
    const results = await alternate({
      engine,
      runs,
      prepare: async (i) => {
        date = nightly(i);
        tags = await plannedTags(commitA, date);
      },
      say: (m) => say(`1 nightly, no change: ${m}`),
      sides: [
        {
          id: 'ours',
          label: 'our publish',
          run: async () => {
            const r = expect('no-change publish', await ours(commitA, date), 'reused');
            if (r.images[0].digest !== image0.digest) throw new Error('no-change publish: the digest moved');
            return r;
          },
        },
        { id: 'peer', label: 'the peer (registry cache)', run: () => peer(tags) },
        { id: 'no-cache', label: "today's nightly (no-cache build + push)", runs: noCacheRuns, run: () => noCache(date) },
      ],
    });
    out.nightly = scenario(results, { status: 'reused' });
  }

  if (select('code-change') || select('promotion')) {
    const urls = join(dir, 'sample_ida/urls.py');
    const original = readFileSync(urls, 'utf8');
    let commit;
    let date;
    const prepare = async (i) => {
      writeFileSync(urls, original.replace("{'status': 'ok'}", `{'status': 'ok', 'version': ${i + 2}}`));
      await git(dir, 'commit', '-q', '-am', `code-only change ${i + 1}`);
      commit = await git(dir, 'rev-parse', 'HEAD');
      date = night(i);
    };
    let last;
    if (select('code-change')) {
      const results = await alternate({
        engine,
        runs,
        prepare,
        say: (m) => say(`2 code change: ${m}`),
        sides: [
          { id: 'ours', label: 'our publish (cache from the registry)', run: async () => (last = expect('code-change publish', await ours(commit, date), 'built')) },
          { id: 'peer', label: 'the peer (registry cache)', run: async () => peer(await plannedTags(commit, date)) },
          { id: 'no-cache', label: 'no-cache build + push', runs: noCacheRuns, run: () => noCache(date) },
        ],
      });
      out.codeChange = scenario(results, { status: 'built', cold: out.cold });
    } else {
      say('2 code change: one change published by ours (setup of the promotion)');
      await prepare(0);
      await engine.freshRunner();
      last = expect('code-change publish', await ours(commit, date), 'built');
    }

    if (select('promotion')) {
      await git(dir, 'tag', 'release/teak.1');
      const release = [commit, date, 'refs/tags/release/teak.1', 'push'];
      const tags = await plannedTags(...release);
      const results = await alternate({
        engine,
        runs,
        say: (m) => say(`3 promotion of release/teak.1: ${m}`),
        sides: [
          {
            id: 'ours',
            label: 'our publish (re-tag)',
            run: async () => {
              const r = expect('promotion', await ours(...release), 'reused');
              if (r.images[0].digest !== last.images[0].digest) throw new Error('promotion: teak.1 is not the digest master has');
              if (!r.images[0].tags.some((t) => t.endsWith(':teak.1'))) throw new Error('promotion: no teak.1 tag planned');
              return r;
            },
          },
          { id: 'peer', label: 'the peer (build with cache hits, push of the release tags)', run: () => peer(tags) },
          { id: 'rebuild', label: 'no-cache rebuild + push of the release', runs: noCacheRuns, run: () => noCache('teak.1') },
        ],
      });
      out.promotion = scenario(results, { status: 'reused', tags });
    }
  }
  return out;
}

/** One scenario's entry: ours and each baseline, medians, runs, ratios pair by pair, uploads. */
export function scenario(results, extra = {}) {
  const s = summarise(results);
  const pick = (id) => {
    const list = results[id];
    const mid = list.find((r) => r.seconds === s[id].seconds) ?? list[Math.floor(list.length / 2)];
    return { ...s[id], uploads: mid.uploads, uploadsAllRuns: sumUploads(list.map((r) => r.uploads)), ...(mid.steps ? { steps: mid.steps } : {}), ...(mid.cachedSeconds !== undefined ? { cachedSeconds: mid.cachedSeconds } : {}) };
  };
  const { status, ...rest } = extra;
  const oursMid = pick('ours');
  const oursList = results.ours;
  const image = (oursList.find((r) => r.seconds === s.ours.seconds) ?? oursList[0]).images[0];
  return {
    // imageSeconds: the image steps' own time in our report (key, look-ups, build, push, tags); the rest is start-up and checks.
    ours: { ...oursMid, status, imageSeconds: image?.seconds, ...(image?.totalSteps !== undefined ? { steps: [image.cachedSteps, image.totalSteps] } : {}) },
    baselines: Object.keys(results).filter((id) => id !== 'ours').map((id) => ({ id, ...pick(id) })),
    ...rest,
  };
}

export function sumUploads(list) {
  const total = {};
  for (const u of list) for (const [k, v] of Object.entries(u)) total[k] = (total[k] ?? 0) + v;
  return total;
}
