// Classification of a build from its event facts: every kind, both release schemes.
import { describe, expect, it } from 'vitest';
import { classify, type EventFacts } from '../../src/release/classify.js';

const facts = (over: Partial<EventFacts>): EventFacts => ({ eventName: 'push', ref: '', nightly: false, deleted: false, ...over });

describe('classify', () => {
  it.each<[string, Partial<EventFacts>, string, object?]>([
    ['push to master', { ref: 'refs/heads/master', defaultBranch: 'master' }, 'master'],
    ['push to main (default main)', { ref: 'refs/heads/main', defaultBranch: 'main' }, 'master'],
    ['push to main, default unknown', { ref: 'refs/heads/main' }, 'master'],
    ['push to master, default unknown', { ref: 'refs/heads/master' }, 'master'],
    ['push to master when the default is main', { ref: 'refs/heads/master', defaultBranch: 'main' }, 'none'],
    ['push to a develop default branch', { ref: 'refs/heads/develop', defaultBranch: 'develop' }, 'master'],
    ['dispatch on master', { eventName: 'workflow_dispatch', ref: 'refs/heads/master', defaultBranch: 'master' }, 'master'],
    ['dispatch on master, nightly', { eventName: 'workflow_dispatch', ref: 'refs/heads/master', nightly: true }, 'nightly'],
    ['schedule on master', { eventName: 'schedule', ref: 'refs/heads/master', defaultBranch: 'master' }, 'nightly'],
    ['schedule on main', { eventName: 'schedule', ref: 'refs/heads/main', defaultBranch: 'main' }, 'nightly'],
    ['repository_dispatch on master', { eventName: 'repository_dispatch', ref: 'refs/heads/master' }, 'master'],
    ['old-scheme release branch', { ref: 'refs/heads/open-release/sumac.master' }, 'release-line', { scheme: 'open-release', name: 'sumac' }],
    ['new-scheme release branch', { ref: 'refs/heads/release/teak' }, 'release-line', { scheme: 'release', name: 'teak' }],
    ['nightly asked on a release branch stays a release line', { ref: 'refs/heads/release/teak', nightly: true }, 'release-line', { name: 'teak' }],
    ['old-scheme release tag', { ref: 'refs/tags/open-release/sumac.2' }, 'named-release', { scheme: 'open-release', name: 'sumac', number: '2', version: 'sumac.2' }],
    ['new-scheme release tag', { ref: 'refs/tags/release/teak.1' }, 'named-release', { scheme: 'release', name: 'teak', number: '1', version: 'teak.1' }],
    ['rc tag', { ref: 'refs/tags/open-release/sumac.1rc1' }, 'named-release', { number: '1rc1', version: 'sumac.1rc1' }],
    ['new-scheme rc tag', { ref: 'refs/tags/release/ulmo.1rc2' }, 'named-release', { number: '1rc2' }],
    ['letter tag', { ref: 'refs/tags/open-release/koa.2a' }, 'named-release', { number: '2a', version: 'koa.2a' }],
    ['bare rc tag', { ref: 'refs/tags/open-release/lilac.rc1' }, 'named-release', { number: 'rc1', version: 'lilac.rc1' }],
    ['create event of a release tag', { eventName: 'create', ref: 'refs/tags/release/teak.1' }, 'named-release'],
    ['published GitHub release', { eventName: 'release', ref: 'refs/tags/release/teak.1' }, 'named-release'],
    ['dispatch on a release tag', { eventName: 'workflow_dispatch', ref: 'refs/tags/release/teak.1' }, 'named-release'],
    ['tag that is not a release', { ref: 'refs/tags/v1.2.3' }, 'none'],
    ['tag named like a release branch', { ref: 'refs/tags/open-release/sumac.master' }, 'none'],
    ['feature branch', { ref: 'refs/heads/feanil/fix-settings' }, 'none'],
    ['deleted release branch', { ref: 'refs/heads/open-release/quince.master', deleted: true }, 'none'],
    ['issues event on master', { eventName: 'issues', ref: 'refs/heads/master' }, 'none'],
    ['merge queue', { eventName: 'merge_group', ref: 'refs/heads/gh-readonly-queue/master/pr-1-abc' }, 'none'],
    ['no ref at all', { ref: '' }, 'none'],
    ['a pull ref pushed', { ref: 'refs/pull/12/merge' }, 'none'],
  ])('%s → %s', (_, over, kind, release) => {
    const c = classify(facts(over));
    expect(c.kind).toBe(kind);
    expect(c.publishable).toBe(kind !== 'none' && kind !== 'pull-request');
    if (release) expect(c.release).toMatchObject(release);
    else if (kind !== 'release-line' && kind !== 'named-release') expect(c.release).toBeUndefined();
    expect(c.reason).toMatch(/\S/);
  });

  it.each([
    ['pull_request', false],
    ['pull_request', true],
    ['pull_request_target', true],
  ])('%s (fork: %s) is a pull request that never publishes', (eventName, fromFork) => {
    const c = classify(facts({ eventName, ref: 'refs/pull/7/merge', pullRequest: { number: 7, fromFork } }));
    expect(c).toMatchObject({ kind: 'pull-request', publishable: false });
    expect(c.reason).toBe(`pull request #7${fromFork ? ' from a fork' : ''}: built, never pushed`);
  });

  it('a pull_request_target on the base branch is still a pull request, never master', () => {
    const c = classify(facts({ eventName: 'pull_request_target', ref: 'refs/heads/master', pullRequest: { number: 9, fromFork: true } }));
    expect(c.kind).toBe('pull-request');
  });

  it('refuses a pull request event without a number', () => {
    expect(() => classify(facts({ eventName: 'pull_request', ref: 'refs/pull/x/merge' }))).toThrow(
      'pull_request event without a pull request number: pass --pr N, or the event payload',
    );
  });

  it('says why a branch does not publish', () => {
    expect(classify(facts({ ref: 'refs/heads/feature', defaultBranch: 'main' })).reason).toBe(
      'branch feature is not a publishing ref: neither the default branch main nor a release branch (`open-release/<name>.master` or `release/<name>`)',
    );
    expect(classify(facts({ ref: 'refs/tags/v1' })).reason).toBe(
      'tag v1 is not a publishing ref: not a release tag (`open-release/<name>.<N>` or `release/<name>.<N>`)',
    );
  });
});
