// Each changelog rule over small services; the rules that read history run on real git
// repositories (tags, shallow clones) made in temporary folders.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brief, contextFor, makeService, namedRelease, runRules, type Files, type RunOptions } from '../helpers/service.js';
import { makeRepo } from '../helpers/git.js';
import type { Rule } from '../../src/checks/rule.js';
import { CHANGELOG_RULES } from '../../src/checks/changelog/index.js';
import { c001ChangelogExists } from '../../src/checks/changelog/c001-changelog-exists.js';
import { c002ChangelogHeadings } from '../../src/checks/changelog/c002-changelog-headings.js';
import { c003UnreleasedSection } from '../../src/checks/changelog/c003-unreleased-section.js';
import { c004ReleaseOrder } from '../../src/checks/changelog/c004-release-order.js';
import { c005ReleaseEntry } from '../../src/checks/changelog/c005-release-entry.js';
import { c006SettingsDiff } from '../../src/checks/changelog/c006-settings-diff.js';
import { baselineTag } from '../../src/checks/changelog/history.js';
import { compareVersions, readHeading } from '../../src/checks/changelog/version-heading.js';

const rst = (...sections: string[]): string => `Change Log\n##########\n\n${sections.map((s) => `${s}\n${'*'.repeat(s.length)}\n\n* A change.\n`).join('\n')}`;
const GOOD = rst('Unreleased', '[1.1.0] - 2024-05-01', '[1.0.0] - 2024-01-12');

/** A service with a good changelog; a file given as '' is left out. */
function service(files: Files = {}): string {
  const all: Files = { Dockerfile: 'FROM scratch\n', '.oep45.yml': 'name: svc\n', 'CHANGELOG.rst': GOOD, ...files };
  return makeService(Object.fromEntries(Object.entries(all).filter(([, v]) => v !== '')));
}

interface Case {
  name: string;
  dir: () => string;
  options?: RunOptions;
  expected: string[];
  messages?: RegExp[];
}

function table(rule: Rule, cases: Case[]): void {
  describe(rule.meta.id, () => {
    it.each(cases)('$name', async ({ dir, options, expected, messages }) => {
      const findings = await runRules(dir(), [rule], options);
      expect(brief(findings)).toEqual(expected);
      for (const [i, m] of (messages ?? []).entries()) expect(findings[i]?.message).toMatch(m);
    });
  });
}

describe('release headings', () => {
  it.each([
    ['Unreleased', { kind: 'unreleased' }],
    ['[Unreleased]', { kind: 'unreleased' }],
    ['[1.2.0] - 2024-05-01', { kind: 'release', version: '1.2.0', date: '2024-05-01' }],
    ['[1.2.0](https://x/compare) - 2024-05-01', { kind: 'release', version: '1.2.0', date: '2024-05-01' }],
    ['v1.2.0 (2024-05-01)', { kind: 'release', version: '1.2.0', date: '2024-05-01' }],
    ['1.2.0rc1 - 2024-05-01', { kind: 'release', version: '1.2.0rc1', date: '2024-05-01' }],
    ['[sumac.2] - 2025-02-01', { kind: 'release', version: 'sumac.2', date: '2025-02-01' }],
    ['open-release/lilac.rc1 (2021-06-01)', { kind: 'release', version: 'open-release/lilac.rc1', date: '2021-06-01' }],
    ['[1.2.0]', { kind: 'release', version: '1.2.0', problem: 'release 1.2.0 has no date (write "[1.2.0] - YYYY-MM-DD")' }],
    ['[1.2.0] - 2024/05/01', { kind: 'release', version: '1.2.0', problem: 'release date "2024/05/01" is not YYYY-MM-DD' }],
    ['[1.2.0] - 2024-02-30', { kind: 'release', version: '1.2.0', date: '2024-02-30', problem: 'release date 2024-02-30 is not a real date' }],
    ['[1.x] - 2024-02-03', { kind: 'release', version: '1.x', problem: 'version "1.x" is not of the form X.Y.Z' }],
    ['Added', { kind: 'other' }],
  ])('%s', (text, expected) => {
    expect(readHeading(text)).toEqual(expected);
  });

  it.each([
    ['1.10.0', '1.9.0', 1],
    ['1.0.0rc1', '1.0.0', -1],
    ['sumac.2', 'sumac.1', 1],
    ['teak.1', 'sumac.3', 1],
    ['sumac.1rc1', 'sumac.1', -1],
    ['lilac.rc1', 'lilac.1', -1],
    ['sumac.2a', 'sumac.1', 1],
    ['1.0.0', 'sumac.1', undefined],
  ])('compare %s with %s', (a, b, expected) => {
    expect(compareVersions(a, b)).toBe(expected);
  });
});

