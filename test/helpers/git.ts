// Real git repositories in temporary folders, with real commits and tags.

import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface TestRepo {
  dir: string;
  git(...args: string[]): string;
  write(path: string, text: string): void;
  commit(message: string): string;
  tag(name: string): void;
}

const GIT_ENV = {
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
};

/** A new repository, optionally filled with a copy of `from`, on branch `branch`. */
export function makeRepo(options: { from?: string; branch?: string } = {}): TestRepo {
  const dir = mkdtempSync(join(tmpdir(), 'oep45-repo-'));
  if (options.from) cpSync(options.from, dir, { recursive: true });
  const git = (...args: string[]): string =>
    execFileSync('git', args, { cwd: dir, env: { ...process.env, ...GIT_ENV }, encoding: 'utf8' }).trim();
  git('init', '-q', '-b', options.branch ?? 'master');
  git('config', 'commit.gpgsign', 'false');
  const repo: TestRepo = {
    dir,
    git,
    write(path, text) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    },
    commit(message) {
      git('add', '-A');
      git('commit', '-q', '--allow-empty', '-m', message);
      return git('rev-parse', 'HEAD');
    },
    tag(name) {
      git('tag', name);
    },
  };
  if (options.from) repo.commit('initial');
  return repo;
}
