// The one shape for everything a check says, whatever the rule or the output format.

export type Severity = 'error' | 'warning' | 'notice';

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'notice'];

export interface Finding {
  /** Stable rule id, e.g. `OEP45-D001`; documented in docs/rules.md. */
  rule: string;
  severity: Severity;
  message: string;
  /** Path relative to the project root, with forward slashes. */
  file: string;
  /** 1-based; 0 when the finding is about a whole file or a missing file. */
  line: number;
  column?: number;
  endLine?: number;
  /** One or two sentences saying how to fix it. */
  help: string;
  /** Identity across runs (src/model/fingerprint.ts); set once the checks are done. */
  fingerprint?: string;
  /** Against the baseline, when the run compared with one: `new`, or `unchanged` (known). */
  baselineState?: 'new' | 'unchanged';
}

export interface FindingCounts {
  errors: number;
  warnings: number;
  notices: number;
}

export function countFindings(findings: readonly Finding[]): FindingCounts {
  const counts: FindingCounts = { errors: 0, warnings: 0, notices: 0 };
  for (const f of findings) {
    if (f.severity === 'error') counts.errors++;
    else if (f.severity === 'warning') counts.warnings++;
    else counts.notices++;
  }
  return counts;
}

const ORDER: Record<Severity, number> = { error: 0, warning: 1, notice: 2 };

/** Stable order for every report: file, line, column, then severity and rule. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      a.line - b.line ||
      (a.column ?? 0) - (b.column ?? 0) ||
      ORDER[a.severity] - ORDER[b.severity] ||
      a.rule.localeCompare(b.rule),
  );
}
