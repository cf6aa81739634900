// What the reports need to know about each finding beyond what its rule said: its fingerprint,
// whether the baseline lists it (new or known), and whether a pull request changed its line.
// The pipeline calls this once the checks are done; the edges only read the answers.

import type { EventInputs } from '../config/inputs.js';
import type { Finding } from '../model/finding.js';
import { DEFAULT_BASELINE, type Project } from '../model/project.js';
import { findingKey, fingerprint, type FindingKey } from '../model/fingerprint.js';
import { UserError } from '../util/errors.js';
import { readBaseline, type Baseline } from './baseline-file.js';
import { compareWithBaseline, type BaselineComparison } from './baseline.js';
import { isOnChangedLines, pullRequestChanges, pullRequestRange, type ChangesOutcome } from './changed-lines.js';

export interface Triage {
  keys: Map<Finding, FindingKey>;
  baseline?: BaselineComparison;
  /** Set on a pull request: its changed lines, or the notice saying why they are unknown. */
  changes?: ChangesOutcome;
}

/**
 * The baseline the run compares with: undefined when there is none and none is needed. A missing
 * one is an error when `fail-on: new` needs it or the configuration names it.
 */
export function loadRunBaseline(project: Project): Baseline | undefined {
  const { file, named } = baselinePath(project);
  const baseline = readBaseline(project.root, file);
  if (baseline || (project.failOn !== 'new' && !named)) return baseline;
  const why = project.failOn === 'new' ? 'fail-on: new compares the findings with the baseline' : 'the configuration names the baseline';
  throw new UserError(`${why} ${file}, which does not exist: make it with \`oep45 baseline\` and commit it`);
}

export function baselinePath(project: Project): { file: string; named: boolean } {
  return project.baseline ?? { file: DEFAULT_BASELINE, named: false };
}

export async function triageFindings(
  findings: readonly Finding[],
  options: { project: Project; readFile: (rel: string) => string | undefined; baseline?: Baseline; event: EventInputs; env: NodeJS.ProcessEnv },
): Promise<Triage> {
  const keys = new Map<Finding, FindingKey>();
  for (const finding of findings) {
    const key = findingKey(finding, options.readFile(finding.file));
    keys.set(finding, key);
    finding.fingerprint = fingerprint(key);
  }
  const triage: Triage = { keys };
  const range = pullRequestRange(options.event, options.env);
  if (range) triage.changes = await pullRequestChanges(options.project.root, range, options.env);
  if (options.baseline) {
    const changed = triage.changes?.changed;
    triage.baseline = compareWithBaseline(findings, keys, options.baseline, (f) => isOnChangedLines(f, changed));
    for (const finding of findings) finding.baselineState = triage.baseline.states.get(finding);
  }
  return triage;
}
