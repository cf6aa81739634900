// Runs check rules over a real folder: a fixture, or a temporary project written from a table
// row ({ 'Dockerfile': '…', '.oep45.yml': '…' }). The same path as `oep45 check`, minus the edges.

import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { loadProject } from '../../src/config/load-project.js';
import { createCheckContext } from '../../src/checks/context.js';
import { runChecks } from '../../src/checks/run-checks.js';
import type { Rule } from '../../src/checks/rule.js';
import type { Finding } from '../../src/model/finding.js';
import type { Project } from '../../src/model/project.js';

export function writeProject(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'oep45-dockerfile-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

export function projectAt(dir: string): Project {
  return loadProject({ mode: 'check', dir, event: {}, secrets: [], credentials: [] });
}

export async function checkDir(dir: string, rules: readonly Rule[]): Promise<Finding[]> {
  return (await runChecks(createCheckContext(projectAt(dir)), rules)).findings;
}

export async function checkFiles(files: Record<string, string | Buffer>, rules: readonly Rule[]): Promise<Finding[]> {
  return checkDir(writeProject(files), rules);
}
