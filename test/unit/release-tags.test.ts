// Tag templates (the Open edX scheme and .oep45.yml's `tags`), registries and references.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ReleaseContext } from '../../src/model/release.js';
import { DEFAULT_TAGS, PLACEHOLDERS, TEMPLATE_KINDS, kindTags } from '../../src/release/templates.js';
import { imageRepository, normaliseRegistry, parseReference } from '../../src/release/references.js';
import { oep45Schema } from '../../src/config/oep45-yml.js';
import { loadProject } from '../../src/config/load-project.js';

const SHA = '8f1c3a9e5b7d2f4061a8c9e3b5d7f1a2c4e6b8d0';

function context(over: Partial<ReleaseContext> & Pick<ReleaseContext, 'kind'>): ReleaseContext {
  return {
    reason: 'test',
    eventName: 'push',
    ref: 'refs/heads/master',
    sha: SHA,
    date: '2024-05-01',
    created: '2024-04-30T10:00:00.000Z',
    defaultBranch: 'master',
    publishable: over.kind !== 'none' && over.kind !== 'pull-request',
    ...over,
  };
}

const tags = (c: ReleaseContext, configured: Record<string, unknown> = {}): string[] => kindTags(c, configured).map((t) => t.tag);

describe('the default Open edX scheme', () => {
  it.each<[string, ReleaseContext, string[]]>([
    ['master', context({ kind: 'master' }), ['latest', 'master', SHA, 'sha-8f1c3a9']],
    ['main as default branch', context({ kind: 'master', ref: 'refs/heads/main', defaultBranch: 'main' }), ['latest', 'main', SHA, 'sha-8f1c3a9']],
    ['nightly', context({ kind: 'nightly' }), ['latest', 'master', SHA, 'sha-8f1c3a9', '2024-05-01']],
    ['old-scheme release line', context({ kind: 'release-line', ref: 'refs/heads/open-release/sumac.master', release: { scheme: 'open-release', name: 'sumac' } }), ['sumac', SHA]],
    ['new-scheme release line', context({ kind: 'release-line', ref: 'refs/heads/release/teak', release: { scheme: 'release', name: 'teak' } }), ['teak', SHA]],
    [
      'newest named release',
      context({ kind: 'named-release', ref: 'refs/tags/open-release/sumac.2', release: { scheme: 'open-release', name: 'sumac', number: '2', version: 'sumac.2', newest: true } }),
      ['sumac.2', SHA, 'sumac'],
    ],
    [
      'older named release: the moving tag stays',
      context({ kind: 'named-release', ref: 'refs/tags/open-release/sumac.1', release: { scheme: 'open-release', name: 'sumac', number: '1', version: 'sumac.1', newest: false } }),
      ['sumac.1', SHA],
    ],
    [
      'new-scheme named release',
      context({ kind: 'named-release', ref: 'refs/tags/release/teak.1', release: { scheme: 'release', name: 'teak', number: '1', version: 'teak.1', newest: true } }),
      ['teak.1', SHA, 'teak'],
    ],
    [
      'rc release',
      context({ kind: 'named-release', ref: 'refs/tags/open-release/sumac.1rc1', release: { scheme: 'open-release', name: 'sumac', number: '1rc1', version: 'sumac.1rc1', newest: false } }),
      ['sumac.1rc1', SHA],
    ],
    [
      'letter release',
      context({ kind: 'named-release', ref: 'refs/tags/open-release/koa.2a', release: { scheme: 'open-release', name: 'koa', number: '2a', version: 'koa.2a', newest: true } }),
      ['koa.2a', SHA, 'koa'],
    ],
    ['pull request', context({ kind: 'pull-request', ref: 'refs/pull/12/merge', pullRequest: { number: 12, fromFork: true } }), ['pr-12']],
    ['not a publishing ref', context({ kind: 'none', ref: 'refs/tags/v1.2.3' }), []],
  ])('%s', (_, c, expected) => {
    expect(tags(c)).toEqual(expected);
  });

  it('a release never gets latest', () => {
    const c = context({ kind: 'named-release', ref: 'refs/tags/release/teak.1', release: { scheme: 'release', name: 'teak', number: '1', version: 'teak.1', newest: true } });
    expect(tags(c)).not.toContain('latest');
  });

  it("a named release's own tags are immutable; the moving and SHA tags are not", () => {
    const c = context({ kind: 'named-release', ref: 'refs/tags/release/teak.1', release: { scheme: 'release', name: 'teak', number: '1', version: 'teak.1', newest: true } });
    expect(kindTags(c, {})).toEqual([
      { tag: 'teak.1', immutable: true },
      { tag: SHA, immutable: false },
      { tag: 'teak', immutable: false },
    ]);
    expect(kindTags(context({ kind: 'master' }), {}).some((t) => t.immutable)).toBe(false);
  });
});

