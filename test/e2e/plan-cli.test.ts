// `oep45 plan` (node dist/cli.js) against a real git repository with real Open edX release tags in
// both schemes: the right tags for each ref, the moving-tag rule, local HEAD, shallow clones.
import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCliProcess } from '../helpers/action.js';
import { makeRepo, type TestRepo } from '../helpers/git.js';

const REPO = 'docker.io/openedx/credentials';

interface Plan {
  context: { kind: string; release: { name: string; version?: string; newest?: boolean } | null; reason: string; ref: string; sha: string; date: string; created: string; publishable: boolean };
  images: Array<{ name: string; target: string | null; tags: string[]; labels: Record<string, string>; push: boolean; platforms: string[]; buildArgs: Record<string, string> }>;
}

async function plan(cwd: string, ...args: string[]): Promise<Plan> {
  const run = await runCliProcess(['plan', '.', '--format', 'json', '--date', '2024-05-01T00:00:00Z', ...args], { cwd });
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as Plan;
}

let repo: TestRepo;
const sha: Record<string, string> = {};

beforeAll(() => {
  repo = makeRepo({ branch: 'master' });
  repo.write('Dockerfile', 'FROM localhost/oep45-test/busybox:1 AS app\nCMD ["true"]\n');
  repo.write('.oep45.yml', 'name: credentials\nregistries: [docker.io/openedx]\nimages:\n  - name: credentials\n    target: app\n');
  sha.sumac1 = repo.commit('sumac.1');
  repo.tag('open-release/sumac.1');
  repo.write('a.txt', '2\n');
  sha.sumac2 = repo.commit('sumac.2');
  repo.tag('open-release/sumac.2');
  repo.git('branch', 'open-release/sumac.master');
  repo.write('a.txt', '3\n');
  sha.teak1 = repo.commit('teak.1');
  repo.tag('release/teak.1');
  repo.git('branch', 'release/teak');
  repo.write('a.txt', '4\n');
  sha.master = repo.commit('master moves on');
});

const tagsOf = (p: Plan): string[] => p.images[0]!.tags;