table(c001ChangelogExists, [
  { name: 'CHANGELOG.rst', dir: () => service(), expected: [] },
  { name: 'scriv folder only', dir: () => service({ 'CHANGELOG.rst': '', 'changelog.d/README.rst': 'x\n' }), expected: [] },
  { name: 'none', dir: () => makeService({ Dockerfile: 'FROM scratch\n' }), expected: ['CHANGELOG.rst:0 OEP45-C001 error'] },
  {
    name: 'configured but missing',
    dir: () => makeService({ Dockerfile: 'FROM scratch\n', '.oep45.yml': 'name: svc\nchangelog: docs/CHANGES.rst\n' }),
    expected: ['.oep45.yml:0 OEP45-C001 error'],
  },
  { name: 'not a service', dir: () => makeService({ 'README.md': 'x\n' }), expected: [] },
]);

table(c002ChangelogHeadings, [
  { name: 'keep-a-changelog RST', dir: () => service(), expected: [] },
  { name: 'keep-a-changelog Markdown', dir: () => service({ 'CHANGELOG.rst': '', 'CHANGELOG.md': '# Changelog\n\n## [Unreleased]\n\n## [1.0.0] - 2024-01-01\n' }), expected: [] },
  {
    name: 'broken RST underline and a heading that is not a release',
    dir: () => service({ 'CHANGELOG.rst': 'Change Log\n##########\n\nUnreleased\n****\n\nVersion one\n***********\n' }),
    expected: ['CHANGELOG.rst:5 OEP45-C002 error', 'CHANGELOG.rst:7 OEP45-C002 error'],
    messages: [/title underline too short for "Unreleased"/, /heading "Version one" is neither "Unreleased" nor a release/],
  },
  {
    name: 'bad dates',
    dir: () => service({ 'CHANGELOG.rst': rst('[1.0.1] - 2024/01/12', '[1.0.0]') }),
    expected: ['CHANGELOG.rst:4 OEP45-C002 error', 'CHANGELOG.rst:9 OEP45-C002 error'],
  },
  {
    name: 'no release headings at all',
    dir: () => service({ 'CHANGELOG.rst': 'History\n=======\n\nVersion one\n-----------\n' }),
    expected: ['CHANGELOG.rst:4 OEP45-C002 error'],
  },
  {
    name: 'Markdown heading without a space',
    dir: () => service({ 'CHANGELOG.rst': '', 'CHANGELOG.md': '# Changelog\n\n##[Unreleased]\n\n## [1.0.0] - 2024-01-01\n' }),
    expected: ['CHANGELOG.md:3 OEP45-C002 error'],
  },
  {
    name: 'a broken scriv fragment',
    dir: () => service({ 'changelog.d/20240101_x.rst': 'Added\n.....\n\n* x\n\nFixed\n----\n\n* y\n' }),
    expected: ['changelog.d/20240101_x.rst:7 OEP45-C002 error'],
  },
  { name: 'binary junk', dir: () => service({ 'CHANGELOG.rst': Buffer.from([0x43, 0x0a, 0xff, 0x00, 0x0a]) }), expected: ['CHANGELOG.rst:2 OEP45-C002 error'] },
]);

