// `oep45 init`, run by the bundled CLI as a maintainer would, on copies of the examples without
// their .oep45.yml: what it writes passes `oep45 check` and GitHub's own workflow validator, is
// pinned to the commit of this clone (the running oep45-action) with a version comment, and
// describes the same images as the example's hand-written config. It never replaces a file
// without --force and, when it refuses, writes nothing at all.
import { describe, expect, it } from 'vitest';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { loadProject } from '../../src/config/load-project.js';
import { REPO_ROOT, runCliProcess } from '../helpers/action.js';
import { githubDiagnostics } from '../helpers/workflow-validate.js';
import { makeRepo } from '../helpers/git.js';

const HEAD = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
const STARTERS = ['pull-request', 'nightly', 'release'];
const PIN = /uses: openedx\/oep45-action\/\.github\/workflows\/oep45-images\.yml@([0-9a-f]{40}) # (.+)$/m;

/** A copy of an example without its .oep45.yml (and its own workflows), as a clone of a GitHub repository. */
function exampleCopy(example: string, remote: string): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'oep45-init-')), example);
  cpSync(join(REPO_ROOT, 'examples', example), dir, { recursive: true });
  rmSync(join(dir, '.oep45.yml'));
  rmSync(join(dir, '.github'), { recursive: true, force: true });
  const repo = makeRepo({ branch: 'master' });
  cpSync(dir, repo.dir, { recursive: true });
  repo.commit('the service');
  repo.git('remote', 'add', 'origin', remote);
  return repo.dir;
}

function project(dir: string) {
  return loadProject({ mode: 'check', dir, event: {}, secrets: [], credentials: [] });
}

async function initAndCheck(dir: string, args: string[] = []) {
  const init = await runCliProcess(['init', dir, ...args]);
  expect(init.code, init.stderr).toBe(0);
  const check = await runCliProcess(['check', dir, '--format', 'json', '--fail-on', 'warning']);
  const report = JSON.parse(check.stdout) as { findings: { rule: string; severity: string; message: string }[] };
  expect(report.findings.filter((f) => f.severity !== 'notice').map((f) => `${f.rule} ${f.message}`)).toEqual([]);
  expect(check.code).toBe(0);
  return init;
}

