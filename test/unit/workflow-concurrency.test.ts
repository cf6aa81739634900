// Concurrency, reasoned on event sequences. The keys are not written here: each event is
// classified by our own classifier (src/release/classify.ts), the plan job's real "Decide what
// this run publishes" script turns that into the run's lock, and the group expressions of the
// workflows themselves (concurrency of oep45-images.yml, of oep45-image.yml's build and merge
// jobs, of the starters) are evaluated by GitHub's expression evaluator. The keys then go through
// a MODEL of GitHub's scheduler as docs.github.com describes it — a group runs one job at a time;
// with `queue: single` (the default) it keeps one pending job and a newer one cancels it, with
// `queue: max` up to 100 wait in order — and of our legs (a leg reuses `inputs-<key>` when an
// earlier leg of the same inputs finished first, else builds a new digest) and merges (the same
// digests make the same index; the tags then point at it).

import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { classify } from '../../src/release/classify.js';
import { evaluateValue } from '../helpers/gha-expressions.js';
import { readWorkflow, REUSABLE, REUSABLE_IMAGE } from '../helpers/workflow-files.js';
import { runStep } from '../helpers/workflow-step.js';

type Queue = 'single' | 'max';

interface Event {
  name: string;
  ref: string;
  sha: string;
  /** UTC day of the run (a nightly's dated tag). */
  day?: string;
  /** Minutes its builds take (a slow run holds its group). */
  build?: number;
  pr?: number;
}

interface Keys {
  publish: boolean;
  /** oep45-images.yml's own group, and whether it cancels a run in progress. */
  workflow: { group: string; cancel: boolean };
  leg: { group: string; queue: Queue };
  merge: { group: string; queue: Queue };
  tags: string[];
}

const IMAGE = { image: 'credentials', slug: 'credentials', subject: 'index.docker.io/openedx/credentials', owner: '', platforms: ['linux/amd64'] };
const LEG = { image: 'credentials', platform: 'linux/amd64', runner: 'ubuntu-24.04', slug: 'credentials=linux-amd64' };
const entry = readWorkflow(REUSABLE) as unknown as { concurrency: { group: string; 'cancel-in-progress': string } };
const perImage = readWorkflow(REUSABLE_IMAGE) as unknown as { jobs: Record<string, { concurrency: { group: string; queue?: Queue } }> };

function tagsOf(kind: string, event: Event, release?: { name: string; version?: string }): string[] {
  switch (kind) {
    case 'master':
      return ['latest', 'master', event.sha];
    case 'nightly':
      return ['latest', 'master', event.sha, event.day!];
    case 'release-line':
      return [release!.name, event.sha];
    case 'named-release':
      return [release!.version!, event.sha, release!.name];
    default:
      return [];
  }
}

/** The keys a run of this event holds, from our classifier, our Decide script and our YAML. */
async function keysOf(event: Event): Promise<Keys> {
  const pullRequest = event.pr ? { number: event.pr, fromFork: false } : undefined;
  const c = classify({ eventName: event.name, ref: event.ref, defaultBranch: 'master', nightly: false, deleted: false, ...(pullRequest ? { pullRequest } : {}) });
  const plan = join(mkdtempSync(join(tmpdir(), 'oep45-plan-')), 'plan.json');
  const context = { kind: c.kind, publishable: c.publishable, release: c.release ?? null, date: event.day ?? '2026-05-04' };
  writeFileSync(plan, JSON.stringify({ context, matrix: { include: [LEG] } }));
  const decided = await runStep('plan', 'Decide what this run publishes', {
    PLAN_FILE: plan,
    EVENT_NAME: event.name,
    PUSH: 'true',
    RUNNER: 'ubuntu-24.04',
    NAMESPACE: 'oep45-0123456789',
    RETENTION: '7',
    RUN_ID: `run-${event.sha.slice(0, 4)}-${event.day ?? event.ref}`,
    EVENT_VISIBILITY: 'public',
    API_URL: 'http://127.0.0.1:9',
    REPOSITORY: 'openedx/credentials',
    TOKEN: 'x',
  });
  expect(decided.code, decided.stdout + decided.stderr).toBe(0);
  const run = decided.outputs.run!;
  const github = {
    event_name: event.name,
    ref: event.ref,
    run_id: `run-${event.sha.slice(0, 4)}-${event.day ?? event.ref}`,
    event: event.pr ? { pull_request: { number: event.pr } } : {},
  };
  const inputs = { 'working-directory': '.', images: '', 'artifact-prefix': '' };
  const jobContexts = { inputs: { run, image: JSON.stringify(IMAGE), call: '{}' }, matrix: LEG };
  const job = (id: string) => perImage.jobs[id]!.concurrency;
  return {
    publish: decided.outputs.publish === 'true',
    workflow: {
      group: String(evaluateValue(entry.concurrency.group, { github, inputs })),
      cancel: evaluateValue(entry.concurrency['cancel-in-progress'], { github, inputs }) === true,
    },
    leg: { group: String(evaluateValue(job('build').group, jobContexts)), queue: job('build').queue ?? 'single' },
    merge: { group: String(evaluateValue(job('merge').group, jobContexts)), queue: job('merge').queue ?? 'single' },
    tags: tagsOf(c.kind, event, c.release ? { name: c.release.name, ...(c.release.version ? { version: c.release.version } : {}) } : undefined),
  };
}

