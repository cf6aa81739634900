// `oep45 config upgrade` and the release workflow's upgrade notes: the settings packages of a
// project at two revisions (two named releases, or any commits), compared package by package
// (edx-platform's lms/envs and cms/envs each on its own), with the new release's changelog entry
// that mentions each item. Packages are found at each revision the way discovery finds them in a
// working tree (revision-tree.ts runs it on the revision's files); their settings are read by the
// one revision reader (at-revision.ts) that OEP45-C006 uses.

import { realpathSync } from 'node:fs';
import { relative } from 'node:path';
import { Git } from '../git/git.js';
import type { SettingsPackage } from '../model/settings-package.js';
import { parseReleaseBranch, parseReleaseTag } from '../release/refs.js';
import { readChangelog } from '../checks/changelog/changelog.js';
import { UserError } from '../util/errors.js';
import { settingsAtRevision } from './at-revision.js';
import { discoverSettings } from './discover.js';
import type { ParseCache, SettingsModel } from './model.js';
import { RevisionTree } from './revision-tree.js';
import { packageUpgrade, type PackageUpgrade } from './upgrade.js';
import { changelogSpan, findMention, type ChangelogMention } from './upgrade-changelog.js';

export interface UpgradeRequest {
  /** The project root (absolute). */
  root: string;
  from: string;
  to: string;
  /** `--settings DIR`: this package only. */
  settings?: string;
  /** `settings:` of .oep45.yml. */
  configured?: string;
  /** The project's Dockerfiles, whose ENV DJANGO_SETTINGS_MODULE points Django too. */
  dockerfiles?: string[];
  /** The changelog's path from the project's config (else CHANGELOG.* at the root of `to`). */
  changelog?: string;
  env?: NodeJS.ProcessEnv;
}

export interface Revision {
  /** As the user gave it. */
  ref: string;
  commit: string;
  /** How the notes name it: `teak.1` for a release tag, `teak` for a release branch, else the ref. */
  label: string;
}

export interface PackageNotes extends PackageUpgrade {
  /** By item name (the new name of a rename): the changelog line that mentions it, or null. */
  mentions: Record<string, ChangelogMention | null>;
  /** Modules that do not parse at a revision: the notes may miss what they define. */
  problems: string[];
}

export interface UpgradeNotes {
  /** The project root relative to the repository's top ('' at the top), for links into the repository. */
  prefix: string;
  from: Revision;
  to: Revision;
  /** The changelog read at `to`, when it has one. */
  changelog?: string;
  packages: PackageNotes[];
}

export function revisionLabel(ref: string): string {
  const bare = ref.replace(/^refs\/(tags|heads)\//, '');
  const tag = parseReleaseTag(bare);
  if (tag) return tag.version!;
  const branch = parseReleaseBranch(bare);
  if (branch) return branch.name;
  return /^[0-9a-f]{40}$/.test(bare) ? bare.slice(0, 7) : bare;
}

async function resolve(git: Git, flag: string, ref: string, shallow: boolean): Promise<Revision> {
  if (!ref.trim() || ref.startsWith('-')) throw new UserError(`${flag}: "${ref}" is not a git ref`);
  const commit = await git.revParse(ref);
  if (!commit) {
    const hint = shallow ? ' (this is a shallow clone: fetch the tag, or clone with the whole history)' : '';
    throw new UserError(`${flag} ${ref}: no such tag, branch or commit in this repository${hint}`);
  }
  return { ref, commit, label: revisionLabel(ref) };
}

const CHANGELOG_NAMES = /^(CHANGELOG|CHANGES|HISTORY)(\.(rst|md|markdown|txt))?$/i;

async function discovered(tree: RevisionTree, configured: string | undefined, known: readonly string[] = []): Promise<SettingsPackage[]> {
  const dockerfiles = [...new Set([...known, ...tree.list('.').filter((n) => /^Dockerfile/.test(n))])].filter((f) => tree.exists(f));
  const found = await tree.settle(() => discoverSettings(tree.source(), { configured, dockerfiles }));
  return found.packages;
}

function normalize(dir: string): string {
  return dir.replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/+$/, '') || '.';
}

function parseProblems(model: SettingsModel | undefined, label: string): string[] {
  if (!model) return [];
  return [...model.modules.values()].filter((m) => m.syntaxError).map((m) => `${m.file} does not parse at ${label} (line ${m.syntaxError!.line}): what it defines there is missing from these notes`);
}