describe('oep45 init on the sample service without its .oep45.yml', () => {
  const dir = exampleCopy('sample-ida', 'git@github.com:openedx/sample-ida.git');
  let init: Awaited<ReturnType<typeof runCliProcess>>;

  it('writes the config and the three starters, and `oep45 check` passes', async () => {
    init = await initAndCheck(dir);
    expect(init.stdout).toContain('Found: Dockerfile (target app, dev dev); settings sample_ida/settings; changelog CHANGELOG.rst; default branch master');
    for (const file of ['.oep45.yml', ...STARTERS.map((s) => `.github/workflows/oep45-${s}.yml`)]) expect(init.stdout).toContain(`  ${file}\n`);
    // This clone is not on a release tag: pinned to its HEAD, and said to be unreleased.
    expect(init.stderr).toMatch(/^warning: oep45-action here is not a release: the starters are pinned to its HEAD/);
  });

  it('describes the same images as the hand-written config of the example', () => {
    const written = project(dir);
    const original = project(join(REPO_ROOT, 'examples/sample-ida'));
    const shape = (p: typeof written) => ({
      images: p.images.map((i) => [i.name, i.dockerfile, i.target]),
      settingsDir: p.settingsDir,
      changelog: p.changelog,
      registries: p.registries,
      appName: p.appName,
    });
    expect(shape(written)).toEqual(shape(original));
  });

  it.each(STARTERS)('oep45-%s.yml: pinned to this commit, valid for GitHub, with a comment on what to adjust', async (name) => {
    const text = readFileSync(join(dir, `.github/workflows/oep45-${name}.yml`), 'utf8');
    const pin = PIN.exec(text);
    expect(pin?.[1]).toBe(HEAD);
    expect(pin?.[2]).toMatch(/^(v\d+\.\d+\.\d+|unreleased \(.+\))$/);
    expect(text).toMatch(/^# Adjust:$/m);
    expect(text).toContain(`from oep45-action's workflows/${name}.yml (`);
    expect(await githubDiagnostics(`.github/workflows/oep45-${name}.yml`, text)).toEqual([]);
  });

  it('the nightly run can choose each image, and the publishing starters use the Docker Hub secrets', () => {
    const nightly = readFileSync(join(dir, '.github/workflows/oep45-nightly.yml'), 'utf8');
    expect(nightly).toMatch(/options:\n {10}- all\n {10}- sample-ida\n {10}- sample-ida-dev\n/);
    for (const name of ['nightly', 'release']) {
      const text = readFileSync(join(dir, `.github/workflows/oep45-${name}.yml`), 'utf8');
      expect(text).toContain('registry-password: ${{ secrets.DOCKERHUB_PASSWORD }}');
      expect(text).toMatch(/^# {5}DOCKERHUB_PASSWORD {2}an access token/m);
    }
    expect(readFileSync(join(dir, '.github/workflows/oep45-pull-request.yml'), 'utf8')).not.toContain('secrets.');
  });

  it('refuses to replace anything without --force, and then writes nothing', async () => {
    rmSync(join(dir, '.github/workflows/oep45-release.yml'));
    const before = readFileSync(join(dir, '.oep45.yml'), 'utf8');
    writeFileSync(join(dir, '.oep45.yml'), `${before}# my own line\n`);
    const again = await runCliProcess(['init', dir]);
    expect(again.code).toBe(2);
    expect(again.stderr).toBe(
      'oep45: init would replace .oep45.yml, .github/workflows/oep45-pull-request.yml, .github/workflows/oep45-nightly.yml: nothing was written. Pass --force to replace them, or --no-config to keep .oep45.yml\n',
    );
    expect(readFileSync(join(dir, '.oep45.yml'), 'utf8')).toBe(`${before}# my own line\n`);
    expect(existsSync(join(dir, '.github/workflows/oep45-release.yml'))).toBe(false);
  });

  it('--no-config keeps the config and writes the starter asked for; --force replaces', async () => {
    const kept = await runCliProcess(['init', dir, '--no-config', '--workflows', 'release']);
    expect(kept.code, kept.stderr).toBe(0);
    expect(readFileSync(join(dir, '.oep45.yml'), 'utf8')).toContain('# my own line');
    expect(existsSync(join(dir, '.github/workflows/oep45-release.yml'))).toBe(true);
    const forced = await runCliProcess(['init', dir, '--force']);
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stdout).toContain('  .oep45.yml (replaced)\n');
    expect(readFileSync(join(dir, '.oep45.yml'), 'utf8')).not.toContain('# my own line');
  });
});

describe('oep45 init on the multi-image repository without its .oep45.yml', () => {
  it('reads images-data.json as it is, publishes to Docker Hub under the owner, and passes check and GitHub', async () => {
    const dir = exampleCopy('multi-image', 'https://github.com/openedx/public-dockerfiles.git');
    const init = await initAndCheck(dir, ['--workflows', 'pull-request,nightly']);
    expect(init.stdout).toContain('Found: 4 images from images-data.json; default branch master; registries docker.io/openedx (Docker Hub under the GitHub owner openedx).');
    expect(existsSync(join(dir, '.github/workflows/oep45-release.yml'))).toBe(false);
    const written = project(dir);
    expect(written.imagesDataFile).toBe('images-data.json');
    expect(written.images.map((i) => i.name)).toEqual(['credentials-dev', 'notes-dev', 'lms-dev', 'cms-dev']);
    const nightly = readFileSync(join(dir, '.github/workflows/oep45-nightly.yml'), 'utf8');
    expect(nightly).toMatch(/- all\n {10}- credentials-dev\n {10}- notes-dev\n {10}- lms-dev\n {10}- cms-dev\n/);
    for (const name of ['pull-request', 'nightly']) {
      expect(await githubDiagnostics(`.github/workflows/oep45-${name}.yml`, readFileSync(join(dir, `.github/workflows/oep45-${name}.yml`), 'utf8'))).toEqual([]);
    }
  });

  it('with --registry ghcr.io/openedx: GHCR secrets', async () => {
    const dir = exampleCopy('multi-image', 'https://github.com/openedx/public-dockerfiles.git');
    await initAndCheck(dir, ['--registry', 'ghcr.io/openedx,docker.io/openedx', '--workflows', 'nightly,release']);
    expect(project(dir).registries).toEqual(['ghcr.io/openedx', 'docker.io/openedx']);
    for (const name of ['nightly', 'release']) {
      const text = readFileSync(join(dir, `.github/workflows/oep45-${name}.yml`), 'utf8');
      expect(text).toContain('registry-username: ${{ secrets.GHCR_USERNAME }}');
      expect(text).toContain('registry-password: ${{ secrets.GHCR_TOKEN }}');
      expect(text).toContain('# - log in to docker.io too: `registry-2: docker.io` under `with:`, and secrets registry-2-username/-password;');
      expect(await githubDiagnostics(`.github/workflows/oep45-${name}.yml`, text)).toEqual([]);
    }
  });
});

describe('oep45 init next to a starter copied by hand', () => {
  it('says the copy and its own would both run oep45-action', async () => {
    const dir = exampleCopy('multi-image', 'https://github.com/openedx/public-dockerfiles.git');
    cpSync(join(REPO_ROOT, 'examples/multi-image/.github'), join(dir, '.github'), { recursive: true });
    const init = await runCliProcess(['init', dir, '--workflows', 'nightly']);
    expect(init.code, init.stderr).toBe(0);
    expect(init.stderr).toContain('warning: .github/workflows/images.yml already runs oep45-action: with the starters written now it would run twice; keep one of each kind\n');
  });
});

describe('oep45 init refuses what it cannot do, with one line', () => {
  it.each([
    { name: 'nothing to build', files: { 'README.md': '# a library\n' }, args: [], error: /has no Dockerfile \(nor docker\/Dockerfile\) and no images-data\.json: nothing for oep45-action to build/ },
    { name: 'an unknown starter', files: { Dockerfile: 'FROM debian\n' }, args: ['--workflows', 'nightly,weekly'], error: /--workflows: "weekly" is not a starter; pick from pull-request, nightly, release, or none/ },
    { name: '--no-config without a config', files: { Dockerfile: 'FROM debian\n' }, args: ['--no-config'], error: /--no-config keeps \.oep45\.yml, but .* has none/ },
  ])('$name', async (c) => {
    const dir = mkdtempSync(join(tmpdir(), 'oep45-init-'));
    for (const [path, text] of Object.entries(c.files)) writeFileSync(join(dir, path), text);
    const run = await runCliProcess(['init', dir, ...c.args]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(c.error);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(existsSync(join(dir, '.oep45.yml'))).toBe(false);
  });
});
