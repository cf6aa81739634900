// Findings name files relative to the project root; GitHub and SARIF want them relative to the
// workspace (the repository checkout), which differs when the project is a subfolder.

import { existsSync } from 'node:fs';
import { dirname, relative, join } from 'node:path';

export function workspacePath(projectRoot: string, file: string, workspace: string): string {
  const rel = relative(workspace, join(projectRoot, file));
  return rel.split('\\').join('/');
}

/**
 * The checkout the project lives in: the nearest folder from the project root up to the
 * workspace that holds `.git`, else the workspace. GitHub places annotations by path within the
 * repository, and a repository checked out into a subfolder of the workspace (as the reusable
 * workflow does, keeping its own checkout beside it) is not the workspace itself.
 */
export function repositoryRoot(projectRoot: string, workspace: string, exists: (path: string) => boolean = existsSync): string {
  const stop = relative(workspace, projectRoot);
  if (stop.startsWith('..')) return workspace;
  for (let dir = projectRoot; ; dir = dirname(dir)) {
    if (exists(join(dir, '.git'))) return dir;
    if (relative(workspace, dir) === '' || dirname(dir) === dir) return workspace;
  }
}