interface Outcome {
  /** Per run: what its leg did (`built`, `reused`, `cancelled`), and whether it published. */
  runs: Array<{ leg: string; published: boolean }>;
  /** Where each tag points at the end: an index made of these platform digests. */
  tags: Record<string, string>;
  builds: number;
}

interface Job {
  run: number;
  kind: 'leg' | 'merge';
  group: string;
  queue: Queue;
}

/**
 * Runs arrive one minute apart, in order; each plans for a minute, then asks for its leg's group;
 * a leg that starts after an earlier leg of the same commit finished reuses that digest (one
 * minute), otherwise it builds (event.build minutes, default 10); the run's merge then asks for the
 * merge group and takes a minute. `queue` overrides the YAML's, to show what GitHub's default does.
 */
function simulate(events: Event[], keys: Keys[], queue?: Queue): Outcome {
  const registry = new Map<string, string>();
  const runs = events.map(() => ({ leg: 'pending', published: false, digest: '' }));
  const tags: Record<string, string> = {};
  const groups = new Map<string, { running?: Job & { until: number }; waiting: Job[] }>();
  const wants: Array<{ at: number; job: Job }> = [];
  let builds = 0;
  events.forEach((_, i) => {
    if (keys[i]!.publish) wants.push({ at: i + 1, job: { run: i, kind: 'leg', group: keys[i]!.leg.group, queue: queue ?? keys[i]!.leg.queue } });
  });
  const start = (job: Job, now: number): number => {
    const e = events[job.run]!;
    if (job.kind === 'merge') {
      for (const tag of keys[job.run]!.tags) tags[tag] = runs[job.run]!.digest;
      runs[job.run]!.published = true;
      return now + 1;
    }
    const known = registry.get(e.sha);
    if (known) {
      runs[job.run]!.leg = 'reused';
      runs[job.run]!.digest = known;
      return now + 1;
    }
    builds++;
    runs[job.run]!.leg = 'built';
    runs[job.run]!.digest = `sha256:${e.sha}-built-by-run-${job.run}`;
    return now + (e.build ?? 10);
  };
  for (let now = 0; now < 10_000; now++) {
    // Jobs that end now: a leg leaves its digest as inputs-<key>, then its run's merge asks for its group.
    for (const [name, g] of groups) {
      if (g.running && g.running.until === now) {
        const done = g.running;
        g.running = undefined;
        if (done.kind === 'leg') {
          registry.set(events[done.run]!.sha, runs[done.run]!.digest);
          wants.push({ at: now, job: { run: done.run, kind: 'merge', group: keys[done.run]!.merge.group, queue: queue ?? keys[done.run]!.merge.queue } });
        }
        groups.set(name, g);
      }
    }
    for (const want of wants.filter((w) => w.at === now)) {
      const g = groups.get(want.job.group) ?? { waiting: [] };
      if (want.job.queue === 'single' && g.waiting.length) {
        // GitHub's default: the group keeps one pending job; the newer one cancels it.
        for (const cancelled of g.waiting.splice(0)) if (cancelled.kind === 'leg') runs[cancelled.run]!.leg = 'cancelled';
      }
      if (g.waiting.length < 100) g.waiting.push(want.job);
      groups.set(want.job.group, g);
    }
    for (const g of groups.values()) {
      if (!g.running && g.waiting.length) {
        const job = g.waiting.shift()!;
        g.running = { ...job, until: start(job, now) };
      }
    }
    if (![...groups.values()].some((g) => g.running || g.waiting.length) && !wants.some((w) => w.at > now)) break;
  }
  return { runs: runs.map(({ leg, published }) => ({ leg, published })), tags, builds };
}

