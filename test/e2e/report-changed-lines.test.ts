// A pull request's changed lines from real git checkouts, as actions/checkout makes them: the
// merge commit GitHub makes (the default, GITHUB_SHA) or the head commit, at full depth or
// shallow; and the notice that says which depth is needed when git cannot tell.
import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeRepo, type TestRepo } from '../helpers/git.js';
import { pullRequestChanges, type PullRequestRange } from '../../src/report/changed-lines.js';

const SETTINGS = Array.from({ length: 30 }, (_, i) => `SETTING_${i} = ${i}`).join('\n') + '\n';

/** Clones `repo` at `branch`, as actions/checkout does with `fetch-depth` (0 = all history). */
function checkout(repo: TestRepo, branch: string, depth: number): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'oep45-checkout-')), 'repo');
  const args = ['clone', '-q', '--branch', branch, ...(depth ? ['--depth', String(depth)] : []), `file://${repo.dir}`, dir];
  execFileSync('git', args, { stdio: 'pipe' });
  return dir;
}

describe('pullRequestChanges', () => {
  let repo: TestRepo;
  let range: PullRequestRange;
  beforeAll(() => {
    repo = makeRepo();
    repo.write('svc/settings/base.py', SETTINGS);
    repo.write('Dockerfile', 'FROM debian\nRUN true\n');
    const base = repo.commit('base');
    // The base branch moves on after the pull request's branch left it.
    repo.git('checkout', '-q', '-b', 'feature');
    repo.write('svc/settings/base.py', SETTINGS.replace('SETTING_3 = 3\n', 'SETTING_3 = 33\nNEW_SETTING = 1\n'));
    repo.write('svc/new.py', 'A = 1\n');
    const head = repo.commit('feature');
    repo.git('checkout', '-q', 'master');
    repo.write('Dockerfile', 'FROM debian:bookworm\nRUN true\n');
    const moved = repo.commit('master moves on');
    // GitHub's refs/pull/N/merge: the head merged into the base branch's tip.
    repo.git('checkout', '-q', '-b', 'pull-merge');
    repo.git('-c', 'user.name=GitHub', '-c', 'user.email=noreply@github.com', 'merge', '-q', '--no-ff', '-m', 'Merge feature into master', 'feature');
    repo.git('checkout', '-q', 'master');
    range = { base: moved, head };
    expect(base).not.toBe(moved);
  });

  const expectPullRequestLines = (files: Map<string, Set<number>> | undefined): void => {
    expect(files && [...files.get('svc/settings/base.py')!]).toEqual([4, 5]);
    expect(files && [...files.get('svc/new.py')!]).toEqual([1]);
    // the base branch's own change is not the pull request's
    expect(files?.has('Dockerfile')).toBe(false);
  };

  it('reads the merge commit checkout with fetch-depth: 2', async () => {
    const dir = checkout(repo, 'pull-merge', 2);
    const outcome = await pullRequestChanges(join(dir, 'svc'), range);
    expect(outcome.notice).toBeUndefined();
    // paths are relative to the project folder (svc/)
    expect([...outcome.changed!.files.get('settings/base.py')!]).toEqual([4, 5]);
    expect([...outcome.changed!.files.keys()].sort()).toEqual(['new.py', 'settings/base.py']);
    expectPullRequestLines((await pullRequestChanges(dir, range)).changed?.files);
  });

  it('says to use fetch-depth: 2 for a merge commit checkout of depth 1', async () => {
    const outcome = await pullRequestChanges(checkout(repo, 'pull-merge', 1), range);
    expect(outcome.changed).toBeUndefined();
    expect(outcome.notice).toMatch(/the checkout is shallow, so its commit [0-9a-f]{7} \(the pull request's merge commit\) has no parent to compare with\. Check out with `fetch-depth: 2`/);
  });

  it('reads a checkout of the head commit with its history', async () => {
    const outcome = await pullRequestChanges(checkout(repo, 'feature', 0), range);
    expect(outcome.notice).toBeUndefined();
    expectPullRequestLines(outcome.changed?.files);
  });

  it('says to use fetch-depth: 0 for a shallow checkout of the head commit', async () => {
    const outcome = await pullRequestChanges(checkout(repo, 'feature', 1), range);
    expect(outcome.notice).toMatch(/the checkout of the head commit [0-9a-f]{7} is shallow and does not reach back to where the branch left the base [0-9a-f]{7}\. Check out with `fetch-depth: 0`/);
  });

  it('counts uncommitted changes of the working tree too', async () => {
    const dir = checkout(repo, 'pull-merge', 2);
    execFileSync('sh', ['-c', 'echo "LOCAL = 1" >> svc/settings/base.py'], { cwd: dir });
    const outcome = await pullRequestChanges(dir, range);
    expect([...outcome.changed!.files.get('svc/settings/base.py')!]).toEqual([4, 5, 32]);
  });

  it('says so outside a git checkout', async () => {
    const outcome = await pullRequestChanges(mkdtempSync(join(tmpdir(), 'oep45-nogit-')), range);
    expect(outcome.notice).toMatch(/not in a git checkout/);
  });
});
