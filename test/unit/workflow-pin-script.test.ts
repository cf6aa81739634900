// scripts/pin-starters.mjs without its proof (test/e2e/workflow-pin.test.ts runs that): how it
// rewrites pins, which version comment it writes, and which it refuses — on a real git repository.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { badVersion, pinFiles, pinText, versionFor } from '../../scripts/pin-starters.mjs';
import { makeRepo } from '../helpers/git.js';
import { ensureCommit } from '../helpers/pin.js';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';

const OLD = '0'.repeat(40);
const NEW = 'a'.repeat(40);

describe('pinText', () => {
  const cases: Array<[string, string]> = [
    [`    uses: openedx/oep45-action/.github/workflows/oep45-images.yml@${OLD} # main\n`, `    uses: openedx/oep45-action/.github/workflows/oep45-images.yml@${NEW} # v1.2.0\n`],
    [`    uses: openedx/oep45-action/.github/workflows/oep45-attest.yml@${OLD}\n`, `    uses: openedx/oep45-action/.github/workflows/oep45-attest.yml@${NEW} # v1.2.0\n`],
    [`      - uses: openedx/oep45-action@${OLD} # v0.0.0-g0000000\n`, `      - uses: openedx/oep45-action@${NEW} # v1.2.0\n`],
    // Only this repository's SHA pins move: not another repository's, not a tag.
    [`    uses: other/repo/.github/workflows/oep45-images.yml@${OLD} # v1\n`, `    uses: other/repo/.github/workflows/oep45-images.yml@${OLD} # v1\n`],
    [`      - uses: actions/checkout@${OLD} # v5.0.0\n`, `      - uses: actions/checkout@${OLD} # v5.0.0\n`],
    [`      - uses: openedx/oep45-action@v1\n`, `      - uses: openedx/oep45-action@v1\n`],
  ];
  it.each(cases)('%s', (before, after) => {
    expect(pinText(before, NEW, 'v1.2.0')).toBe(after);
  });
});

describe('the version comment', () => {
  it('before any release: v0.0.0-g<sha7>; then git describe from the last release; at a release, its tag', () => {
    const repo = makeRepo({ branch: 'main' });
    repo.write('a.txt', '1\n');
    const first = repo.commit('first');
    expect(versionFor(first, repo.dir)).toBe(`v0.0.0-g${first.slice(0, 7)}`);
    repo.tag('v1.2.0');
    expect(versionFor(first, repo.dir)).toBe('v1.2.0');
    repo.write('a.txt', '2\n');
    const second = repo.commit('second');
    expect(versionFor(second, repo.dir)).toBe(`v1.2.0-1-g${second.slice(0, 7)}`);
    // A tag that is not a release does not count.
    repo.tag('open-release/sumac.1');
    expect(versionFor(second, repo.dir)).toBe(`v1.2.0-1-g${second.slice(0, 7)}`);
  });

  it('refuses a branch name, or anything that is not a version', () => {
    const repo = makeRepo({ branch: 'main' });
    repo.commit('first');
    repo.git('branch', 'v9.9.9');
    expect(badVersion('v1.2.0', repo.dir)).toBeUndefined();
    expect(badVersion('v0.0.0-g1a2b3c4', repo.dir)).toBeUndefined();
    expect(badVersion('main', repo.dir)).toMatch(/is not a version/);
    expect(badVersion('v9.9.9', repo.dir)).toMatch(/is a branch name/);
  });
});

describe('pinFiles', () => {
  it('rewrites the starters, the examples\' workflows, the README and the docs\' snippets, and nothing else', () => {
    const repo = makeRepo({ branch: 'main' });
    const call = `uses: openedx/oep45-action/.github/workflows/oep45-images.yml@${OLD} # main\n`;
    for (const file of ['workflows/nightly.yml', 'examples/multi-image/.github/workflows/images.yml', 'README.md', 'docs/workflows.md', 'docs/configuration.md', 'docs/tags.md', '.github/workflows/ci.yml']) {
      repo.write(file, call);
    }
    expect(pinFiles(repo.dir, NEW, 'v1.2.0')).toEqual(['workflows/nightly.yml', 'examples/multi-image/.github/workflows/images.yml', 'README.md', 'docs/workflows.md', 'docs/configuration.md']);
    expect(readFileSync(join(repo.dir, 'README.md'), 'utf8')).toContain(`@${NEW} # v1.2.0`);
    expect(readFileSync(join(repo.dir, 'docs/tags.md'), 'utf8')).toBe(call);
  });
});

describe('ensureCommit: a shallow clone fetches the pinned commit instead of skipping', () => {
  it('fetches an older commit by its SHA from origin, one commit deep; a commit origin lacks is an error naming it', () => {
    const origin = makeRepo({ branch: 'main' });
    origin.write('a.txt', '1\n');
    const pinned = origin.commit('the pinned commit');
    origin.write('a.txt', '2\n');
    origin.commit('the pins');
    const clone = join(mkdtempSync(join(tmpdir(), 'oep45-shallow-')), 'clone');
    execFileSync('git', ['clone', '-q', '--depth=1', `file://${origin.dir}`, clone]);
    expect(execFileSync('git', ['-C', clone, 'rev-parse', '--is-shallow-repository'], { encoding: 'utf8' }).trim()).toBe('true');
    expect(() => execFileSync('git', ['-C', clone, 'cat-file', '-e', `${pinned}^{commit}`], { stdio: 'pipe' })).toThrow();
    expect(ensureCommit(pinned, clone)).toBe(pinned);
    expect(execFileSync('git', ['-C', clone, 'show', `${pinned}:a.txt`], { encoding: 'utf8' })).toBe('1\n');
    expect(() => ensureCommit('f'.repeat(40), clone)).toThrow(`commit ${'f'.repeat(40)} is not in this clone and could not be fetched from origin`);
  });
});
