// The release steps (scripts/release.mjs) run as the release workflow runs them, on a real git
// repository that is a copy of this one, with a bare repository as `origin`: prepare, tag, then
// the github step — its GitHub release made from the version's changelog section, the major tag
// moved, the starters re-pinned by scripts/pin-starters.mjs on a branch of the default branch —
// and again for the next release and a pre-release. What cannot run here is faked and named so:
// GitHub's REST API (FakeGitHubApi, a loopback server) and the npm registry (a fake `npm` on PATH).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { releaseNotes } from '../../scripts/release-changelog.mjs';
import { REPO_ROOT } from '../helpers/action.js';

const TOKEN = 'ghs_release-test-token-0d8a6f';
const GIT_ENV = { GIT_AUTHOR_NAME: 'Maintainer', GIT_AUTHOR_EMAIL: 'm@example.com', GIT_COMMITTER_NAME: 'Maintainer', GIT_COMMITTER_EMAIL: 'm@example.com', GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' };

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, env: { ...process.env, ...GIT_ENV }, encoding: 'utf8' }).trim();
}

interface Recorded {
  method: string;
  path: string;
  auth?: string;
  body?: Record<string, unknown>;
}

/** FakeGitHubApi: the REST calls the github step makes, kept in memory, each request recorded. */
class FakeGitHubApi {
  requests: Recorded[] = [];
  releases = new Map<string, { id: number; body: string; prerelease: boolean; make_latest: string }>();
  pulls: { head: string; base: string; title: string }[] = [];
  private server: Server = createServer((req, res) => {
    let data = '';
    req.on('data', (c: Buffer) => (data += c.toString()));
    req.on('end', () => {
      const body = data ? (JSON.parse(data) as Record<string, unknown>) : undefined;
      const url = new URL(req.url ?? '/', 'http://fake');
      this.requests.push({ method: req.method!, path: `${url.pathname}${url.search}`, ...(req.headers.authorization ? { auth: req.headers.authorization } : {}), ...(body ? { body } : {}) });
      const send = (status: number, value?: unknown) => {
        res.writeHead(status, { 'Content-Type': 'application/json' });
        res.end(value === undefined ? '' : JSON.stringify(value));
      };
      const path = url.pathname.replace(/^\/repos\/openedx\/oep45-action/, '');
      let m: RegExpExecArray | null;
      if (req.method === 'GET' && (m = /^\/releases\/tags\/(.+)$/.exec(path))) {
        const found = this.releases.get(decodeURIComponent(m[1]!));
        return found ? send(200, { id: found.id, html_url: `https://fake/releases/${found.id}` }) : send(404, { message: 'Not Found' });
      }
      if (req.method === 'POST' && path === '/releases') {
        const id = this.releases.size + 1;
        this.releases.set(body!.tag_name as string, { id, body: body!.body as string, prerelease: body!.prerelease as boolean, make_latest: body!.make_latest as string });
        return send(201, { id, html_url: `https://fake/releases/${id}` });
      }
      if (req.method === 'PATCH' && (m = /^\/releases\/(\d+)$/.exec(path))) {
        const entry = [...this.releases.entries()].find(([, r]) => r.id === Number(m![1]));
        if (!entry) return send(404, { message: 'Not Found' });
        Object.assign(entry[1], body);
        return send(200, { id: entry[1].id });
      }
      if (req.method === 'GET' && path === '/pulls') {
        const head = url.searchParams.get('head')?.replace(/^openedx:/, '');
        return send(200, this.pulls.filter((p) => p.head === head && p.base === url.searchParams.get('base')).map((p, i) => ({ html_url: `https://fake/pull/${i + 1}` })));
      }
      if (req.method === 'POST' && path === '/pulls') {
        this.pulls.push({ head: body!.head as string, base: body!.base as string, title: body!.title as string });
        return send(201, { html_url: `https://fake/pull/${this.pulls.length}` });
      }
      send(404, { message: `FakeGitHubApi has no ${req.method} ${path}` });
    });
  });

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

interface Run {
  code: number;
  out: string;
}

function release(cwd: string, args: string[], env: Record<string, string> = {}): Promise<Run> {
  const child = spawn(process.execPath, ['scripts/release.mjs', ...args], { cwd, env: { ...process.env, ...GIT_ENV, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (out += c.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code: code ?? 1, out })));
}

/** This repository's files (tracked, or new and not ignored) as they are in the worktree, in a new repository on main. */
function copyOfThisRepository(): string {
  const dir = mkdtempSync(join(tmpdir(), 'oep45-release-'));
  for (const file of git(REPO_ROOT, 'ls-files', '-z', '--cached', '--others', '--exclude-standard').split('\0').filter(Boolean)) {
    if (!existsSync(join(REPO_ROOT, file))) continue;
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    copyFileSync(join(REPO_ROOT, file), join(dir, file));
  }
  // prepare bundles dist/ again: the build tools of this checkout.
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'));
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'config', 'commit.gpgsign', 'false');
  writeFileSync(join(dir, '.git/info/exclude'), 'node_modules\n');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'oep45-action before its first release');
  return dir;
}

