// The plan job's decision, for every kind of event, from a real plan: the action in plan mode
// (spawned as the runner spawns it) on a real git repository with the fixtures' webhook payloads
// writes its plan file, then the workflow's own "Decide what this run publishes" script (bash,
// jq, curl) reads it, asking a FAKE of GitHub's API (on loopback) for the repository's
// visibility where the payload has none: a schedule's never has. Then oep45-attest.yml's choice
// from the report, and its check that a reused image was attested here.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runAction } from '../helpers/action.js';
import { startFakeGitHubApi, type FakeGitHubApi } from '../helpers/fake-github-api.js';
import { makeRepo, type TestRepo } from '../helpers/git.js';
import { REUSABLE_ATTEST } from '../helpers/workflow-files.js';
import { recordingCurl, runStep } from '../helpers/workflow-step.js';

const FIXTURES = resolve(import.meta.dirname, '../fixtures/events');
const payload = (name: string): Record<string, unknown> => JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8')) as Record<string, unknown>;
const ATTEST = { file: REUSABLE_ATTEST };
const TOKEN = 'fake-github-token';

let repo: TestRepo;
let sha: string;
let publicApi: FakeGitHubApi;
let privateApi: FakeGitHubApi;
let idleApi: FakeGitHubApi;

beforeAll(async () => {
  repo = makeRepo({ branch: 'master' });
  repo.write('Dockerfile', 'FROM localhost/oep45-test/busybox:1\nCMD ["true"]\n');
  repo.write('.oep45.yml', 'name: credentials\nregistries: [docker.io/openedx]\nplatforms: [linux/amd64, linux/arm64]\n');
  sha = repo.commit('teak.1');
  repo.tag('release/teak.1');
  repo.git('branch', 'release/teak');
  const now = new Date().toISOString();
  publicApi = await startFakeGitHubApi({ full_name: 'openedx/credentials', visibility: 'public', pushed_at: now });
  privateApi = await startFakeGitHubApi({ full_name: 'openedx/credentials', visibility: 'private', pushed_at: now });
  idleApi = await startFakeGitHubApi({ full_name: 'openedx/credentials', visibility: 'public', pushed_at: new Date(Date.now() - 50 * 86400_000).toISOString() });
});
afterAll(() => Promise.all([publicApi.stop(), privateApi.stop(), idleApi.stop()]));

/** The plan file the action writes for this event. */
async function plan(event: string, name: string, ref: string): Promise<string> {
  const file = join(mkdtempSync(join(tmpdir(), 'oep45-plan-')), 'plan.json');
  const run = await runAction({ inputs: { mode: 'plan', 'plan-file': file }, cwd: repo.dir, event: { name: event, payload: payload(name) }, ref, sha });
  expect(run.code, run.stdout + run.stderr).toBe(0);
  return file;
}

async function decide(event: string, name: string, ref: string, api: FakeGitHubApi, push = 'true') {
  const curl = recordingCurl();
  const visibility = (payload(name).repository as { visibility?: string } | undefined)?.visibility ?? '';
  const r = await runStep(
    'plan',
    'Decide what this run publishes',
    {
      PLAN_FILE: await plan(event, name, ref),
      EVENT_NAME: event,
      PUSH: push,
      RUNNER: 'ubuntu-24.04',
      NAMESPACE: 'oep45-0123456789',
      RETENTION: '7',
      RUN_ID: '4242',
      EVENT_VISIBILITY: visibility,
      API_URL: api.url,
      REPOSITORY: 'openedx/credentials',
      TOKEN,
    },
    { path: curl.path },
  );
  expect(r.code, r.stdout + r.stderr).toBe(0);
  return { ...r, run: JSON.parse(r.outputs.run!) as Record<string, unknown>, curl: curl.calls() };
}

