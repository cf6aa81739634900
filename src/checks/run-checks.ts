// Runs every enabled rule over the project and applies the project's rule policy (off or
// re-levelled). A rule that crashes becomes one finding instead of stopping the others.

import type { Finding } from '../model/finding.js';
import { sortFindings } from '../model/finding.js';
import type { Rule } from './rule.js';
import { toFinding } from './rule.js';
import type { CheckContext, Metric } from './context.js';

export interface CheckOutcome {
  findings: Finding[];
  metrics: Metric[];
  rulesRun: string[];
}

export async function runChecks(ctx: CheckContext, rules: readonly Rule[]): Promise<CheckOutcome> {
  const findings: Finding[] = [];
  const rulesRun: string[] = [];
  for (const rule of rules) {
    const level = ctx.project.rules[rule.meta.id];
    if (level === 'off') continue;
    rulesRun.push(rule.meta.id);
    try {
      for (const raw of await rule.check(ctx)) {
        findings.push(toFinding(rule.meta, raw, level ?? raw.severity ?? rule.meta.severity));
      }
    } catch (error) {
      findings.push({
        rule: rule.meta.id,
        severity: 'error',
        message: `the rule could not run: ${error instanceof Error ? error.message : String(error)}`,
        file: '.',
        line: 0,
        help: 'This is a bug in oep45-action; please report it with the file that triggered it.',
      });
    }
  }
  return { findings: sortFindings(findings), metrics: [...ctx.metrics.values()], rulesRun };
}
