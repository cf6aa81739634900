// Finds the OEP-45 parts of a single-service repository when no config names them: the root
// Dockerfile, the Django settings package, the changelog.

import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SKIP = new Set(['node_modules', '.git', '.tox', 'venv', '.venv', 'docs', 'test', 'tests', 'build', 'dist']);

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * A `settings` package with an OEP-45 `required.py`/`defaults.py` or a legacy `base.py`,
 * searched at the root and two levels down (e.g. `credentials/settings`). Returns its path.
 */
export function findSettingsDir(root: string): string | undefined {
  const candidates: string[] = [];
  const visit = (rel: string, depth: number): void => {
    const abs = rel ? join(root, rel) : root;
    let entries: string[];
    try {
      entries = readdirSync(abs).sort();
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry.startsWith('.') || SKIP.has(entry)) continue;
      const childRel = rel ? `${rel}/${entry}` : entry;
      if (!isDir(join(root, childRel))) continue;
      if (entry === 'settings') {
        const files = readdirSync(join(root, childRel));
        if (files.some((f) => ['required.py', 'defaults.py', 'base.py', 'production.py'].includes(f))) {
          candidates.push(childRel);
        }
      } else if (depth < 2) {
        visit(childRel, depth + 1);
      }
    }
  };
  visit('', 0);
  return candidates.sort((a, b) => a.split('/').length - b.split('/').length || a.localeCompare(b))[0];
}

const CHANGELOGS = ['CHANGELOG.rst', 'CHANGELOG.md', 'CHANGES.rst', 'CHANGES.md', 'HISTORY.rst', 'changelog.d'];

export function findChangelog(root: string): string | undefined {
  return CHANGELOGS.find((name) => existsSync(join(root, name)));
}

export function hasRootDockerfile(root: string): boolean {
  return existsSync(join(root, 'Dockerfile'));
}
