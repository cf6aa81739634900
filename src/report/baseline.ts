// Findings against a baseline: which are new, which are known (the baseline lists them), and what
// the baseline lists that is gone (fixed). Findings with the same key are counted: when there are
// more than the baseline's count, the extra ones are new — those on lines the pull request changed
// first, then the last ones in the file. Also what `oep45 baseline` writes (every finding) and what
// `--update` keeps (what the baseline lists and still exists, never more).

import type { Finding } from '../model/finding.js';
import { keyId, type FindingKey } from '../model/fingerprint.js';
import type { Baseline, BaselineEntry } from './baseline-file.js';

export type BaselineState = 'new' | 'unchanged';

export interface FixedEntry extends BaselineEntry {
  /** How many of the entry's `count` no finding matched. */
  fixed: number;
}

export interface BaselineComparison {
  /** The baseline's path, relative to the project root. */
  file: string;
  new: number;
  known: number;
  fixed: number;
  /** What the baseline lists that no finding matched, in the baseline's order. */
  fixedEntries: FixedEntry[];
  states: Map<Finding, BaselineState>;
}

function groupByKey(findings: readonly Finding[], keys: ReadonlyMap<Finding, FindingKey>): Map<string, { key: FindingKey; findings: Finding[] }> {
  const groups = new Map<string, { key: FindingKey; findings: Finding[] }>();
  for (const finding of findings) {
    const key = keys.get(finding);
    if (!key) continue;
    const id = keyId(key);
    const group = groups.get(id) ?? { key, findings: [] };
    group.findings.push(finding);
    groups.set(id, group);
  }
  return groups;
}

/**
 * Compares `findings` (in report order) with `baseline`. `preferNew` says which findings to call
 * new first when a key has more findings than the baseline counts (the ones on changed lines).
 */
export function compareWithBaseline(
  findings: readonly Finding[],
  keys: ReadonlyMap<Finding, FindingKey>,
  baseline: Baseline,
  preferNew: (finding: Finding) => boolean = () => false,
): BaselineComparison {
  const counts = new Map(baseline.entries.map((e) => [keyId(e), e]));
  const states = new Map<Finding, BaselineState>();
  const used = new Map<string, number>();
  for (const [id, group] of groupByKey(findings, keys)) {
    const allowed = counts.get(id)?.count ?? 0;
    used.set(id, Math.min(allowed, group.findings.length));
    const extra = group.findings.length - allowed;
    // The new ones: preferred first, then from the end of the file.
    const order = group.findings.map((f, i) => ({ f, i })).sort((a, b) => Number(preferNew(b.f)) - Number(preferNew(a.f)) || b.i - a.i);
    const fresh = new Set(order.slice(0, Math.max(0, extra)).map((o) => o.f));
    for (const f of group.findings) states.set(f, fresh.has(f) ? 'new' : 'unchanged');
  }
  const fixedEntries: FixedEntry[] = [];
  for (const entry of baseline.entries) {
    const fixed = entry.count - (used.get(keyId(entry)) ?? 0);
    if (fixed > 0) fixedEntries.push({ ...entry, fixed });
  }
  let fresh = 0;
  for (const state of states.values()) if (state === 'new') fresh++;
  return {
    file: baseline.file,
    new: fresh,
    known: states.size - fresh,
    fixed: fixedEntries.reduce((n, e) => n + e.fixed, 0),
    fixedEntries,
    states,
  };
}

/** Every finding, as `oep45 baseline` writes them. */
export function entriesOf(findings: readonly Finding[], keys: ReadonlyMap<Finding, FindingKey>): Omit<BaselineEntry, 'line'>[] {
  return [...groupByKey(findings, keys).values()].map(({ key, findings: group }) => ({ ...key, count: group.length }));
}

/** What `--update` keeps: each entry's count lowered to the findings still there; none added. */
export function prunedEntries(baseline: Baseline, findings: readonly Finding[], keys: ReadonlyMap<Finding, FindingKey>): Omit<BaselineEntry, 'line'>[] {
  const groups = groupByKey(findings, keys);
  return baseline.entries.flatMap(({ line: _line, ...entry }) => {
    const count = Math.min(entry.count, groups.get(keyId(entry))?.findings.length ?? 0);
    return count > 0 ? [{ ...entry, count }] : [];
  });
}

/** "1 new, 311 known, 2 fixed since the baseline" */
export function baselineSentence(c: Pick<BaselineComparison, 'new' | 'known' | 'fixed'>): string {
  return `${c.new} new, ${c.known} known, ${c.fixed} fixed since the baseline`;
}
