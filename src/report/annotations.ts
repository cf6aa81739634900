// Findings as GitHub annotations. GitHub shows at most 10 error, 10 warning and 10 notice
// annotations per step (and 50 per job) and silently drops the rest, in the order they were
// written — so which ones are written, and in what order, is chosen here: on a pull request the
// findings on lines it changed come first, then new findings (against the baseline), then errors,
// warnings and notices, each severity within its cap. With `fail-on: new` the known findings are
// not annotated at all. The job summary says how many were left out and where they all are.

import * as core from '@actions/core';
import type { Finding, Severity } from '../model/finding.js';
import { workspacePath } from './paths.js';

/** Annotations of each kind GitHub shows per step (actions/toolkit docs/problem-matchers.md). */
export const ANNOTATION_CAPS: Readonly<Record<Severity, number>> = { error: 10, warning: 10, notice: 10 };

const RANK: Record<Severity, number> = { error: 0, warning: 1, notice: 2 };

export interface AnnotationPlan {
  /** In the order to write them. */
  annotated: Finding[];
  /** Findings that could have been annotated (all, or the new ones under `fail-on: new`). */
  eligible: number;
  /** Of the eligible, how many were on changed lines. */
  onChangedLines: number;
}

export function planAnnotations(
  findings: readonly Finding[],
  options: { onlyNew: boolean; changed?: (finding: Finding) => boolean; caps?: Readonly<Record<Severity, number>> },
): AnnotationPlan {
  const caps = options.caps ?? ANNOTATION_CAPS;
  const changed = options.changed ?? (() => false);
  const eligible = options.onlyNew ? findings.filter((f) => f.baselineState === 'new') : [...findings];
  const ranked = eligible
    .map((f, index) => ({ f, index, changed: changed(f) }))
    .sort(
      (a, b) =>
        Number(b.changed) - Number(a.changed) ||
        Number(b.f.baselineState === 'new') - Number(a.f.baselineState === 'new') ||
        RANK[a.f.severity] - RANK[b.f.severity] ||
        a.index - b.index,
    );
  const used: Record<Severity, number> = { error: 0, warning: 0, notice: 0 };
  const annotated: Finding[] = [];
  for (const { f } of ranked) {
    if (used[f.severity] >= caps[f.severity]) continue;
    used[f.severity]++;
    annotated.push(f);
  }
  return { annotated, eligible: eligible.length, onChangedLines: ranked.filter((r) => r.changed).length };
}

export function annotate(findings: readonly Finding[], projectRoot: string, workspace: string): void {
  for (const f of findings) {
    const props: core.AnnotationProperties = {
      title: f.rule,
      file: workspacePath(projectRoot, f.file, workspace),
    };
    if (f.line > 0) props.startLine = f.line;
    if (f.line > 0 && f.column) props.startColumn = f.column;
    if (f.endLine) props.endLine = f.endLine;
    const text = `${f.message}. ${f.help}`;
    if (f.severity === 'error') core.error(text, props);
    else if (f.severity === 'warning') core.warning(text, props);
    else core.notice(text, props);
  }
}