describe(c003UnreleasedSection.meta.id, () => {
  const released = rst('[1.0.0] - 2020-01-12');
  it.each<Case>([
    { name: 'Unreleased present', dir: () => service(), expected: [] },
    { name: 'a scriv fragment waits', dir: () => service({ 'CHANGELOG.rst': released, 'changelog.d/20240101_x.rst': 'Added\n.....\n\n* x\n' }), expected: [] },
    {
      name: 'a fragment with only comments does not count (no git: nothing to compare)',
      dir: () => service({ 'CHANGELOG.rst': released, 'changelog.d/20240101_x.rst': '..\n  Added\n  .....\n' }),
      expected: [],
    },
    {
      name: 'no entries at all',
      dir: () => service({ 'CHANGELOG.rst': 'Change Log\n##########\n\nNothing yet.\n' }),
      expected: ['CHANGELOG.rst:1 OEP45-C003 error'],
    },
    { name: 'a named release is checked by C005', dir: () => service({ 'CHANGELOG.rst': released }), options: { releaseOverride: 'sumac.1' }, expected: [] },
  ])('$name', async ({ dir, options, expected }) => {
    expect(brief(await runRules(dir(), [c003UnreleasedSection], options))).toEqual(expected);
  });

  it('reports changes since the tag of the newest release', async () => {
    const repo = makeRepo({ from: service({ 'CHANGELOG.rst': rst('[1.0.0] - 2099-01-12') }) });
    repo.tag('v1.0.0');
    expect(brief(await runRules(repo.dir, [c003UnreleasedSection]))).toEqual([]);
    repo.write('app.py', 'print(1)\n');
    repo.commit('a change');
    const findings = await runRules(repo.dir, [c003UnreleasedSection]);
    expect(brief(findings)).toEqual(['CHANGELOG.rst:4 OEP45-C003 error']);
    expect(findings[0]!.message).toBe('no "Unreleased" section (or scriv fragment), but the project changed since v1.0.0 (app.py)');
  });

  it('without a tag, reports a HEAD committed after the newest release date that changed the project since the changelog was written', async () => {
    const repo = makeRepo({ from: service({ 'CHANGELOG.rst': rst('[1.0.0] - 2020-01-12') }) });
    // HEAD wrote the changelog itself: its entry is there.
    expect(await runRules(repo.dir, [c003UnreleasedSection])).toEqual([]);
    repo.write('service/views.py', 'def index():\n    return None\n');
    repo.commit('a view');
    const findings = await runRules(repo.dir, [c003UnreleasedSection]);
    expect(findings[0]?.message).toMatch(
      /^no "Unreleased" section \(or scriv fragment\), but HEAD was committed on \d{4}-\d\d-\d\d, after release 1\.0\.0 \(2020-01-12\), and the project changed since the changelog was last written \(service\/views\.py\)$/,
    );
  });
});

table(c004ReleaseOrder, [
  { name: 'in order', dir: () => service(), expected: [] },
  {
    name: 'versions out of order, a duplicate, Unreleased last',
    dir: () => service({ 'CHANGELOG.rst': rst('[1.0.0] - 2024-01-12', '[1.1.0] - 2024-01-01', '[1.0.0] - 2024-01-01', 'Unreleased') }),
    expected: ['CHANGELOG.rst:9 OEP45-C004 error', 'CHANGELOG.rst:14 OEP45-C004 error', 'CHANGELOG.rst:19 OEP45-C004 error'],
    messages: [/release 1\.1\.0 is listed after the older release 1\.0\.0/, /listed twice/, /"Unreleased" comes after a release/],
  },
  {
    name: 'dates going forward',
    dir: () => service({ 'CHANGELOG.rst': rst('[1.1.0] - 2024-01-01', '[1.0.0] - 2024-03-01') }),
    expected: ['CHANGELOG.rst:9 OEP45-C004 error'],
    messages: [/dated after the release above it/],
  },
  { name: 'named releases newest first', dir: () => service({ 'CHANGELOG.rst': rst('[teak.1] - 2025-06-01', '[sumac.2] - 2025-02-01', '[sumac.1rc1] - 2024-12-01') }), expected: [] },
]);

