// The pure parts of the release steps (scripts/release*.mjs): our CHANGELOG.md cut into its
// sections, the Unreleased section made a release, a line added under Unreleased, keep-a-
// changelog's links made again, and which tags and dist-tags a version gets.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addUnreleased, compareVersions, prepareRelease, releaseNotes, releasedVersions } from '../../scripts/release-changelog.mjs';
import { isNewest, majorTag, npmDistTag, tagVersion } from '../../scripts/release.mjs';
import { REPO_ROOT } from '../helpers/action.js';

const URL = 'https://github.com/openedx/oep45-action';
const LOG = [
  '# Changelog',
  '',
  '## [Unreleased]',
  '',
  '### Fixed',
  '',
  '- The thing.',
  '',
  '## [1.1.0] - 2025-03-01',
  '',
  '### Added',
  '',
  '- `oep45 init`.',
  '  On two lines.',
  '',
  '## [1.0.0] - 2025-01-10',
  '',
  '- First.',
  '',
  `[Unreleased]: ${URL}/compare/v1.1.0...HEAD`,
  `[1.1.0]: ${URL}/compare/v1.0.0...v1.1.0`,
  `[1.0.0]: ${URL}/releases/tag/v1.0.0`,
  '',
].join('\n');

describe('releaseNotes', () => {
  it.each([
    ['1.1.0', '### Added\n\n- `oep45 init`.\n  On two lines.'],
    ['1.0.0', '- First.'],
  ])('%s: its section, without the heading or the links', (version, notes) => {
    expect(releaseNotes(LOG, version)).toBe(notes);
  });

  it.each([
    ['2.0.0', LOG, /no section "## \[2\.0\.0\] - YYYY-MM-DD"/],
    ['1.0.0', LOG.replace('## [1.0.0] - 2025-01-10', '## [1.0.0]'), /needs its date/],
    ['1.0.0', LOG.replace('- First.\n', ''), /the section of 1\.0\.0 is empty/],
  ])('%s: refused', (version, text, error) => {
    expect(() => releaseNotes(text, version)).toThrow(error);
  });

  it("this repository's own changelog parses", () => {
    const ours = readFileSync(join(REPO_ROOT, 'CHANGELOG.md'), 'utf8');
    expect(() => releasedVersions(ours)).not.toThrow();
  });
});

describe('prepareRelease', () => {
  it('Unreleased becomes the release, and the links follow the headings', () => {
    const text = prepareRelease(LOG, '1.2.0', '2025-06-02');
    expect(text).toContain('\n## [1.2.0] - 2025-06-02\n\n### Fixed\n\n- The thing.\n\n## [1.1.0]');
    expect(text).not.toContain('Unreleased');
    expect(text.endsWith(`\n\n[1.2.0]: ${URL}/compare/v1.1.0...v1.2.0\n[1.1.0]: ${URL}/compare/v1.0.0...v1.1.0\n[1.0.0]: ${URL}/releases/tag/v1.0.0\n`)).toBe(true);
    expect(releaseNotes(text, '1.2.0')).toBe('### Fixed\n\n- The thing.');
  });

  it.each([
    ['1.1.0', '2025-06-02', LOG, /1\.1\.0 is not newer than 1\.1\.0/],
    ['1.0.5', '2025-06-02', LOG, /not newer than 1\.1\.0/],
    ['1.2', '2025-06-02', LOG, /not a version/],
    ['1.2.0', '2 June', LOG, /not a date/],
    ['1.2.0', '2025-06-02', LOG.replace('### Fixed\n\n- The thing.\n\n', ''), /nothing under "## \[Unreleased\]"/],
    ['1.2.0', '2025-06-02', LOG.replace('## [Unreleased]', '## [Next]'), /nothing under "## \[Unreleased\]"/],
  ])('%s on %s: refused', (version, date, text, error) => {
    expect(() => prepareRelease(text, version, date)).toThrow(error);
  });

  it('the first release links to its tag', () => {
    const first = prepareRelease('# Changelog\n\n## [Unreleased]\n\n- All of it.\n', '0.1.0', '2025-06-02');
    expect(first).toBe(`# Changelog\n\n## [0.1.0] - 2025-06-02\n\n- All of it.\n\n[0.1.0]: ${URL}/releases/tag/v0.1.0\n`);
  });
});

describe('addUnreleased', () => {
  const released = prepareRelease(LOG, '1.2.0', '2025-06-02');
  it.each([
    {
      name: 'no Unreleased: made above the newest release, with its link',
      text: released,
      heading: 'Changed',
      expected: `# Changelog\n\n## [Unreleased]\n\n### Changed\n\n- Pinned.\n\n## [1.2.0] - 2025-06-02`,
      link: `[Unreleased]: ${URL}/compare/v1.2.0...HEAD`,
    },
    {
      name: 'a new heading at the end of Unreleased',
      text: LOG,
      heading: 'Changed',
      expected: '## [Unreleased]\n\n### Fixed\n\n- The thing.\n\n### Changed\n\n- Pinned.\n\n## [1.1.0]',
      link: `[Unreleased]: ${URL}/compare/v1.1.0...HEAD`,
    },
    {
      name: 'under the heading that exists, after its last item',
      text: LOG,
      heading: 'Fixed',
      expected: '## [Unreleased]\n\n### Fixed\n\n- The thing.\n- Pinned.\n\n## [1.1.0]',
      link: `[Unreleased]: ${URL}/compare/v1.1.0...HEAD`,
    },
  ])('$name', (c) => {
    const text = addUnreleased(c.text, c.heading, 'Pinned.');
    expect(text).toContain(c.expected);
    expect(text).toContain(`\n${c.link}\n`);
    expect(text.match(/^\[Unreleased\]:/gm)).toHaveLength(1);
  });
});

describe('versions and tags', () => {
  it.each([
    ['1.10.0', '1.9.0', 1],
    ['1.0.0', '1.0.0', 0],
    ['1.0.0-rc.1', '1.0.0', -1],
    ['1.0.0-rc.10', '1.0.0-rc.9', 1],
    ['2.0.0', '10.0.0', -1],
  ])('%s against %s', (a, b, sign) => {
    expect(compareVersions(a, b)).toBe(sign);
  });

  it.each([
    ['v1.2.0', '1.2.0', 'v1'],
    ['v12.0.3-rc.1', '12.0.3-rc.1', 'v12'],
  ])('%s', (tag, version, major) => {
    expect(tagVersion(tag)).toBe(version);
    expect(majorTag(version)).toBe(major);
  });

  it.each(['1.2.0', 'v1', 'v1.2', 'release/v1.2.0'])('%s is not a release tag', (tag) => {
    expect(() => tagVersion(tag)).toThrow(/is not a release tag vX\.Y\.Z/);
  });

  const tagged = ['1.0.0', '1.1.0', '2.0.0', '2.1.0-rc.1'];
  it.each([
    ['2.0.1', 'latest', true, true],
    ['2.1.0-rc.2', 'next', false, false],
    ['1.1.1', 'latest-1', false, true],
    ['1.0.1', 'latest-1', false, false],
  ])('%s: npm dist-tag %s, newest %s, newest of its major %s', (version, distTag, newest, newestOfMajor) => {
    expect(npmDistTag(version, [...tagged, version])).toBe(distTag);
    expect(isNewest(version, [...tagged, version])).toBe(newest);
    expect(isNewest(version, [...tagged, version], true)).toBe(newestOfMajor);
  });
});