describe('.oep45.yml tags', () => {
  const teak2 = context({ kind: 'named-release', ref: 'refs/tags/release/teak.2', release: { scheme: 'release', name: 'teak', number: '2', version: 'teak.2', newest: false } });

  it.each<[string, ReleaseContext, Record<string, unknown>, string[]]>([
    ['a kind replaced', context({ kind: 'master' }), { master: ['edge', 'sha-{sha7}'] }, ['edge', 'sha-8f1c3a9']],
    ['other kinds keep the default', context({ kind: 'nightly' }), { master: ['edge'] }, ['latest', 'master', SHA, 'sha-8f1c3a9', '2024-05-01']],
    ['the edxops dated convention', context({ kind: 'nightly' }), { nightly: ['latest', '{date}'] }, ['latest', '2024-05-01']],
    ['an empty list: no tags', context({ kind: 'pull-request', ref: 'refs/pull/3/merge', pullRequest: { number: 3, fromFork: false } }), { 'pull-request': [] }, []],
    ['duplicates once', context({ kind: 'master' }), { master: ['latest', '{branch}', 'master'] }, ['latest', 'master']],
    ['a release line with its branch', context({ kind: 'release-line', ref: 'refs/heads/release/teak', release: { scheme: 'release', name: 'teak' } }), { 'release-line': ['{branch}', '{release}-{date}'] }, ['release-teak', 'teak-2024-05-01']],
    ['moving tags are any without an identifying placeholder', teak2, { 'named-release': ['{version}', '{release}-latest', '{release}-{sha7}', 'v{number}'] }, ['teak.2', 'teak-8f1c3a9', 'v2']],
  ])('%s', (_, c, configured, expected) => {
    expect(tags(c, configured)).toEqual(expected);
  });

  it.each<[string, ReleaseContext, Record<string, unknown>, string]>([
    ['an unknown placeholder', context({ kind: 'master' }), { master: ['{commit}'] }, '.oep45.yml tags.master[0]: "{commit}" uses {commit}, which is not a placeholder'],
    ['a placeholder the kind does not have', context({ kind: 'master' }), { master: ['latest', '{release}'] }, '.oep45.yml tags.master[1]: "{release}" uses {release}, which this kind of build does not have ({branch}, {sha}, {sha7}, {date})'],
    ['a character no tag has', context({ kind: 'master' }), { master: ['v1+{sha7}'] }, '.oep45.yml tags.master[0]: "v1+{sha7}" contains "+", which a tag cannot contain ([A-Za-z0-9_.-])'],
    ['a tag starting with a dot', context({ kind: 'master' }), { master: ['.{branch}'] }, '.oep45.yml tags.master[0]: ".{branch}" gives ".master" (from the branch name master), which is not a valid tag'],
    ['a tag longer than 128', context({ kind: 'master' }), { master: ['{sha}{sha}{sha}{sha}'] }, 'which is not a valid tag ([A-Za-z0-9_][A-Za-z0-9_.-]{0,127})'],
    ['no SHA to put in', context({ kind: 'master', sha: '' }), {}, 'the default master tags: "{sha}" needs {sha}, which is unknown for this build (pass --sha: there is no commit to take it from (not a git repository, or one with no commit yet))'],
    ['a default branch that cannot be a tag', context({ kind: 'master', ref: 'refs/heads/+hot', defaultBranch: '+hot' }), {}, 'the default master tags: "{branch}" gives "+hot" (from the branch name +hot), which is not a valid tag'],
  ])('refuses %s', (_, c, configured, message) => {
    expect(() => kindTags(c, configured)).toThrow(message);
  });

  it('the schema allows exactly the placeholders each kind has, and documents the defaults', () => {
    const props = (oep45Schema as { properties: { tags: { properties: Record<string, { description: string; items: { pattern: string } }> } } }).properties.tags.properties;
    expect(Object.keys(props)).toEqual([...TEMPLATE_KINDS]);
    for (const kind of TEMPLATE_KINDS) {
      expect(props[kind]!.items.pattern).toBe(`^(?:[A-Za-z0-9_.-]|\\{(?:${PLACEHOLDERS[kind].join('|')})\\})+$`);
      expect(props[kind]!.description).toContain(`Default: \`[${DEFAULT_TAGS[kind].join(', ')}]\`.`);
    }
  });

  it.each([
    ['tags:\n  nightly: [latest, "{release}"]\n', '.oep45.yml:2:21: `tags.nightly.1` must match ^(?:[A-Za-z0-9_.-]|\\{(?:branch|sha|sha7|date)\\})+$'],
    ['tags:\n  nigthly: [latest]\n', '.oep45.yml:2:3: unknown key `nigthly` in `tags`'],
    ['tags:\n  master: latest\n', '.oep45.yml:2:11: `tags.master` must be a list'],
  ])('a bad tags section stops at its line: %j', (yml, message) => {
    const dir = mkdtempSync(join(tmpdir(), 'oep45-tags-'));
    writeFileSync(join(dir, '.oep45.yml'), yml);
    let error: unknown;
    try {
      loadProject({ mode: 'plan', dir, event: {}, secrets: [], credentials: [] });
    } catch (e) {
      error = e;
    }
    expect(String(error)).toBe(message);
  });
});