table(c005ReleaseEntry, [
  { name: 'no named release', dir: () => service(), expected: [] },
  { name: '--release with its entry', dir: () => service({ 'CHANGELOG.rst': rst('[sumac.2] - 2025-02-01') }), options: { releaseOverride: 'sumac.2' }, expected: [] },
  {
    name: 'a release tag with an open-release/ entry',
    dir: () => service({ 'CHANGELOG.rst': rst('open-release/sumac.2 (2025-02-01)') }),
    options: { release: namedRelease('open-release/sumac.2') },
    expected: [],
  },
  {
    name: '--release without its entry',
    dir: () => service(),
    options: { releaseOverride: 'release/sumac.2' },
    expected: ['CHANGELOG.rst:4 OEP45-C005 error'],
    messages: [/no entry for the release sumac\.2/],
  },
  {
    name: 'sumac.2 is not sumac.20',
    dir: () => service({ 'CHANGELOG.rst': rst('[sumac.20] - 2025-02-01') }),
    options: { release: namedRelease('release/sumac.2') },
    expected: ['CHANGELOG.rst:1 OEP45-C005 error'],
  },
]);

describe(c006SettingsDiff.meta.id, () => {
  const D = 'svc/settings';
  const settings = (defaults: string): Files => ({
    '.oep45.yml': `name: svc\nsettings: ${D}\n`,
    [`${D}/__init__.py`]: '',
    [`${D}/required.py`]: 'SECRET_KEY = None\n',
    [`${D}/defaults.py`]: defaults,
  });

  function released(): ReturnType<typeof makeRepo> {
    const repo = makeRepo({ from: service(settings('PAGE_SIZE = 20\nOLD_NAME = 1\nKEPT = "x"\n')) });
    repo.tag('release/sumac.1');
    return repo;
  }

  it('names each added, changed or removed setting missing from Unreleased', async () => {
    const repo = released();
    repo.write(`${D}/defaults.py`, 'PAGE_SIZE = 50\nKEPT = "x"\nNEW_NAME = 1\n');
    repo.write('CHANGELOG.rst', rst('Unreleased', '[1.0.0] - 2024-01-12').replace('* A change.', '* ``OLD_NAME`` is now ``NEW_NAME``.'));
    repo.commit('rename a setting, change a default');
    const findings = await runRules(repo.dir, [c006SettingsDiff]);
    expect(brief(findings)).toEqual([`${D}/defaults.py:1 OEP45-C006 error`]);
    expect(findings[0]!.message).toBe(
      'the default of PAGE_SIZE changed since release/sumac.1 (20 → 50), but the changelog since release/sumac.1 does not mention it',
    );
  });

  it('a service in a folder of a larger repository is compared too', async () => {
    const repo = makeRepo();
    const under = 'services/svc';
    const files = service(settings('PAGE_SIZE = 20\nKEPT = "x"\n'));
    cpSync(files, join(repo.dir, under), { recursive: true });
    repo.commit('sumac.1');
    repo.tag('release/sumac.1');
    repo.write(`${under}/${D}/defaults.py`, 'PAGE_SIZE = 50\nKEPT = "x"\n');
    repo.commit('a default changed');
    const findings = await runRules(join(repo.dir, under), [c006SettingsDiff]);
    expect(findings.map((f) => f.message)).toEqual([
      'the default of PAGE_SIZE changed since release/sumac.1 (20 → 50), but the changelog since release/sumac.1 does not mention it',
    ]);
  });

  it('reads scriv fragments, and reports a removed setting at the Unreleased heading', async () => {
    const repo = released();
    repo.write(`${D}/defaults.py`, 'PAGE_SIZE = 20\nKEPT = "x"\n');
    repo.write('changelog.d/20250101_x.rst', 'Removed\n.......\n\n* Nothing about it.\n');
    repo.commit('remove a setting');
    const findings = await runRules(repo.dir, [c006SettingsDiff]);
    expect(brief(findings)).toEqual(['CHANGELOG.rst:4 OEP45-C006 error']);
    expect(findings[0]!.message).toMatch(/^setting OLD_NAME was removed since release\/sumac\.1/);
    repo.write('changelog.d/20250101_x.rst', 'Removed\n.......\n\n* ``OLD_NAME``.\n');
    expect(await runRules(repo.dir, [c006SettingsDiff])).toEqual([]);
  });

  it('for a named release, reads its entry and compares with the release before it', async () => {
    const repo = released();
    repo.write(`${D}/defaults.py`, 'PAGE_SIZE = 20\nOLD_NAME = 1\nKEPT = "y"\n');
    repo.write('CHANGELOG.rst', rst('[sumac.2] - 2025-02-01', 'Unreleased').replace('* A change.', '* Nothing.'));
    repo.commit('sumac.2');
    repo.tag('release/sumac.2');
    const findings = await runRules(repo.dir, [c006SettingsDiff], { release: namedRelease('release/sumac.2') });
    expect(findings.map((f) => f.message)).toEqual([
      'the default of KEPT changed since release/sumac.1 ("x" → "y"), but the changelog entry for sumac.2 does not mention it',
    ]);
  });

  it('says so and skips on a shallow clone, and outside git', async () => {
    const repo = released();
    repo.write(`${D}/defaults.py`, 'PAGE_SIZE = 21\n');
    repo.commit('change');
    const clone = join(mkdtempSync(join(tmpdir(), 'oep45-shallow-')), 'c');
    execFileSync('git', ['clone', '-q', '--depth', '1', `file://${repo.dir}`, clone]);
    const shallow = await runRules(clone, [c006SettingsDiff]);
    expect(brief(shallow)).toEqual(['CHANGELOG.rst:0 OEP45-C006 notice']);
    expect(shallow[0]!.message).toMatch(/^shallow clone: .* skipped$/);
    const plain = await runRules(service(settings('PAGE_SIZE = 20\n')), [c006SettingsDiff]);
    expect(plain.map((f) => f.message)).toEqual(['not a git repository: the settings diff against the previous release was skipped']);
  });

  it('finds the previous release among both tag schemes and irregular tags, ancestors of HEAD only', async () => {
    const repo = makeRepo({ from: service() });
    repo.tag('open-release/lilac.rc1');
    repo.write('a', '1');
    repo.commit('1');
    repo.tag('open-release/sumac.1rc1');
    repo.write('a', '2');
    repo.commit('2');
    repo.tag('open-release/sumac.2a');
    repo.git('checkout', '-q', '-b', 'other');
    repo.write('a', '3');
    repo.commit('3');
    repo.tag('release/teak.1');
    repo.git('checkout', '-q', 'master');
    repo.write('a', '4');
    repo.commit('4');
    repo.tag('release/ulmo.1'); // at HEAD: the release being built, not the previous one
    const ctx = contextFor(repo.dir);
    expect(await baselineTag(ctx, { beforeHead: true })).toMatchObject({ name: 'open-release/sumac.2a' });
    expect(await baselineTag(ctx)).toMatchObject({ name: 'release/ulmo.1' });
    // A version tag counts as much as a release tag; a tag that is no version does not.
    repo.write('a', '5');
    repo.commit('5');
    // Tagged later than ulmo.1 (whose tag is its commit's time): an annotated tag made in 2030.
    execFileSync('git', ['tag', '-a', 'v1.4.1', '-m', 'v1.4.1'], { cwd: repo.dir, env: { ...process.env, GIT_COMMITTER_NAME: 'T', GIT_COMMITTER_EMAIL: 't@example.com', GIT_COMMITTER_DATE: '2030-01-01T00:00:00Z' } });
    repo.write('a', '6');
    repo.commit('6');
    repo.tag('vendor-drop');
    expect(await baselineTag(contextFor(repo.dir), { beforeHead: true })).toMatchObject({ name: 'v1.4.1', version: '1.4.1' });
  });
});

describe('changelog rules together', () => {
  it('list C001 to C006 in order', () => {
    expect(CHANGELOG_RULES.map((r) => r.meta.id)).toEqual(['OEP45-C001', 'OEP45-C002', 'OEP45-C003', 'OEP45-C004', 'OEP45-C005', 'OEP45-C006']);
  });
});