const SHA = (c: string): string => c.repeat(40);

describe('concurrency keys over event sequences', () => {
  it('a release tag and its branch pushed on one commit: one group, one build, teak and teak.1 on one image', async () => {
    const events: Event[] = [
      { name: 'push', ref: 'refs/tags/release/teak.1', sha: SHA('a') },
      { name: 'push', ref: 'refs/heads/release/teak', sha: SHA('a') },
    ];
    const keys = await Promise.all(events.map(keysOf));
    expect(keys.map((k) => k.leg.group)).toEqual(['oep45-line-teak-leg-credentials=linux-amd64', 'oep45-line-teak-leg-credentials=linux-amd64']);
    expect(keys.map((k) => k.merge.group)).toEqual(['oep45-line-teak-merge-credentials', 'oep45-line-teak-merge-credentials']);
    // Each run has a workflow-level group of its own: nothing there serialises or cancels them.
    expect(new Set(keys.map((k) => k.workflow.group)).size).toBe(2);
    expect(keys.every((k) => !k.workflow.cancel)).toBe(true);
    const outcome = simulate(events, keys);
    expect(outcome.builds).toBe(1);
    expect(outcome.runs).toEqual([
      { leg: 'built', published: true },
      { leg: 'reused', published: true },
    ]);
    expect(outcome.tags['teak.1']).toBe(outcome.tags.teak);
  });

  it('the same two events, keyed per ref as before: both build, and teak and teak.1 land on different images', async () => {
    const events: Event[] = [
      { name: 'push', ref: 'refs/tags/release/teak.1', sha: SHA('a') },
      { name: 'push', ref: 'refs/heads/release/teak', sha: SHA('a') },
    ];
    const perRef = (await Promise.all(events.map(keysOf))).map((k, i) => ({ ...k, leg: { ...k.leg, group: events[i]!.ref }, merge: { ...k.merge, group: events[i]!.ref } }));
    const outcome = simulate(events, perRef);
    expect(outcome.builds).toBe(2);
    expect(outcome.tags['teak.1']).not.toBe(outcome.tags.teak);
  });

  it('three nightlies while the first is still building: all three queue and publish in order, none is cancelled', async () => {
    const events: Event[] = [
      { name: 'schedule', ref: 'refs/heads/master', sha: SHA('1'), day: '2026-05-04', build: 30 },
      { name: 'schedule', ref: 'refs/heads/master', sha: SHA('2'), day: '2026-05-05' },
      { name: 'schedule', ref: 'refs/heads/master', sha: SHA('3'), day: '2026-05-06' },
    ];
    const keys = await Promise.all(events.map(keysOf));
    expect(new Set(keys.map((k) => k.leg.group))).toEqual(new Set(['oep45-default-leg-credentials=linux-amd64']));
    expect(keys.map((k) => k.leg.queue)).toEqual(['max', 'max', 'max']);
    const outcome = simulate(events, keys);
    expect(outcome.runs.map((r) => r.published)).toEqual([true, true, true]);
    expect(Object.keys(outcome.tags).filter((t) => t.startsWith('2026-'))).toEqual(['2026-05-04', '2026-05-05', '2026-05-06']);
    expect(outcome.tags.latest).toBe(outcome.tags['2026-05-06']);
  });

  it('the same nightlies under GitHub\'s default queue: the middle one is cancelled, and the next run covers it', async () => {
    const events: Event[] = [
      { name: 'schedule', ref: 'refs/heads/master', sha: SHA('1'), day: '2026-05-04', build: 30 },
      { name: 'schedule', ref: 'refs/heads/master', sha: SHA('2'), day: '2026-05-05' },
      { name: 'schedule', ref: 'refs/heads/master', sha: SHA('3'), day: '2026-05-06' },
    ];
    const outcome = simulate(events, await Promise.all(events.map(keysOf)), 'single');
    expect(outcome.runs.map((r) => r.leg)).toEqual(['built', 'cancelled', 'built']);
    // Harmless for the default branch: latest and master end on the newest commit; only that
    // day's dated tag and its commit's SHA tags were never made.
    expect(outcome.tags.latest).toBe(outcome.tags['2026-05-06']);
    expect(outcome.tags['2026-05-05']).toBeUndefined();
  });

  it('a release tag waiting behind its branch when the branch moves again: queued, so the tag is published', async () => {
    const events: Event[] = [
      { name: 'push', ref: 'refs/heads/release/teak', sha: SHA('a'), build: 30 },
      { name: 'push', ref: 'refs/tags/release/teak.1', sha: SHA('b') },
      { name: 'push', ref: 'refs/heads/release/teak', sha: SHA('c') },
    ];
    const keys = await Promise.all(events.map(keysOf));
    const queued = simulate(events, keys);
    expect(queued.runs.map((r) => r.published)).toEqual([true, true, true]);
    expect(queued.tags['teak.1']).toContain(SHA('b'));
    expect(queued.tags.teak).toContain(SHA('c'));
    // Why `queue: max`: GitHub's default would cancel the tag's pending leg, and no later run of
    // the line makes teak.1 (a branch push builds the line's tags only).
    const single = simulate(events, keys, 'single');
    expect(single.runs[1]).toEqual({ leg: 'cancelled', published: false });
    expect(single.tags['teak.1']).toBeUndefined();
  });

  it('two release lines and the default branch never wait for each other', async () => {
    const events: Event[] = [
      { name: 'push', ref: 'refs/tags/open-release/sumac.3', sha: SHA('d') },
      { name: 'push', ref: 'refs/heads/release/teak', sha: SHA('e') },
      { name: 'push', ref: 'refs/heads/master', sha: SHA('f') },
    ];
    const keys = await Promise.all(events.map(keysOf));
    expect(keys.map((k) => k.leg.group)).toEqual([
      'oep45-line-sumac-leg-credentials=linux-amd64',
      'oep45-line-teak-leg-credentials=linux-amd64',
      'oep45-default-leg-credentials=linux-amd64',
    ]);
  });

  it('a manual nightly run on a release branch takes that release line\'s group', async () => {
    const keys = await keysOf({ name: 'workflow_dispatch', ref: 'refs/heads/release/teak', sha: SHA('a') });
    expect(keys.leg.group).toBe('oep45-line-teak-leg-credentials=linux-amd64');
  });

  it('pull requests: a new push cancels the run in progress of the same pull request, and no leg waits for another run', async () => {
    const [first, again, other] = await Promise.all([
      keysOf({ name: 'pull_request', ref: 'refs/pull/7/merge', sha: SHA('1'), pr: 7 }),
      keysOf({ name: 'pull_request', ref: 'refs/pull/7/merge', sha: SHA('2'), pr: 7 }),
      keysOf({ name: 'pull_request', ref: 'refs/pull/8/merge', sha: SHA('3'), pr: 8 }),
    ]);
    expect(first!.workflow).toEqual({ group: 'oep45-images-pr-7-.--', cancel: true });
    expect(again!.workflow.group).toBe(first!.workflow.group);
    expect(other!.workflow.group).not.toBe(first!.workflow.group);
    expect(first!.publish).toBe(false);
    expect(new Set([first!.leg.group, again!.leg.group, other!.leg.group]).size).toBe(3);
    expect(first!.leg.group).not.toMatch(/default|line-/);
  });

  it('the publishing starters hold no group of their own (one would cancel a pending run)', () => {
    for (const file of ['workflows/nightly.yml', 'workflows/release.yml', 'examples/multi-image/.github/workflows/images.yml']) {
      expect(readWorkflow(file).concurrency, file).toBeUndefined();
    }
    expect(readWorkflow('workflows/pull-request.yml').concurrency).toEqual({ group: 'oep45-pull-request-${{ github.event.pull_request.number }}', 'cancel-in-progress': true });
  });
});
