// The settings package as it was at a git revision (e.g. the previous release tag), read through
// the git adapter and handed to the same model loader as the working tree. The loader reads
// synchronously, so the files it will ask for are fetched first: the package's modules (helpers
// such as a yaml_config.py loader included), then, round by round, the repository modules they
// star-import — edx-platform's lms/envs brings openedx/envs/common.py along.

import type { Git } from '../git/git.js';
import type { SettingsPackage } from '../model/settings-package.js';
import { loadSettingsModel, type FileSource, type ParseCache, type SettingsModel } from './model.js';
import { starImportsOf } from './discover.js';
import { kindOf, SIZE_LIMITS } from '../files/limits.js';

const ROUNDS = 6;

/**
 * `prefix` is the project root relative to the repository's top ('' at the top); the package's
 * folder is relative to the project root. Undefined when the package did not exist at `rev`.
 */
export async function settingsAtRevision(
  git: Git,
  rev: string,
  prefix: string,
  spec: string | SettingsPackage,
  options: { cache?: ParseCache } = {},
): Promise<SettingsModel | undefined> {
  const pkg: SettingsPackage = typeof spec === 'string' ? { dir: spec, pointers: [], foundBy: 'config' } : spec;
  const inRepo = (rel: string): string => (prefix ? (rel === '.' ? prefix : `${prefix}/${rel}`) : rel);
  const fromRepo = (path: string): string => (prefix ? path.slice(prefix.length + 1) : path);
  const all = (await git.listFiles(rev, prefix || '.')).map(fromRepo);
  const existing = new Set(all);
  const inDir = (dir: string): string[] =>
    [...new Set(all.filter((f) => (dir === '.' ? !f.includes('/') : f.startsWith(`${dir}/`) && !f.slice(dir.length + 1).includes('/'))).map((f) => f.slice(f.lastIndexOf('/') + 1)))].sort();
  const names = inDir(pkg.dir).filter((n) => n.endsWith('.py'));
  if (!names.length) return undefined;
  const texts = new Map<string, string>();
  const fetch = async (files: string[]): Promise<void> => {
    await Promise.all(
      files.map(async (file) => {
        const text = await git.showFile(rev, inRepo(file), SIZE_LIMITS[kindOf(file)]);
        if (text !== undefined) texts.set(file, text);
      }),
    );
  };
  // Resolution sees every file of the revision; reads see what is fetched.
  const probe: FileSource = { read: (rel) => texts.get(rel) ?? (existing.has(rel) ? '' : undefined), list: inDir };
  await fetch(names.map((n) => (pkg.dir === '.' ? n : `${pkg.dir}/${n}`)));
  for (let round = 0; round < ROUNDS; round++) {
    const wanted = new Set<string>();
    for (const [file, text] of texts) {
      for (const target of starImportsOf(probe, file, text)) if (!texts.has(target)) wanted.add(target);
    }
    if (!wanted.size) break;
    await fetch([...wanted]);
  }
  return loadSettingsModel({ read: (rel) => texts.get(rel), list: inDir }, pkg, options);
}
