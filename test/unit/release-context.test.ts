// The release context from real-shaped GitHub webhook payloads (test/fixtures/events: one payload
// and one .env of GITHUB_* variables per event, as the runner provides them), read both ways the
// tool is run: the action (explicit event inputs) and the CLI inside a workflow (GITHUB_* variables).
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { EventInputs } from '../../src/config/inputs.js';
import type { ReleaseContext } from '../../src/model/release.js';
import { parseBuildDate, resolveReleaseContext } from '../../src/release/context.js';

const FIXTURES = resolve(import.meta.dirname, '../fixtures/events');

function fixture(name: string): { env: Record<string, string>; payloadPath: string } {
  const env: Record<string, string> = {};
  for (const line of readFileSync(join(FIXTURES, `${name}.env`), 'utf8').split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0) env[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return { env, payloadPath: join(FIXTURES, `${name}.json`) };
}

let notARepo: string;
beforeAll(() => {
  notARepo = mkdtempSync(join(tmpdir(), 'oep45-norepo-'));
});

/** As the action runs it: main.ts passes GITHUB_* as explicit event inputs. */
async function asAction(name: string, extra: Partial<EventInputs> = {}): Promise<ReleaseContext> {
  const { env, payloadPath } = fixture(name);
  const event: EventInputs = {
    eventName: env.GITHUB_EVENT_NAME,
    ref: env.GITHUB_REF,
    sha: env.GITHUB_SHA,
    payloadPath,
    repository: env.GITHUB_REPOSITORY,
    serverUrl: env.GITHUB_SERVER_URL,
    date: '2024-05-27T08:55:00Z',
    ...extra,
  };
  return resolveReleaseContext(event, { cwd: notARepo, env: {} });
}

/** As the CLI runs inside a workflow step: no flags, the GITHUB_* variables. */
async function asCliInWorkflow(name: string): Promise<ReleaseContext> {
  const { env, payloadPath } = fixture(name);
  return resolveReleaseContext({ date: '2024-05-27T08:55:00Z' }, { cwd: notARepo, env: { ...env, GITHUB_EVENT_PATH: payloadPath } });
}

type Expect = Partial<ReleaseContext> & { kind: ReleaseContext['kind'] };

const TABLE: Record<string, Expect> = {
  'push-master': { kind: 'master', defaultBranch: 'master', publishable: true },
  'push-main': { kind: 'master', defaultBranch: 'main', publishable: true },
  'push-feature-branch': { kind: 'none', publishable: false },
  'push-branch-deleted': { kind: 'none', publishable: false, reason: 'refs/heads/open-release/quince.master was deleted' },
  'push-release-branch-old-scheme': { kind: 'release-line', release: { scheme: 'open-release', name: 'sumac' } },
  'push-release-branch-new-scheme': { kind: 'release-line', release: { scheme: 'release', name: 'teak' } },
  'push-tag-old-scheme': { kind: 'named-release', release: { scheme: 'open-release', name: 'sumac', number: '2', version: 'sumac.2', newest: false } },
  'push-tag-new-scheme': { kind: 'named-release', release: { scheme: 'release', name: 'teak', number: '1', version: 'teak.1', newest: false } },
  'push-tag-rc': { kind: 'named-release', release: { scheme: 'open-release', name: 'sumac', number: '1rc1', version: 'sumac.1rc1', newest: false } },
  'push-tag-bare-rc': { kind: 'named-release', release: { scheme: 'open-release', name: 'lilac', number: 'rc1', version: 'lilac.rc1', newest: false } },
  'push-tag-letter': { kind: 'named-release', release: { scheme: 'open-release', name: 'koa', number: '2a', version: 'koa.2a', newest: false } },
  'push-tag-not-release': { kind: 'none', publishable: false },
  schedule: { kind: 'nightly', defaultBranch: 'master', publishable: true },
  'schedule-main': { kind: 'nightly', defaultBranch: 'main', publishable: true },
  'workflow-dispatch': { kind: 'master', publishable: true },
  'workflow-dispatch-nightly': { kind: 'nightly', publishable: true },
  'workflow-dispatch-nightly-false': { kind: 'master', publishable: true },
  'workflow-dispatch-release-branch': { kind: 'release-line', release: { scheme: 'release', name: 'teak' } },
  'workflow-dispatch-release-tag': { kind: 'named-release', release: { scheme: 'release', name: 'teak', number: '1', version: 'teak.1', newest: false } },
  'pull-request': {
    kind: 'pull-request',
    publishable: false,
    ref: 'refs/pull/2417/merge',
    sha: '3c5e7b9d1f3a5c7e9b1d3f5a7c9e1b3d5f7a9c1e',
    pullRequest: { number: 2417, fromFork: false, headSha: '4d6f8a0c2e4b6d8f0a2c4e6b8d0f2a4c6e8b0d2f', headRef: 'feat/settings-docs' },
  },
  'pull-request-fork': {
    kind: 'pull-request',
    publishable: false,
    pullRequest: { number: 2420, fromFork: true, headSha: '6f8a0c2e4b6d8f0a2c4e6b8d0f2a4c6e8b0d2f4a', headRef: 'feat/settings-docs' },
  },
  'pull-request-target-fork': { kind: 'pull-request', publishable: false, pullRequest: { number: 2420, fromFork: true, headSha: '6f8a0c2e4b6d8f0a2c4e6b8d0f2a4c6e8b0d2f4a', headRef: 'feat/settings-docs' } },
  'create-tag': { kind: 'named-release', release: { scheme: 'release', name: 'teak', number: '1', version: 'teak.1', newest: false } },
  'release-published': { kind: 'named-release', release: { scheme: 'release', name: 'teak', number: '1', version: 'teak.1', newest: false } },
  'issues-opened': { kind: 'none', publishable: false, reason: 'the issues event does not publish images' },
};

describe('resolveReleaseContext from webhook fixtures', () => {
  it('has an expectation for every fixture', () => {
    const names = readdirSync(FIXTURES).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).sort();
    expect(names).toEqual(Object.keys(TABLE).sort());
  });

  it.each(Object.entries(TABLE))('%s', async (name, expected) => {
    const action = await asAction(name);
    expect(action).toMatchObject(expected);
    if (!expected.release) expect(action.release).toBeUndefined();
    if (!expected.pullRequest) expect(action.pullRequest).toBeUndefined();
    expect(action.publishable).toBe(['master', 'nightly', 'release-line', 'named-release'].includes(expected.kind));
    expect(action.date).toBe('2024-05-27');
    // The CLI inside a workflow step reads the same variables and payload to the same context.
    expect(await asCliInWorkflow(name)).toEqual(action);
  });

  it('reads the repository, its web address, licence and description from the payload', async () => {
    const context = await asAction('push-master', { repository: undefined, serverUrl: undefined });
    expect(context).toMatchObject({
      repository: 'openedx/credentials',
      repositoryUrl: 'https://github.com/openedx/credentials',
      license: 'AGPL-3.0',
      repositoryDescription: 'The Open edX Credentials service',
    });
  });

  it('without a payload a schedule takes its branch as the default branch', async () => {
    const context = await resolveReleaseContext({ eventName: 'schedule', ref: 'refs/heads/trunk', sha: 'a'.repeat(40) }, { cwd: notARepo, env: {} });
    expect(context).toMatchObject({ kind: 'nightly', defaultBranch: 'trunk' });
  });

  it('the nightly input wins over the dispatch input', async () => {
    expect((await asAction('workflow-dispatch-nightly', { nightly: false })).kind).toBe('master');
    expect((await asAction('workflow-dispatch', { nightly: true })).kind).toBe('nightly');
  });

  it('--default-branch overrides the payload', async () => {
    const context = await asAction('push-main', { defaultBranch: 'master' });
    expect(context.kind).toBe('none');
  });

  it('--pr alone makes a pull request build', async () => {
    const context = await resolveReleaseContext({ pr: 31, sha: 'b'.repeat(40) }, { cwd: notARepo, env: {} });
    expect(context).toMatchObject({ kind: 'pull-request', eventName: 'pull_request', pullRequest: { number: 31, fromFork: false }, publishable: false });
  });

  it('takes the pull request number from refs/pull/N/merge when there is no payload', async () => {
    const context = await resolveReleaseContext({ eventName: 'pull_request', ref: 'refs/pull/88/merge', sha: 'c'.repeat(40) }, { cwd: notARepo, env: {} });
    expect(context.pullRequest).toEqual({ number: 88, fromFork: false });
  });

  it('created is SOURCE_DATE_EPOCH when set, else (no commit to read) the build time', async () => {
    const { env, payloadPath } = fixture('push-master');
    const base = { eventName: env.GITHUB_EVENT_NAME, ref: env.GITHUB_REF, sha: env.GITHUB_SHA, payloadPath, date: '2024-05-27T08:55:00Z' };
    expect((await resolveReleaseContext(base, { cwd: notARepo, env: {} })).created).toBe('2024-05-27T08:55:00.000Z');
    expect((await resolveReleaseContext(base, { cwd: notARepo, env: { SOURCE_DATE_EPOCH: '1714521600' } })).created).toBe('2024-05-01T00:00:00.000Z');
  });

  it('with nothing at all, outside a repository: kind none, and a reason', async () => {
    const context = await resolveReleaseContext({}, { cwd: notARepo, env: {} });
    expect(context).toMatchObject({ kind: 'none', ref: '', sha: '', publishable: false });
    expect(context.reason).toBe('no git ref: not a git repository, and no --ref (or GITHUB_REF) given');
  });
});

