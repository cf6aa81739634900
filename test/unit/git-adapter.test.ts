import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Git } from '../../src/git/git.js';
import { makeRepo } from '../helpers/git.js';

describe('Git adapter on a real repository', () => {
  it('reads refs, tags, files, trees and cleanliness', async () => {
    const repo = makeRepo();
    repo.write('app/a.py', 'A = 1\n');
    const first = repo.commit('one');
    repo.tag('open-release/sumac.1');
    repo.write('app/a.py', 'A = 2\n');
    const second = repo.commit('two');
    repo.tag('release/teak.1');
    const git = new Git(repo.dir);
    expect(await git.isRepository()).toBe(true);
    expect(await git.revParse('HEAD')).toBe(second);
    expect(await git.revParse('open-release/sumac.1')).toBe(first);
    expect(await git.revParse('nope')).toBeUndefined();
    expect(await git.headRef()).toBe('refs/heads/master');
    expect(await git.tags('open-release/*')).toEqual(['open-release/sumac.1']);
    expect(await git.tags('open-release/*', 'release/*')).toEqual(['open-release/sumac.1', 'release/teak.1']);
    expect(await git.tagsAt(second)).toEqual(['release/teak.1']);
    expect(await git.showFile('open-release/sumac.1', 'app/a.py')).toBe('A = 1');
    expect(await git.listFiles('HEAD', 'app')).toEqual(['app/a.py']);
    // From a subfolder too: paths stay relative to the top (a service in a folder of a larger repository).
    expect(await new Git(`${repo.dir}/app`).listFiles('HEAD', 'app')).toEqual(['app/a.py']);
    expect(await new Git(`${repo.dir}/app`).listFiles('HEAD')).toEqual(['app/a.py']);
    const tree = await git.treeId('HEAD', 'app');
    expect(tree).toMatch(/^[0-9a-f]{40}$/);
    expect(await git.treeId('open-release/sumac.1', 'app')).not.toBe(tree);
    expect(await git.isClean('app')).toBe(true);
    repo.write('app/b.py', 'B = 1\n');
    expect(await git.isClean('app')).toBe(false);
    expect(await git.isClean('elsewhere')).toBe(true);
    expect(await git.isShallow()).toBe(false);
    expect(await git.repository()).toEqual({ top: repo.git('rev-parse', '--show-toplevel'), shallow: false, head: second });
    expect(await new Git(`${repo.dir}/app`).repository()).toEqual({ top: repo.git('rev-parse', '--show-toplevel'), shallow: false, head: second });
    expect(await git.isAncestor(first, second)).toBe(true);
    expect(await git.isAncestor(second, first)).toBe(false);
    expect(await git.commitTime('HEAD')).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(await git.lsRemote(repo.dir, 'refs/tags/release/teak.1')).toBe(second);
  });

  it('answers undefined outside a repository', async () => {
    const git = new Git('/');
    expect(await git.isRepository()).toBe(false);
    expect(await git.revParse('HEAD')).toBeUndefined();
    expect(await git.tags()).toEqual([]);
    expect(await git.repository()).toBeUndefined();
  });

  it('knows a repository before its first commit (no HEAD) and a shallow clone', async () => {
    const empty = makeRepo();
    expect(await new Git(empty.dir).repository()).toEqual({ top: empty.git('rev-parse', '--show-toplevel'), shallow: false });
    const origin = makeRepo();
    origin.write('a.txt', '1\n');
    origin.commit('one');
    origin.write('a.txt', '2\n');
    const head = origin.commit('two');
    const clone = mkdtempSync(join(tmpdir(), 'oep45-shallow-'));
    execFileSync('git', ['clone', '-q', '--depth', '1', `file://${origin.dir}`, clone]);
    expect(await new Git(clone).repository()).toEqual({ top: realpathSync(clone), shallow: true, head });
  });
});

describe('a file at a revision is bounded like one in the working tree', () => {
  it('showFile with maxBytes reads a blob at the limit and not one over it, without reading it', async () => {
    const repo = makeRepo();
    try {
      repo.write('settings/base.py', 'X = 1\n'); // 6 bytes
      const rev = repo.commit('one');
      const git = new Git(repo.dir);
      expect(await git.showFile(rev, 'settings/base.py', 6)).toBe('X = 1');
      expect(await git.showFile(rev, 'settings/base.py', 5)).toBeUndefined();
      expect(await git.showFile(rev, 'settings/nope.py', 5)).toBeUndefined();
    } finally {
      rmSync(repo.dir, { recursive: true, force: true });
    }
  });
});
