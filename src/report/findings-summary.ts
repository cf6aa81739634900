// The findings part of the job summary: the counts, the baseline's sentence and what it lists
// that is fixed, what was annotated and where every finding is, and one row per rule — linked to
// its section of docs/rules.md — with the first few locations (new ones and those on the pull
// request's changed lines first). A legacy service has hundreds of findings: the summary stays a
// page long whatever their number.

import type { Finding } from '../model/finding.js';
import type { PipelineResult } from '../pipeline.js';
import { RULE_METAS } from '../checks/registry.js';
import { docsUrl } from '../checks/rule.js';
import { ANNOTATION_CAPS, type AnnotationPlan } from './annotations.js';
import { baselineSentence } from './baseline.js';
import { isOnChangedLines } from './changed-lines.js';
import { table } from './markdown-table.js';
import { mdCode, mdProse, mdText } from './escape/markdown.js';

export interface SummaryOptions {
  /** What the action annotated (the CLI annotates nothing). */
  annotations?: AnnotationPlan & { onlyNew: boolean };
  /** The SARIF file written, as the workflow names it. */
  sarif?: string;
  /** A link to a file's line, e.g. on GitHub at the commit checked. */
  link?: (file: string, line: number) => string | undefined;
}

/** Locations shown per rule. */
export const FIRST_LOCATIONS = 3;
const FIXED_SHOWN = 5;
const MESSAGE_LIMIT = 120;

const ICON: Record<string, string> = { error: '❌', warning: '⚠️', notice: 'ℹ️' };
const TITLES = new Map(RULE_METAS.map((m) => [m.id, m.title]));
const RANK: Record<string, number> = { error: 0, warning: 1, notice: 2 };

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

function where(f: Pick<Finding, 'file' | 'line'>): string {
  return `${f.file}${f.line ? `:${f.line}` : ''}`;
}

function location(f: Finding, options: SummaryOptions): string {
  const code = mdCode(where(f));
  const url = options.link?.(f.file, f.line);
  const message = mdProse(f.message.length > MESSAGE_LIMIT ? `${f.message.slice(0, MESSAGE_LIMIT - 1)}…` : f.message);
  return `${url ? `[${code}](${url})` : code} ${message}${f.baselineState === 'new' ? ' **(new)**' : ''}`;
}

function rulesTable(result: PipelineResult, options: SummaryOptions): string {
  const changed = result.triage?.changes?.changed;
  const byRule = new Map<string, Finding[]>();
  for (const f of result.findings) byRule.set(f.rule, [...(byRule.get(f.rule) ?? []), f]);
  const compared = Boolean(result.triage?.baseline);
  const rows = [...byRule]
    .map(([rule, findings]) => ({ rule, findings, severity: findings.reduce((s, f) => (RANK[f.severity]! < RANK[s]! ? f.severity : s), findings[0]!.severity) }))
    .sort((a, b) => RANK[a.severity]! - RANK[b.severity]! || (a.rule < b.rule ? -1 : 1))
    .map(({ rule, findings, severity }) => {
      const first = findings
        .map((f, i) => ({ f, i }))
        .sort((a, b) => Number(b.f.baselineState === 'new') - Number(a.f.baselineState === 'new') || Number(isOnChangedLines(b.f, changed)) - Number(isOnChangedLines(a.f, changed)) || a.i - b.i)
        .slice(0, FIRST_LOCATIONS)
        .map(({ f }) => location(f, options));
      if (findings.length > FIRST_LOCATIONS) first.push(`… and ${findings.length - FIRST_LOCATIONS} more`);
      const fresh = findings.filter((f) => f.baselineState === 'new').length;
      const title = TITLES.get(rule);
      return [
        `[${rule}](${docsUrl(rule)})${title ? ` ${title}` : ''}`,
        `${ICON[severity] ?? ''} ${severity}`,
        compared ? `${findings.length} (${fresh} new)` : String(findings.length),
        first.join('<br>'),
      ];
    });
  return table(['Rule', 'Severity', 'Findings', 'First locations'], rows);
}

function baselineParagraph(result: PipelineResult): string | undefined {
  const comparison = result.triage?.baseline;
  if (!comparison) return undefined;
  const lines = [`**Baseline** ${mdCode(comparison.file)}: ${mdProse(baselineSentence(comparison))}.`];
  if (comparison.fixedEntries.length) {
    const shown = comparison.fixedEntries.slice(0, FIXED_SHOWN).map((e) => `${mdCode(e.rule)} ${mdText(e.file)}${e.content ? ` ${mdCode(e.content)}` : ''}${e.fixed > 1 ? ` (${e.fixed})` : ''}`);
    const more = comparison.fixedEntries.length > FIXED_SHOWN ? `, and ${comparison.fixedEntries.length - FIXED_SHOWN} more` : '';
    lines.push(`Fixed: ${shown.join('; ')}${more}. \`oep45 baseline --update\` removes them from the baseline, so that they cannot come back unnoticed.`);
  }
  return lines.join('\n');
}

function annotationsParagraph(result: PipelineResult, options: SummaryOptions): string | undefined {
  const plan = options.annotations;
  if (!plan) return undefined;
  const total = result.findings.length;
  const caps = `GitHub shows at most ${ANNOTATION_CAPS.error} errors, ${ANNOTATION_CAPS.warning} warnings and ${ANNOTATION_CAPS.notice} notices per step`;
  const which = (n: number): string => `${plan.onlyNew ? 'new ' : ''}finding${n === 1 ? '' : 's'}`;
  const parts: string[] = [];
  if (plan.annotated.length < plan.eligible) {
    const order = plan.onChangedLines ? `, the ${plan.onChangedLines} on the pull request's changed lines first` : '';
    parts.push(`**Annotations:** ${plan.annotated.length} of ${plan.eligible} ${which(plan.eligible)}${order}; ${caps}, so ${plan.eligible - plan.annotated.length} are not annotated.`);
  } else if (plan.eligible) {
    const on = plan.onChangedLines ? ` (${plan.onChangedLines} on the pull request's changed lines)` : '';
    parts.push(`**Annotations:** ${plan.eligible === 1 ? 'the' : `all ${plan.eligible}`} ${which(plan.eligible)}${on}.`);
  }
  if (plan.onlyNew && total > plan.eligible) parts.push(`The ${plural(total - plan.eligible, 'known finding')} ${total - plan.eligible === 1 ? 'is' : 'are'} not annotated (fail-on: new).`);
  if (plan.annotated.length < total) {
    const sarif = options.sarif ? `, and the SARIF file ${mdCode(options.sarif)}` : '; the `sarif` input writes them to a SARIF file for code scanning';
    parts.push(`Every finding is in the table below (the first ${FIRST_LOCATIONS} of each rule), the log's "All findings" group, the \`findings\` output (\`oep45 check --format json\`)${sarif}.`);
  }
  return parts.length ? parts.join(' ') : undefined;
}

/** The findings' paragraphs of the job summary, in order. */
export function findingsSummary(result: PipelineResult, options: SummaryOptions = {}): string[] {
  const { errors, warnings, notices } = result.counts;
  const parts = [`**Checks:** ${errors} errors, ${warnings} warnings, ${notices} notices (${result.rulesRun.length} rules run).`];
  const baseline = baselineParagraph(result);
  if (baseline) parts.push(baseline);
  const notice = result.triage?.changes?.notice;
  if (notice) parts.push(`> **Note:** ${mdProse(notice)}`);
  const annotations = annotationsParagraph(result, options);
  if (annotations) parts.push(annotations);
  if (result.findings.length) parts.push(rulesTable(result, options));
  return parts;
}