describe('invalid inputs are one clear error naming the input', () => {
  const sha = 'd'.repeat(40);
  it.each<[string, EventInputs, Record<string, string>, string]>([
    ['a short --sha', { ref: 'refs/heads/master', sha: 'abc123' }, {}, '--sha: "abc123" is not a full commit SHA (40 hexadecimal digits)'],
    ['a bad GITHUB_SHA', {}, { GITHUB_EVENT_NAME: 'push', GITHUB_REF: 'refs/heads/master', GITHUB_SHA: 'HEAD' }, 'GITHUB_SHA: "HEAD" is not a full commit SHA (40 hexadecimal digits)'],
    ['a day that does not exist', { ref: 'refs/heads/master', sha, date: '2024-02-30' }, {}, '--date: "2024-02-30" is not a date (YYYY-MM-DD) or an ISO timestamp (YYYY-MM-DDTHH:MM:SSZ)'],
    ['a word for a date', { ref: 'refs/heads/master', sha, date: 'yesterday' }, {}, '--date: "yesterday" is not a date'],
    ['a short ref outside a repository', { ref: 'master', sha }, {}, '--ref: "master" is neither a tag nor a branch of this repository; give the full ref (refs/heads/master or refs/tags/master)'],
    ['a missing payload', { eventName: 'push', ref: 'refs/heads/master', sha, payloadPath: '/nonexistent/event.json' }, {}, 'GITHUB_EVENT_PATH: cannot read the event payload /nonexistent/event.json: ENOENT'],
    ['a pull request without a number', { eventName: 'pull_request', ref: 'refs/heads/x', sha }, {}, 'pull_request event without a pull request number: pass --pr N, or the event payload'],
    ['a bad SOURCE_DATE_EPOCH', { ref: 'refs/heads/master', sha }, { SOURCE_DATE_EPOCH: 'today' }, 'SOURCE_DATE_EPOCH: "today" is not a number of seconds'],
  ])('%s', async (_, event, env, message) => {
    await expect(resolveReleaseContext(event, { cwd: notARepo, env })).rejects.toThrow(message);
    await expect(resolveReleaseContext(event, { cwd: notARepo, env })).rejects.toHaveProperty('name', 'UserError');
  });

  it('a payload that is not JSON, and a dispatch input that is not a boolean', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'oep45-payload-'));
    writeFileSync(join(dir, 'broken.json'), '{"ref": ');
    writeFileSync(join(dir, 'dispatch.json'), JSON.stringify({ inputs: { nightly: 'maybe' } }));
    await expect(resolveReleaseContext({ eventName: 'push', ref: 'refs/heads/master', sha, payloadPath: join(dir, 'broken.json') }, { cwd: notARepo, env: {} })).rejects.toThrow(
      /^GITHUB_EVENT_PATH: the event payload .*broken\.json is not JSON/,
    );
    await expect(
      resolveReleaseContext({ eventName: 'workflow_dispatch', ref: 'refs/heads/master', sha, payloadPath: join(dir, 'dispatch.json') }, { cwd: notARepo, env: {} }),
    ).rejects.toThrow('the workflow_dispatch input `nightly`: "maybe" is not true or false');
  });
});

