// Small services written to temporary folders, and a way to run one rule (or all) over them with
// the real project loader and check context — the same path `oep45 check` takes.

import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { loadProject } from '../../src/config/load-project.js';
import { createCheckContext, type CheckContext } from '../../src/checks/context.js';
import { runChecks } from '../../src/checks/run-checks.js';
import type { Rule } from '../../src/checks/rule.js';
import type { Finding } from '../../src/model/finding.js';
import type { ReleaseContext } from '../../src/model/release.js';

export type Files = Record<string, string | Buffer>;

export function writeFiles(dir: string, files: Files): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

/** A temporary service with these files, optionally on top of a copy of `from`. */
export function makeService(files: Files, from?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'oep45-svc-'));
  if (from) cpSync(from, dir, { recursive: true });
  writeFiles(dir, files);
  return dir;
}

export interface RunOptions {
  release?: ReleaseContext;
  releaseOverride?: string;
}

export function contextFor(dir: string, options: RunOptions = {}): CheckContext {
  const project = loadProject({ mode: 'check', dir, event: {}, secrets: [], credentials: [] });
  return createCheckContext(project, options);
}

/** Findings of `rules` over the service at `dir`. */
export async function runRules(dir: string, rules: readonly Rule[], options: RunOptions = {}): Promise<Finding[]> {
  return (await runChecks(contextFor(dir, options), rules)).findings;
}

/** A named-release context such as the release module makes for a `release/<name>.<N>` tag. */
export function namedRelease(tag: string): ReleaseContext {
  const m = /^(open-release|release)\/([a-z]+)\.(.+)$/.exec(tag)!;
  return {
    kind: 'named-release',
    reason: `release tag ${tag}`,
    eventName: 'push',
    ref: `refs/tags/${tag}`,
    sha: '0'.repeat(40),
    date: '2025-02-01',
    created: '2025-02-01T00:00:00Z',
    defaultBranch: 'master',
    release: { name: m[2]!, number: m[3]!, scheme: m[1] as 'open-release' | 'release', version: `${m[2]}.${m[3]}` },
    publishable: true,
  };
}

/** `file:line rule` of each finding, short enough to compare in tables. */
export function brief(findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.file}:${f.line} ${f.rule} ${f.severity}`);
}