describe('Decide what this run publishes: one lock per release line and per default branch', () => {
  // A release tag and its branch, and a manual nightly run on that branch, share one line's lock;
  // the default branch's pushes and nightlies share another; a run that does not publish waits on none.
  const cases: Array<[string, string, string, string, string, string]> = [
    ['schedule', 'schedule', 'refs/heads/master', 'true', 'default', 'public'],
    ['push', 'push-master', 'refs/heads/master', 'true', 'default', 'public'],
    ['push', 'push-tag-new-scheme', 'refs/tags/release/teak.1', 'true', 'line-teak', 'public'],
    ['push', 'push-release-branch-new-scheme', 'refs/heads/release/teak', 'true', 'line-teak', 'public'],
    ['workflow_dispatch', 'workflow-dispatch-release-branch', 'refs/heads/release/teak', 'true', 'line-teak', 'public'],
    ['pull_request', 'pull-request', 'refs/pull/2417/merge', 'false', 'run-4242-oep45-0123456789', 'public'],
  ];
  it.each(cases)('%s (%s, %s): publish %s, lock %s, visibility %s', async (event, name, ref, publish, lock, visibility) => {
    const r = await decide(event, name, ref, publicApi);
    expect(r.outputs.publish).toBe(publish);
    expect(r.run).toMatchObject({ publish: publish === 'true', lock, namespace: 'oep45-0123456789', retention: 7, runner: 'ubuntu-24.04' });
    expect(r.run.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(r.outputs.visibility).toBe(visibility);
    expect(r.outputs.legs).toBe('true');
  });

  it('push: false publishes nothing and locks nothing', async () => {
    const r = await decide('push', 'push-master', 'refs/heads/master', publicApi, 'false');
    expect(r.run).toMatchObject({ publish: false, lock: 'run-4242-oep45-0123456789' });
  });

  it('a schedule\'s payload has no repository: the visibility comes from GitHub\'s API, with the token never on a command line', async () => {
    const before = publicApi.requests.length;
    const r = await decide('schedule', 'schedule', 'refs/heads/master', publicApi);
    expect(r.outputs.visibility).toBe('public');
    expect(publicApi.requests.slice(before)).toEqual([{ path: '/repos/openedx/credentials', authorization: `Bearer ${TOKEN}` }]);
    expect(r.curl).toHaveLength(1);
    expect(r.curl[0]).not.toContain(TOKEN);
    expect(r.stdout).not.toContain('Nightly schedule');
  });

  it('a private repository says so', async () => {
    expect((await decide('schedule', 'schedule', 'refs/heads/master', privateApi)).outputs.visibility).toBe('private');
  });

  it('an API that does not answer: a warning, and no visibility (so auto does not attest)', async () => {
    const r = await decide('schedule', 'schedule', 'refs/heads/master', { ...publicApi, url: `${publicApi.url}/nowhere` });
    expect(r.outputs.visibility).toBe('');
    expect(r.stdout).toMatch(/^::warning title=Repository visibility::GitHub's API did not say whether openedx\/credentials is public/m);
  });

  it('a schedule in a repository idle for 50 days warns that GitHub disables it after 60', async () => {
    const r = await decide('schedule', 'schedule', 'refs/heads/master', idleApi);
    expect(r.stdout).toMatch(/^::warning title=Nightly schedule::nothing was pushed to openedx\/credentials for 50 days: GitHub disables the schedules/m);
  });

  it('a runner given as JSON reaches the merge job as JSON', async () => {
    const r = await runStep('plan', 'Decide what this run publishes', {
      PLAN_FILE: await plan('push', 'push-master', 'refs/heads/master'),
      EVENT_NAME: 'push',
      PUSH: 'true',
      RUNNER: '{"group": "builders", "labels": ["x64"]}',
      NAMESPACE: 'n',
      RETENTION: '3',
      RUN_ID: '1',
      EVENT_VISIBILITY: 'public',
      API_URL: publicApi.url,
      REPOSITORY: 'openedx/credentials',
      TOKEN,
    });
    expect(JSON.parse(r.outputs.run!)).toMatchObject({ runner: { group: 'builders', labels: ['x64'] }, retention: 3 });
  });
});

describe('oep45-attest.yml: Choose the published images', () => {
  const STEP = 'Choose the published images';
  const D = (c: string): string => `sha256:${c.repeat(64)}`;
  const report = (): string => {
    const file = join(mkdtempSync(join(tmpdir(), 'oep45-report-')), 'report.json');
    writeFileSync(
      file,
      JSON.stringify([
        { name: 'credentials', status: 'published', digest: D('c'), subject: 'index.docker.io/openedx/credentials', legs: [{ platform: 'linux/amd64', status: 'built', digest: D('1') }, { platform: 'linux/arm64', status: 'reused', digest: D('2') }] },
        { name: 'notes', status: 'failed', digest: '', subject: 'index.docker.io/openedx/notes', legs: [] },
      ]),
    );
    return file;
  };

  it('the schedule fixture, in a public repository: the nightly plans an attestation of what it published', async () => {
    const visibility = (await decide('schedule', 'schedule', 'refs/heads/master', publicApi)).outputs.visibility!;
    const r = await runStep('select', STEP, { REPORT: report(), ATTEST: 'auto', VISIBILITY: visibility }, ATTEST);
    expect(r.code, r.stderr).toBe(0);
    expect(r.outputs.count).toBe('1');
    expect(JSON.parse(r.outputs.matrix!)).toEqual({
      include: [{ image: 'credentials', subject: 'index.docker.io/openedx/credentials', digest: D('c'), built: [D('1')], reused: [D('2')] }],
    });
  });

  const cases: Array<[string, string, string, string]> = [
    ['auto', 'private', '0', 'attest is auto and the repository is private'],
    ['auto', '', '0', 'attest is auto and the repository is of unknown visibility'],
    ['false', 'public', '0', 'attest is false'],
    ['true', 'private', '1', ''],
  ];
  it.each(cases)('attest %s, visibility %j: %s image(s)', async (attest, visibility, count, why) => {
    const r = await runStep('select', STEP, { REPORT: report(), ATTEST: attest, VISIBILITY: visibility }, ATTEST);
    expect(r.code, r.stderr).toBe(0);
    expect(r.outputs.count).toBe(count);
    if (why) expect(r.summary).toContain(`Build provenance is not attested: ${why}.`);
  });

  it('refuses an attest value it does not know', async () => {
    const r = await runStep('select', STEP, { REPORT: report(), ATTEST: 'yes', VISIBILITY: 'public' }, ATTEST);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('attest must be auto, true or false, not "yes"');
  });
});

describe('oep45-attest.yml: Vouch only for what this repository built', () => {
  const STEP = 'Vouch only for what this repository built';
  const D = (c: string): string => `sha256:${c.repeat(64)}`;
  const vouch = (api: FakeGitHubApi, built: string[], reused: string[]) => {
    const out = mkdtempSync(join(tmpdir(), 'oep45-attest-'));
    const curl = recordingCurl();
    return runStep(
      'attest',
      STEP,
      {
        IMAGE: 'credentials',
        SUBJECT: 'index.docker.io/openedx/credentials',
        DIGEST: D('c'),
        BUILT: JSON.stringify(built),
        REUSED: JSON.stringify(reused),
        API_URL: api.url,
        REPOSITORY: 'openedx/credentials',
        TOKEN,
        OUT: out,
      },
      { ...ATTEST, path: curl.path },
    ).then((r) => ({ ...r, out, curl: curl.calls() }));
  };

  it('everything built in this run: the index and each platform image, no question asked', async () => {
    const r = await vouch(publicApi, [D('1'), D('2')], []);
    expect(r.code, r.stderr).toBe(0);
    expect(r.outputs.vouch).toBe('true');
    expect(readFileSync(r.outputs.checksums!, 'utf8').trim().split('\n')).toEqual([
      `${'1'.repeat(64)}  index.docker.io/openedx/credentials`,
      `${'2'.repeat(64)}  index.docker.io/openedx/credentials`,
      `${'c'.repeat(64)}  index.docker.io/openedx/credentials`,
    ]);
    expect(r.curl).toEqual([]);
  });

  it('a reused image this repository attested: vouched for, but never named as built by this run', async () => {
    publicApi.attested.add(D('2'));
    const r = await vouch(publicApi, [D('1')], [D('2')]);
    expect(r.outputs.vouch).toBe('true');
    const subjects = readFileSync(r.outputs.checksums!, 'utf8');
    expect(subjects).not.toContain('2'.repeat(64));
    expect(subjects).toContain('c'.repeat(64));
    expect(r.curl).toHaveLength(1);
    expect(r.curl[0]).not.toContain(TOKEN);
  });

  it('a reused image this repository never attested: not attested, and the run says why', async () => {
    const r = await vouch(publicApi, [D('1')], [D('9')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.outputs.vouch).toBe('false');
    expect(r.outputs.checksums).toBeUndefined();
    expect(r.stdout).toContain(`::notice title=credentials not attested::credentials reuses an image this repository did not attest (${D('9')})`);
    expect(r.summary).toContain(`* **credentials**: not attested: it reuses ${D('9')}, which this repository did not attest.`);
  });
});