describe('registries', () => {
  it.each([
    ['docker.io/openedx', 'docker.io/openedx'],
    ['openedx', 'docker.io/openedx'],
    ['OpenEdX', 'docker.io/openedx'],
    ['index.docker.io/openedx', 'docker.io/openedx'],
    ['registry-1.docker.io/openedx', 'docker.io/openedx'],
    ['docker.io/openedx/', 'docker.io/openedx'],
    ['ghcr.io/OpenEdX', 'ghcr.io/openedx'],
    ['GHCR.io/my-org/images', 'ghcr.io/my-org/images'],
    ['localhost:5000', 'localhost:5000'],
    ['127.0.0.1:5000/ns', '127.0.0.1:5000/ns'],
    ['localhost/ns', 'localhost/ns'],
    ['ghcr.io', 'ghcr.io'],
  ])('%s → %s', (entry, expected) => {
    expect(normaliseRegistry(entry, 'registries')).toBe(expected);
  });

  it.each([
    ['docker.io', 'registries: "docker.io" names Docker Hub without a namespace; write e.g. docker.io/openedx'],
    ['https://ghcr.io/org', 'registries: "https://ghcr.io/org" must be a registry and namespace without a scheme'],
    ['ghcr.io/org:latest', 'registries: "ghcr.io/org:latest" must be a registry and namespace, without a tag or digest'],
    ['ghcr.io/org@sha256:abc', 'without a tag or digest'],
    ['ghcr.io/my org', 'registries: "ghcr.io/my org" is not a valid repository name: "my org" must be lower-case letters and digits'],
    ['ghcr.io/-org', 'is not a valid repository name'],
    ['bad_host.io/org', 'registries: "bad_host.io/org" has an invalid registry host "bad_host.io"'],
  ])('refuses %s', (entry, message) => {
    expect(() => normaliseRegistry(entry, 'registries')).toThrow(message);
  });

  it('image repositories are lower-cased and checked', () => {
    expect(imageRepository('docker.io/openedx', 'Credentials', 'image Credentials')).toBe('docker.io/openedx/credentials');
    expect(imageRepository(undefined, 'sample-ida', 'image sample-ida')).toBe('sample-ida');
    expect(() => imageRepository('ghcr.io/o', 'my_image!', 'image my_image!')).toThrow('image my_image!: "my_image!" is not a valid repository name');
  });
});

describe('references (the tags input)', () => {
  it.each([
    ['ghcr.io/openedx/credentials:pr-1', { repository: 'ghcr.io/openedx/credentials', tag: 'pr-1' }],
    ['openedx/credentials:Teak.1', { repository: 'docker.io/openedx/credentials', tag: 'Teak.1' }],
    ['credentials:dev', { repository: 'credentials', tag: 'dev' }],
    ['localhost:5000/credentials:x', { repository: 'localhost:5000/credentials', tag: 'x' }],
    ['index.docker.io/OpenEdX/credentials:x', { repository: 'docker.io/openedx/credentials', tag: 'x' }],
  ])('%s', (ref, expected) => {
    expect(parseReference(ref, 'tags')).toEqual(expected);
  });

  it.each([
    ['ghcr.io/openedx/credentials', 'tags: "ghcr.io/openedx/credentials" has no tag; write it as repository:tag'],
    ['localhost:5000/credentials', 'has no tag'],
    ['ghcr.io/o/c@sha256:0123', 'tags: "ghcr.io/o/c@sha256:0123" is a digest reference; give a tag'],
    ['ghcr.io/o/c:.hidden', 'tags: ".hidden" in "ghcr.io/o/c:.hidden" is not a valid tag'],
    ['ghcr.io/o/c:a+b', 'is not a valid tag'],
  ])('refuses %s', (ref, message) => {
    expect(() => parseReference(ref, 'tags')).toThrow(message);
  });
});
