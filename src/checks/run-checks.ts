// Runs every enabled rule that applies to the project (src/checks/service-scope.ts) and applies
// the project's rule policy (off or re-levelled), the skip comments of BuildKit and hadolint for
// the Dockerfile findings that are theirs too (src/checks/dockerfile/skips.ts) and the inline
// suppressions (src/checks/suppressions.ts). A rule that crashes becomes one finding instead of
// stopping the others.

import type { Finding } from '../model/finding.js';
import { sortFindings } from '../model/finding.js';
import type { RawFinding, Rule } from './rule.js';
import { toFinding } from './rule.js';
import type { CheckContext, Metric } from './context.js';
import type { RuleLevel } from '../model/project.js';
import { applySuppressions, SUPPRESSION_RULES } from './suppressions.js';
import { ruleApplies } from './service-scope.js';
import { applyDockerfileSkips } from './dockerfile/skips.js';
import type { Equivalent, RuleMeta } from './rule.js';

export interface CheckOutcome {
  findings: Finding[];
  metrics: Metric[];
  rulesRun: string[];
}

/** Rule work between two turns of the event loop, at most (about). */
const YIELD_MS = 2;

export async function runChecks(ctx: CheckContext, rules: readonly Rule[]): Promise<CheckOutcome> {
  const reported: { finding: Finding; meta: RuleMeta; equivalent?: Equivalent }[] = [];
  const rulesRun: string[] = [];
  // The files the rules read are the ones whose suppressions can apply (or go unused).
  const read = new Set<string>();
  const tracked: CheckContext = Object.assign(Object.create(ctx) as CheckContext, {
    readFile(rel: string): string | undefined {
      read.add(rel);
      return ctx.readFile(rel);
    },
  });
  // Every rule starts without waiting for the one before, the rules that wait for git (`waits`)
  // first: their git calls run while the other rules work. Every few milliseconds of rule work the
  // event loop gets a turn, so that what runs beside the checks (their git calls, the image steps'
  // look-ups) moves on too. Findings are taken in rule order, as before.
  const started: { rule: Rule; level: Exclude<RuleLevel, 'off'> | undefined; outcome: Promise<RawFinding[]> }[] = [];
  let turn = performance.now();
  const enabled = rules.filter((rule) => ctx.project.rules[rule.meta.id] !== 'off' && ruleApplies(rule.meta, ctx.project));
  rulesRun.push(...enabled.map((rule) => rule.meta.id));
  const start = (rule: Rule): void => {
    const level = ctx.project.rules[rule.meta.id] as Exclude<RuleLevel, 'off'> | undefined;
    let outcome: Promise<RawFinding[]>;
    try {
      outcome = Promise.resolve(rule.check(tracked));
    } catch (error) {
      outcome = Promise.reject(error);
    }
    // Handled here so that a rule failing before its turn is not an unhandled rejection.
    outcome.catch(() => {});
    started.push({ rule, level, outcome });
  };
  for (const rule of [...enabled.filter((r) => r.waits && !r.after), ...enabled.filter((r) => !r.waits && !r.after)]) {
    start(rule);
    if (performance.now() - turn > YIELD_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      turn = performance.now();
    }
  }
  // The rules that report on what the others read (OEP45-P002) start when those are done.
  await Promise.allSettled(started.map((s) => s.outcome));
  for (const rule of enabled.filter((r) => r.after)) start(rule);
  const order = new Map(enabled.map((rule, i) => [rule, i]));
  started.sort((a, b) => order.get(a.rule)! - order.get(b.rule)!);
  for (const { rule, level, outcome } of started) {
    try {
      for (const raw of await outcome) {
        reported.push({ finding: toFinding(rule.meta, raw, level ?? raw.severity ?? rule.meta.severity), meta: rule.meta, equivalent: raw.equivalent });
      }
    } catch (error) {
      reported.push({ meta: rule.meta, finding: {
        rule: rule.meta.id,
        severity: 'error',
        message: `the rule could not run: ${error instanceof Error ? error.message : String(error)}`,
        file: '.',
        line: 0,
        help: 'This is a bug in oep45-action; please report it with the file that triggered it.',
      } });
    }
  }
  const { findings, skipped } = applyDockerfileSkips(ctx, reported);
  const texts = new Map<string, string>();
  for (const file of new Set([...read, ...findings.map((f) => f.file)])) {
    const text = ctx.readFile(file);
    if (text !== undefined) texts.set(file, text);
  }
  const { findings: kept, suppressed } = applySuppressions(findings, texts, {
    known: new Set([...rules.map((r) => r.meta.id), ...SUPPRESSION_RULES.map((r) => r.id)]),
    ran: new Set(rulesRun),
    levels: ctx.project.rules,
  });
  if (suppressed + skipped) ctx.metrics.set('suppressed', { label: 'Findings suppressed inline', value: String(suppressed + skipped) });
  return { findings: sortFindings(kept), metrics: [...ctx.metrics.values()], rulesRun };
}
