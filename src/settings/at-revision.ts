// The settings package as it was at a git revision (e.g. the previous release tag), read through
// the git adapter and handed to the same model loader as the working tree.

import type { Git } from '../git/git.js';
import { loadSettingsModel, type SettingsModel } from './model.js';

/**
 * `prefix` is the project root relative to the repository's top ('' at the top); `dir` the settings
 * package relative to the project root. Undefined when the package did not exist at `rev`.
 */
export async function settingsAtRevision(git: Git, rev: string, prefix: string, dir: string): Promise<SettingsModel | undefined> {
  const inRepo = (rel: string): string => (prefix ? `${prefix}/${rel}` : rel);
  const paths = await git.listFiles(rev, inRepo(dir));
  const names = paths.map((p) => p.slice(inRepo(dir).length + 1)).filter((n) => n.endsWith('.py') && !n.includes('/'));
  if (!names.length) return undefined;
  const texts = new Map<string, string>();
  await Promise.all(
    names.map(async (name) => {
      const text = await git.showFile(rev, inRepo(`${dir}/${name}`));
      if (text !== undefined) texts.set(`${dir}/${name}`, text);
    }),
  );
  return loadSettingsModel({ read: (rel) => texts.get(rel), list: (rel) => (rel === dir ? [...names].sort() : []) }, dir);
}
