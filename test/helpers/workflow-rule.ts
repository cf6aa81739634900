// Runs one W-rule (through the real rule runner) on workflow files written to a temp project,
// for the table-driven tests of each rule.

import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { loadProject } from '../../src/config/load-project.js';
import { createCheckContext } from '../../src/checks/context.js';
import { runChecks } from '../../src/checks/run-checks.js';
import type { Rule } from '../../src/checks/rule.js';
import type { Finding } from '../../src/model/finding.js';

export function tempRepo(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'oep45-wf-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/** Findings of `rule` on a repository whose only workflow is `text` (or the given files). */
export async function runRule(rule: Rule, text: string | Record<string, string>): Promise<Finding[]> {
  const files = typeof text === 'string' ? { '.github/workflows/ci.yml': text } : text;
  const root = tempRepo(files);
  const project = loadProject({ mode: 'check', dir: root, event: {}, secrets: [], credentials: [] });
  const outcome = await runChecks(createCheckContext(project), [rule]);
  return outcome.findings;
}

/** `line:severity` of each finding, the shape most rule tables compare. */
export function where(findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.file}:${f.line}:${f.severity}`);
}

/** A minimal valid workflow around `jobs` text (indented two spaces under `jobs:`). */
export function workflow(jobsBody: string, head = 'on: push\npermissions: {}\n'): string {
  return `${head}jobs:\n${jobsBody}`;
}