describe('oep45 plan on a real repository', () => {
  it.each<[string, string[], string, (s: Record<string, string>) => string[]]>([
    ['master', ['--ref', 'refs/heads/master'], 'master', (s) => ['latest', 'master', s.master!, `sha-${s.master!.slice(0, 7)}`]],
    ['the nightly', ['--event', 'schedule', '--ref', 'refs/heads/master'], 'nightly', (s) => ['latest', 'master', s.master!, `sha-${s.master!.slice(0, 7)}`, '2024-05-01']],
    ['a dispatch asking for the nightly', ['--event', 'workflow_dispatch', '--nightly', '--ref', 'refs/heads/master'], 'nightly', (s) => ['latest', 'master', s.master!, `sha-${s.master!.slice(0, 7)}`, '2024-05-01']],
    ['the old-scheme release line', ['--ref', 'refs/heads/open-release/sumac.master'], 'release-line', (s) => ['sumac', s.sumac2!]],
    ['the new-scheme release line', ['--ref', 'refs/heads/release/teak'], 'release-line', (s) => ['teak', s.teak1!]],
    ['sumac.2, the newest sumac: moves `sumac`', ['--ref', 'refs/tags/open-release/sumac.2'], 'named-release', (s) => ['sumac.2', s.sumac2!, 'sumac']],
    ['sumac.1 re-published after sumac.2: `sumac` stays', ['--ref', 'refs/tags/open-release/sumac.1'], 'named-release', (s) => ['sumac.1', s.sumac1!]],
    ['teak.1, new scheme', ['--ref', 'refs/tags/release/teak.1'], 'named-release', (s) => ['teak.1', s.teak1!, 'teak']],
    ['a short ref names the tag', ['--ref', 'open-release/sumac.1'], 'named-release', (s) => ['sumac.1', s.sumac1!]],
    ['a pull request', ['--pr', '42'], 'pull-request', () => ['pr-42']],
    ['a branch that does not publish', ['--ref', 'refs/heads/feature'], 'none', () => []],
    // A release planned before it is tagged: no --sha, and the ref is not in the repository yet.
    ['a release tag not made yet takes HEAD\'s commit', ['--ref', 'refs/tags/release/ulmo.1'], 'named-release', (s) => ['ulmo.1', s.master!, 'ulmo']],
    ['a short release tag not made yet', ['--ref', 'release/ulmo.1'], 'named-release', (s) => ['ulmo.1', s.master!, 'ulmo']],
  ])('%s', async (_, args, kind, expected) => {
    const p = await plan(repo.dir, ...args);
    expect(p.context.kind).toBe(kind);
    expect(tagsOf(p)).toEqual(expected(sha).map((t) => `${REPO}:${t}`));
    expect(p.images[0]!.push).toBe(false); // plan mode never pushes
  });

  it('says why `sumac` stays', async () => {
    const p = await plan(repo.dir, '--ref', 'refs/tags/open-release/sumac.1');
    expect(p.context.release).toMatchObject({ name: 'sumac', version: 'sumac.1', newest: false });
    expect(p.context.reason).toBe('release tag open-release/sumac.1 (old scheme); `sumac` stays: sumac.2 is newer');
  });

  it('takes the SHA of the ref, and the commit time for `created`', async () => {
    const p = await plan(repo.dir, '--ref', 'refs/tags/release/teak.1');
    const committed = new Date(repo.git('show', '-s', '--format=%cI', sha.teak1!)).toISOString();
    expect(p.context).toMatchObject({ sha: sha.teak1, date: '2024-05-01', created: committed, publishable: true });
    expect(p.images[0]!.labels).toMatchObject({
      'org.opencontainers.image.revision': sha.teak1,
      'org.opencontainers.image.created': committed,
      'org.opencontainers.image.version': 'teak.1',
      'org.openedx.release': 'teak',
    });
    expect(p.images[0]).toMatchObject({ name: 'credentials', target: 'app', platforms: ['linux/amd64'], buildArgs: {} });
  });

  it('with no flags and no GITHUB_* variables, plans the repository HEAD', async () => {
    const p = await plan(repo.dir);
    expect(p.context).toMatchObject({ kind: 'master', ref: 'refs/heads/master', sha: sha.master });
    expect(p.context.reason).toBe('push to the default branch master (HEAD of the local repository)');
  });

  it('a detached HEAD at a release tag plans that release', async () => {
    const clone = mkdtempSync(join(tmpdir(), 'oep45-detached-'));
    execFileSync('git', ['clone', '-q', repo.dir, clone]);
    execFileSync('git', ['checkout', '-q', 'open-release/sumac.2'], { cwd: clone });
    const p = await plan(clone);
    expect(p.context).toMatchObject({ kind: 'named-release', ref: 'refs/tags/open-release/sumac.2', sha: sha.sumac2 });
    expect(tagsOf(p)).toEqual([`${REPO}:sumac.2`, `${REPO}:${sha.sumac2}`, `${REPO}:sumac`]);
  });

  it('a release candidate never moves the line, and does not count as newer', async () => {
    const clone = mkdtempSync(join(tmpdir(), 'oep45-rc-'));
    execFileSync('git', ['clone', '-q', repo.dir, clone]);
    execFileSync('git', ['tag', 'open-release/sumac.3rc1', 'release/teak.1'], { cwd: clone });
    const rc = await plan(clone, '--ref', 'refs/tags/open-release/sumac.3rc1');
    expect(tagsOf(rc)).toEqual([`${REPO}:sumac.3rc1`, `${REPO}:${sha.teak1}`]);
    expect(rc.context.reason).toContain('`sumac` stays: sumac.3rc1 is a release candidate');
    expect(tagsOf(await plan(clone, '--ref', 'refs/tags/open-release/sumac.2'))).toContain(`${REPO}:sumac`);
  });

  describe('in a shallow clone (actions/checkout by default), the tags come from origin', () => {
    const shallow = (tag: string): string => {
      const dir = mkdtempSync(join(tmpdir(), 'oep45-shallow-'));
      execFileSync('git', ['clone', '-q', '--depth', '1', '--branch', tag, `file://${repo.dir}`, dir], { stdio: 'pipe' });
      return dir;
    };

    it('sumac.1 does not move `sumac`, though it is the only sumac tag in the clone', async () => {
      const dir = shallow('open-release/sumac.1');
      expect(execFileSync('git', ['tag', '--list'], { cwd: dir, encoding: 'utf8' }).trim()).toBe('open-release/sumac.1');
      const p = await plan(dir);
      expect(p.context.kind).toBe('named-release');
      expect(tagsOf(p)).toEqual([`${REPO}:sumac.1`, `${REPO}:${sha.sumac1}`]);
    });

    it('sumac.2 moves it', async () => {
      expect(tagsOf(await plan(shallow('open-release/sumac.2')))).toContain(`${REPO}:sumac`);
    });

    it('when origin cannot be listed, `sumac` stays and the reason says how to fix it', async () => {
      const dir = shallow('open-release/sumac.2');
      execFileSync('git', ['remote', 'set-url', 'origin', join(tmpdir(), 'oep45-no-such-remote')], { cwd: dir });
      const p = await plan(dir);
      expect(tagsOf(p)).toEqual([`${REPO}:sumac.2`, `${REPO}:${sha.sumac2}`]);
      expect(p.context.reason).toContain('(check out with fetch-depth: 0)');
    });
  });

  it('prints the plan as text', async () => {
    const run = await runCliProcess(['plan', '.', '--ref', 'refs/tags/open-release/sumac.2'], { cwd: repo.dir });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('Plan — named-release: release tag open-release/sumac.2 (old scheme); sumac.2 is the newest release of sumac, so `sumac` moves to it');
    expect(run.stdout).toContain(`→ ${REPO}:sumac.2`);
  });

  it.each([
    [['--ref', 'nope'], 'oep45: --ref: "nope" is neither a tag nor a branch of this repository; give the full ref (refs/heads/nope or refs/tags/nope)'],
    [['--ref', 'refs/heads/master', '--sha', 'abc'], 'oep45: --sha: "abc" is not a full commit SHA (40 hexadecimal digits)'],
    [['--date', '2024-02-30'], 'oep45: --date: "2024-02-30" is not a date (YYYY-MM-DD) or an ISO timestamp (YYYY-MM-DDTHH:MM:SSZ)'],
    [['--tag', 'bad tag'], 'oep45: tags: "bad tag" is not a valid tag ([A-Za-z0-9_][A-Za-z0-9_.-]{0,127})'],
    [['--registry', 'https://ghcr.io/x'], 'oep45: registries: "https://ghcr.io/x" must be a registry and namespace without a scheme, e.g. ghcr.io/my-org'],
  ])('refuses %j with one line and exit 2', async (args, message) => {
    const run = await runCliProcess(['plan', '.', ...args], { cwd: repo.dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`${message}\n`);
  });
});