export async function upgradeNotes(request: UpgradeRequest): Promise<UpgradeNotes> {
  const git = new Git(request.root, request.env);
  const repository = await git.repository();
  if (!repository?.head) throw new UserError(`${request.root} is not in a git repository with commits: config upgrade compares two revisions of it`);
  const prefix = relative(realpathSync(repository.top), realpathSync(request.root)).split('\\').join('/');
  const from = await resolve(git, '--from', request.from, repository.shallow);
  const to = await resolve(git, '--to', request.to, repository.shallow);
  const [before, after] = await Promise.all([RevisionTree.at(git, from.commit, prefix), RevisionTree.at(git, to.commit, prefix)]);
  const [oldPackages, newPackages] = await Promise.all([discovered(before, request.configured, request.dockerfiles), discovered(after, request.configured, request.dockerfiles)]);

  // The packages an operator configures: shared ones (openedx/envs) are read through those that import them.
  const own = (list: SettingsPackage[]): SettingsPackage[] => (list.some((p) => !p.shared) ? list.filter((p) => !p.shared) : list);
  const dirs = [...new Set([...own(newPackages), ...own(oldPackages)].map((p) => p.dir))];
  let chosen = dirs;
  if (request.settings !== undefined) {
    // Any package may be chosen, a shared one (openedx/envs) too.
    const all = [...new Set([...newPackages, ...oldPackages].map((p) => p.dir))];
    chosen = all.filter((d) => d === normalize(request.settings!));
    if (!chosen.length) throw new UserError(`--settings ${request.settings}: not a settings package at ${from.label} or ${to.label}; the packages: ${all.join(', ') || 'none'}`);
  }
  if (!chosen.length) throw new UserError(`no settings package found at ${from.label} or ${to.label}: no DJANGO_SETTINGS_MODULE names one; name it with \`settings:\` in .oep45.yml`);

  const [log, old] = await Promise.all([changelogAt(after, request.changelog), changelogAt(before, request.changelog)]);
  const [fromTime, toTime] = await Promise.all([git.commitTime(from.commit), git.commitTime(to.commit)]);
  const shipped = old?.log.file ? old.log.entries.filter((e) => e.kind === 'release').map((e) => e.heading.text) : undefined;
  const span = log ? changelogSpan(log.log, log.texts, { from: from.ref, to: to.ref, fromDay: fromTime?.slice(0, 10), toDay: toTime?.slice(0, 10), shipped }) : undefined;

  const caches: [ParseCache, ParseCache] = [new Map(), new Map()];
  const packages: PackageNotes[] = [];
  for (const dir of chosen) {
    const oldPkg = oldPackages.find((p) => p.dir === dir) ?? { dir, pointers: [], foundBy: 'config' as const };
    const newPkg = newPackages.find((p) => p.dir === dir) ?? { dir, pointers: [], foundBy: 'config' as const };
    const [b, a] = await Promise.all([
      settingsAtRevision(git, from.commit, prefix, oldPkg, { cache: caches[0] }),
      settingsAtRevision(git, to.commit, prefix, newPkg, { cache: caches[1] }),
    ]);
    const upgrade = packageUpgrade(dir, b?.layout === 'unknown' ? undefined : b, a?.layout === 'unknown' ? undefined : a);
    const mentions: PackageNotes['mentions'] = {};
    for (const item of upgrade.items) {
      if (item.kind === 'layout') continue;
      mentions[item.name] = (span && (findMention(span, item.name) ?? (item.oldName ? findMention(span, item.oldName) : undefined))) ?? null;
    }
    packages.push({ ...upgrade, mentions, problems: [...parseProblems(b, from.label), ...parseProblems(a, to.label)] });
  }
  return { prefix, from, to, ...(log?.log.file || log?.log.fragmentsDir ? { changelog: log.log.file ?? log.log.fragmentsDir } : {}), packages };
}

async function changelogAt(tree: RevisionTree, configured: string | undefined) {
  const path = configured && tree.exists(configured) ? configured : tree.list('.').find((n) => CHANGELOG_NAMES.test(n));
  if (!path) return undefined;
  const files = {
    project: { changelog: path },
    readFile: (rel: string) => tree.read(rel),
    isDirectory: (rel: string) => tree.isDirectory(rel),
    list: (rel: string) => tree.list(rel),
    // Each round reads afresh: a memo would keep the first round's half-fetched answer.
    memo: <T>(_key: string, fn: () => T): T => fn(),
  };
  const log = await tree.settle(() => readChangelog(files));
  if (!log) return undefined;
  const texts = new Map<string, string>();
  if (log.file) texts.set(log.file, tree.read(log.file) ?? '');
  return { log, texts };
}