describe('parseBuildDate: the UTC day, around midnight', () => {
  it.each([
    ['2024-05-01', '2024-05-01T00:00:00.000Z'],
    ['2024-05-01T00:00:00Z', '2024-05-01T00:00:00.000Z'],
    ['2024-04-30T23:59:59Z', '2024-04-30T23:59:59.000Z'],
    ['2024-04-30T23:59:59.999Z', '2024-04-30T23:59:59.999Z'],
    ['2024-05-01T00:30:00+02:00', '2024-04-30T22:30:00.000Z'],
    ['2024-04-30T23:30:00-01:00', '2024-05-01T00:30:00.000Z'],
    ['2024-05-01T00:00:00', '2024-05-01T00:00:00.000Z'],
    ['2024-12-31T23:59:59-00:01', '2025-01-01T00:00:59.000Z'],
    ['2024-02-29', '2024-02-29T00:00:00.000Z'],
  ])('%s is %s', (text, iso) => {
    expect(parseBuildDate(text).toISOString()).toBe(iso);
  });

  it.each(['2023-02-29', '2024-02-30', '2024-13-01', '2024-05-01T24:00:00Z', '2024-05-01T12:60:00Z', '1714521600', 'yesterday', '01/05/2024'])('%s is refused', (text) => {
    expect(() => parseBuildDate(text)).toThrow(`--date: "${text}" is not a date`);
  });

  it('no date is now', () => {
    const now = new Date('2024-06-01T00:00:00Z');
    expect(parseBuildDate(undefined, () => now)).toBe(now);
  });

  it.each([
    ['2024-05-01T00:00:00Z', '2024-05-01'],
    ['2024-04-30T23:59:59.999Z', '2024-04-30'],
    ['2024-05-01T01:00:00+02:00', '2024-04-30'],
  ])('a schedule at %s is the nightly of %s', async (date, day) => {
    const context = await resolveReleaseContext({ eventName: 'schedule', ref: 'refs/heads/master', sha: 'e'.repeat(40), date }, { cwd: notARepo, env: {} });
    expect(context.date).toBe(day);
  });
});
