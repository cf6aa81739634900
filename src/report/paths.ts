// Findings name files relative to the project root; GitHub and SARIF want them relative to the
// workspace (the repository checkout), which differs when the project is a subfolder.

import { relative, join } from 'node:path';

export function workspacePath(projectRoot: string, file: string, workspace: string): string {
  const rel = relative(workspace, join(projectRoot, file));
  return rel.split('\\').join('/');
}