const PIN = /oep45-images\.yml@([0-9a-f]{40}) # (\S+)/g;
function pins(dir: string, rev: string): string[] {
  const files = git(dir, 'ls-tree', '-r', '--name-only', rev, '--', 'workflows', 'examples').split('\n').filter((f) => /\.ya?ml$/.test(f));
  return files.flatMap((f) => [...git(dir, 'show', `${rev}:${f}`).matchAll(PIN)].map((m) => `${m[1]} # ${m[2]}`));
}

describe('scripts/release.mjs on a copy of this repository', () => {
  const api = new FakeGitHubApi();
  let apiUrl = '';
  let work = '';
  let origin = '';
  let env: Record<string, string> = {};

  beforeAll(async () => {
    apiUrl = await api.start();
    work = copyOfThisRepository();
    origin = mkdtempSync(join(tmpdir(), 'oep45-origin-'));
    git(origin, 'init', '-q', '--bare', '-b', 'main');
    git(work, 'remote', 'add', 'origin', origin);
    env = { GITHUB_TOKEN: TOKEN, GITHUB_API_URL: apiUrl, GITHUB_REPOSITORY: 'openedx/oep45-action', DEFAULT_BRANCH: 'main' };
  });
  afterAll(() => api.stop());

  /** The tag as the release workflow checks it out: a fresh clone of origin at the tag. */
  function checkoutOf(tag: string): string {
    const dir = mkdtempSync(join(tmpdir(), 'oep45-checkout-'));
    git(dir, 'clone', '-q', origin, '.');
    git(dir, 'checkout', '-q', tag);
    return dir;
  }

  /** What a maintainer does: prepare, commit, tag the commit on main, push both. Its commit. */
  async function releaseCommit(version: string, date: string): Promise<string> {
    const prepared = await release(work, ['prepare', version, '--date', date]);
    expect(prepared.code, prepared.out).toBe(0);
    git(work, 'commit', '-q', '-am', `Release v${version}`);
    git(work, 'tag', `v${version}`);
    git(work, 'push', '-q', 'origin', 'main', `v${version}`);
    return git(work, 'rev-parse', 'HEAD');
  }

  let first = '';
  it('prepare 1.0.0: the Unreleased section becomes the release, package.json and dist/ say 1.0.0', async () => {
    const unreleased = readFileSync(join(work, 'CHANGELOG.md'), 'utf8');
    const run = await release(work, ['prepare', '1.0.0', '--date', '2025-06-02']);
    expect(run.code, run.out).toBe(0);
    const changelog = readFileSync(join(work, 'CHANGELOG.md'), 'utf8');
    expect(changelog).toContain('\n## [1.0.0] - 2025-06-02\n');
    expect(changelog).not.toContain('## [Unreleased]');
    // The section is what Unreleased said.
    expect(releaseNotes(changelog, '1.0.0')).toBe(unreleased.slice(unreleased.indexOf('## [Unreleased]') + '## [Unreleased]'.length, unreleased.lastIndexOf('\n[Unreleased]:')).trim());
    expect(JSON.parse(readFileSync(join(work, 'package.json'), 'utf8')).version).toBe('1.0.0');
    expect(JSON.parse(readFileSync(join(work, 'package-lock.json'), 'utf8')).version).toBe('1.0.0');
    expect(execFileSync(process.execPath, [join(work, 'dist/cli.js'), '--version'], { encoding: 'utf8' })).toBe('1.0.0\n');
    git(work, 'commit', '-q', '-am', 'Release v1.0.0');
    first = git(work, 'rev-parse', 'HEAD');
    git(work, 'tag', 'v1.0.0');
    git(work, 'push', '-q', 'origin', 'main', 'v1.0.0');
  });

  it('verify refuses a tag that disagrees with package.json, or is not on main', async () => {
    git(work, 'tag', 'v1.0.9');
    git(work, 'push', '-q', 'origin', 'v1.0.9');
    const wrong = await release(checkoutOf('v1.0.9'), ['verify', 'v1.0.9'], env);
    expect(wrong.code).toBe(1);
    expect(wrong.out).toContain('release: package.json says 1.0.0, the tag v1.0.9');
    const side = checkoutOf('v1.0.0');
    git(side, 'checkout', '-q', '-b', 'side');
    git(side, 'commit', '-q', '--allow-empty', '-m', 'not on main');
    git(side, 'tag', '-f', 'v1.0.0');
    const off = await release(side, ['verify', 'v1.0.0'], env);
    expect(off.code).toBe(1);
    expect(off.out).toMatch(/release: v1\.0\.0 \([0-9a-f]{40}\) is not on main/);
    git(work, 'push', '-q', 'origin', ':refs/tags/v1.0.9');
    git(work, 'tag', '-d', 'v1.0.9');
  });

  it('github v1.0.0: the GitHub release from the changelog, v1 made, the starters re-pinned in a pull request', async () => {
    const checkout = checkoutOf('v1.0.0');
    const run = await release(checkout, ['github', 'v1.0.0'], env);
    expect(run.code, run.out).toBe(0);
    expect(run.out).not.toContain(TOKEN);

    const made = api.releases.get('v1.0.0')!;
    expect(made.body).toBe(releaseNotes(git(origin, 'show', 'v1.0.0:CHANGELOG.md'), '1.0.0'));
    expect(made).toMatchObject({ prerelease: false, make_latest: 'true' });
    expect(api.requests.every((r) => r.auth === `Bearer ${TOKEN}`)).toBe(true);

    expect(git(origin, 'rev-parse', 'refs/tags/v1^{commit}')).toBe(first);

    const branch = 'oep45-release/pin-v1.0.0';
    expect(git(origin, 'rev-parse', `${branch}^`)).toBe(first);
    expect(new Set(pins(origin, branch))).toEqual(new Set([`${first} # v1.0.0`]));
    expect(pins(origin, branch).length).toBeGreaterThanOrEqual(4);
    const changed = git(origin, 'diff', '--name-only', `${branch}^`, branch).split('\n');
    expect(changed).toEqual(expect.arrayContaining(['CHANGELOG.md', 'workflows/nightly.yml', 'workflows/pull-request.yml', 'workflows/release.yml']));
    expect(git(origin, 'show', `${branch}:CHANGELOG.md`)).toMatch(/## \[Unreleased\]\n\n### Changed\n\n- The starter workflows call the reusable workflow of v1\.0\.0\.\n\n## \[1\.0\.0\] - 2025-06-02/);
    expect(api.pulls).toEqual([{ head: branch, base: 'main', title: 'Pin the starters to v1.0.0' }]);
  });

  it('github v1.0.0 again: the release brought up to date, no second pull request, v1 left', async () => {
    const run = await release(checkoutOf('v1.0.0'), ['github', 'v1.0.0'], env);
    expect(run.code, run.out).toBe(0);
    expect(run.out).toContain('updated the GitHub release');
    expect(run.out).toContain('v1 is at v1.0.0 already');
    expect(api.releases.size).toBe(1);
    expect(api.pulls).toHaveLength(1);
    expect(api.requests.filter((r) => r.method === 'PATCH')).toHaveLength(1);
  });

  let second = '';
  it('the pin merged, a change, v1.1.0: v1 moves to it and the starters follow', async () => {
    git(work, 'fetch', '-q', 'origin');
    git(work, 'merge', '-q', '--ff-only', 'origin/oep45-release/pin-v1.0.0');
    const changelog = readFileSync(join(work, 'CHANGELOG.md'), 'utf8');
    writeFileSync(join(work, 'CHANGELOG.md'), changelog.replace('### Changed\n\n', '### Changed\n\n- `oep45 init --workflows none`.\n'));
    git(work, 'commit', '-q', '-am', 'A change');
    second = await releaseCommit('1.1.0', '2025-07-01');

    const run = await release(checkoutOf('v1.1.0'), ['github', 'v1.1.0'], env);
    expect(run.code, run.out).toBe(0);
    expect(run.out).toContain(`moved v1 to v1.1.0 (${second}), from ${first}`);
    expect(git(origin, 'rev-parse', 'refs/tags/v1^{commit}')).toBe(second);
    expect(api.releases.get('v1.1.0')!.body).toBe('### Changed\n\n- `oep45 init --workflows none`.\n- The starter workflows call the reusable workflow of v1.0.0.');
    expect(new Set(pins(origin, 'oep45-release/pin-v1.1.0'))).toEqual(new Set([`${second} # v1.1.0`]));
    expect(api.pulls.map((p) => p.head)).toEqual(['oep45-release/pin-v1.0.0', 'oep45-release/pin-v1.1.0']);
  });

  it('a pre-release: a GitHub pre-release, v1 and the starters stay', async () => {
    const changelog = readFileSync(join(work, 'CHANGELOG.md'), 'utf8');
    writeFileSync(join(work, 'CHANGELOG.md'), changelog.replace('## [1.1.0]', '## [Unreleased]\n\n### Added\n\n- Something to try.\n\n## [1.1.0]'));
    git(work, 'commit', '-q', '-am', 'Something to try');
    await releaseCommit('1.2.0-rc.1', '2025-08-01');

    const run = await release(checkoutOf('v1.2.0-rc.1'), ['github', 'v1.2.0-rc.1'], env);
    expect(run.code, run.out).toBe(0);
    expect(api.releases.get('v1.2.0-rc.1')).toMatchObject({ prerelease: true, make_latest: 'false', body: '### Added\n\n- Something to try.' });
    expect(git(origin, 'rev-parse', 'refs/tags/v1^{commit}')).toBe(second);
    expect(run.out).toContain('the starters stay pinned: v1.2.0-rc.1 is not the newest release');
    expect(api.pulls).toHaveLength(2);
  });

  it('npm: stamps dist/release.json and publishes with provenance, once (the registry is a fake npm on PATH)', async () => {
    const bin = mkdtempSync(join(tmpdir(), 'oep45-fake-npm-'));
    const log = join(bin, 'calls.log');
    // FakeNpm: answers --version and view as the registry would, records publish with the stamp it saw.
    writeFileSync(
      join(bin, 'npm'),
      [
        '#!/bin/sh',
        `echo "$*" >> "${log}"`,
        'case "$1" in',
        '  --version) echo "${FAKE_NPM_VERSION:-11.6.2}" ;;',
        '  view) [ -n "$FAKE_NPM_PUBLISHED" ] && echo "$FAKE_NPM_PUBLISHED" && exit 0; echo "npm error code E404" >&2; exit 1 ;;',
        `  publish) cat dist/release.json >> "${log}" ;;`,
        'esac',
      ].join('\n'),
    );
    chmodSync(join(bin, 'npm'), 0o755);
    const checkout = checkoutOf('v1.1.0');
    const path = `${bin}:${process.env.PATH}`;

    const old = await release(checkout, ['npm', 'v1.1.0'], { ...env, PATH: path, FAKE_NPM_VERSION: '10.9.2' });
    expect(old.code).toBe(1);
    expect(old.out).toContain('release: npm 10.9.2 cannot publish through trusted publishing: 11.5.1 or newer is needed');

    const run = await release(checkout, ['npm', 'v1.1.0'], { ...env, PATH: path });
    expect(run.code, run.out).toBe(0);
    const calls = readFileSync(log, 'utf8');
    expect(calls).toContain('publish --access public --provenance --tag latest\n');
    expect(JSON.parse(calls.slice(calls.indexOf('publish --access') + 'publish --access public --provenance --tag latest\n'.length))).toEqual({ version: '1.1.0', tag: 'v1.1.0', commit: second });

    const again = await release(checkout, ['npm', 'v1.1.0'], { ...env, PATH: path, FAKE_NPM_PUBLISHED: '1.1.0' });
    expect(again.code, again.out).toBe(0);
    expect(again.out).toContain('@openedx/oep45-action@1.1.0 is published already: nothing to do');
    expect(readFileSync(log, 'utf8').match(/^publish /gm)).toHaveLength(1);
  });
});
