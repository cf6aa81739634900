// The files of a project's working tree as the settings model and project discovery read them:
// a file's text (undefined when it is missing, not a file, or refused: a link out of the
// repository, a FIFO, too large — see src/files/repo-files.ts) and a folder's names.

import { repoFiles, type RepoFiles } from '../files/repo-files.js';
import type { FileSource } from './model.js';

export function workingTree(root: string | RepoFiles): FileSource {
  const files = typeof root === 'string' ? repoFiles(root) : root;
  return {
    read: (rel) => files.read(rel),
    list: (rel) => files.list(rel),
  };
}
