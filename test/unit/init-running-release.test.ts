// Which commit `oep45 init` pins the starters to: the one the release workflow stamped into the
// published package (dist/release.json), else the HEAD of the oep45-action clone it runs from —
// its v* tag when HEAD has one, else said to be unreleased — and never the HEAD of a repository
// it is merely installed in.
import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PACKAGE_NAME, packageRoot, runningRelease } from '../../src/cli/init/running-release.js';
import { VERSION } from '../../src/version.js';
import { REPO_ROOT } from '../helpers/action.js';
import { makeRepo } from '../helpers/git.js';

const MANIFEST = JSON.stringify({ name: PACKAGE_NAME, version: VERSION });
const COMMIT = 'c0ffee'.padEnd(40, '0');

function packageDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'oep45-pkg-'));
  for (const [path, text] of Object.entries({ 'package.json': MANIFEST, ...files })) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

function oep45Clone() {
  const repo = makeRepo({ branch: 'main' });
  repo.write('package.json', MANIFEST);
  repo.write('.github/workflows/oep45-images.yml', 'on: workflow_call\n');
  const first = repo.commit('first');
  return { repo, first };
}

describe('packageRoot', () => {
  it('finds the package this code is part of', () => {
    expect(packageRoot()).toBe(REPO_ROOT);
  });

  it('walks up from the bundle folder, past other packages', () => {
    const dir = packageDir({ 'node_modules/other/package.json': '{"name":"other"}' });
    expect(packageRoot(join(dir, 'node_modules/other'))).toBe(dir);
    expect(packageRoot(tmpdir())).toBeUndefined();
  });
});

describe('runningRelease', () => {
  it('a published package: the stamp the release workflow wrote', async () => {
    const dir = packageDir({ 'dist/release.json': JSON.stringify({ version: VERSION, tag: `v${VERSION}`, commit: COMMIT }) });
    expect(await runningRelease(dir)).toEqual({ commit: COMMIT, label: `v${VERSION}`, released: true, source: `release v${VERSION}` });
  });

  it.each([
    ['another version', JSON.stringify({ version: '0.0.0-other', tag: 'v0.0.0-other', commit: COMMIT }), /does not describe this release/],
    ['a short commit', JSON.stringify({ version: VERSION, tag: `v${VERSION}`, commit: 'c0ffee' }), /does not describe this release/],
    ['not JSON', '{"version":', /is not JSON/],
  ])('a stamp with %s is refused', async (_name, stamp, error) => {
    await expect(runningRelease(packageDir({ 'dist/release.json': stamp }))).rejects.toThrow(error);
  });

  it('a clone on a release tag: that tag', async () => {
    const { repo, first } = oep45Clone();
    repo.tag('v1.4.0');
    expect(await runningRelease(repo.dir)).toMatchObject({ commit: first, label: 'v1.4.0', released: true });
  });

  it('a clone after a release: unreleased, described from the tag, with a warning', async () => {
    const { repo } = oep45Clone();
    repo.tag('v1.4.0');
    repo.write('README.md', 'more\n');
    const second = repo.commit('second');
    const found = await runningRelease(repo.dir);
    expect(found).toMatchObject({ commit: second, label: `unreleased (v1.4.0-1-g${second.slice(0, 7)})`, released: false });
    expect(found.warning).toMatch(/^oep45-action here is not a release: the starters are pinned to its HEAD/);
    expect(found.warning).not.toContain('not committed');
    repo.write('README.md', 'changed\n');
    expect((await runningRelease(repo.dir)).warning).toContain('the changes not committed here are not in it');
  });

  it('a clone without any v* tag: unreleased, named by its short commit', async () => {
    const { repo, first } = oep45Clone();
    repo.tag('open-release/sumac.1');
    expect(await runningRelease(repo.dir)).toMatchObject({ label: `unreleased (${first.slice(0, 7)})`, released: false });
  });

  it("installed in a service's node_modules without a stamp: refused, not the service's HEAD", async () => {
    const service = makeRepo();
    service.write('Dockerfile', 'FROM debian\n');
    service.write('.github/workflows/oep45-images.yml', 'on: workflow_call\n');
    service.write(`node_modules/${PACKAGE_NAME}/package.json`, MANIFEST);
    service.commit('service');
    await expect(runningRelease(join(service.dir, 'node_modules', PACKAGE_NAME))).rejects.toThrow(/cannot tell which commit of oep45-action this is/);
  });

  it('a clone whose HEAD has no reusable workflow is not taken for oep45-action', async () => {
    const repo = makeRepo();
    repo.write('package.json', MANIFEST);
    repo.commit('first');
    await expect(runningRelease(repo.dir)).rejects.toThrow(/not a git clone of oep45-action/);
  });
});
