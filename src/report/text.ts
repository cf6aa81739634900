// Readable terminal output for the CLI. Every string that came from input (a repository's files,
// a ref, the event) is shown on one line with its control characters escaped (escape/text.ts),
// and no line can be read as a GitHub workflow command (escape/workflow-commands.ts): the CLI runs
// in `run:` steps, where the runner reads what it prints.

import type { PipelineResult } from '../pipeline.js';
import { describeError } from '../util/errors.js';
import type { Finding } from '../model/finding.js';
import { baselineSentence } from './baseline.js';
import { inlineText as t } from './escape/text.js';
import { guardLines } from './escape/workflow-commands.js';

/** `file:line:column`, as far as the finding has them. */
export function findingWhere(f: Pick<Finding, 'file' | 'line' | 'column'>): string {
  return `${t(f.file)}${f.line ? `:${f.line}` : ''}${f.line && f.column ? `:${f.column}` : ''}`;
}

/** One line per finding, for the action's log: where, severity, message, rule, and new/known. */
export function findingLines(findings: readonly Finding[]): string[] {
  return findings.map((f) => `${findingWhere(f)}  ${f.severity}  ${t(f.message)}  ${f.rule}${f.baselineState ? `  (${f.baselineState === 'new' ? 'new' : 'known'})` : ''}`);
}

export interface TextOptions {
  color: boolean;
}

export function resultText(result: PipelineResult, options: TextOptions): string {
  const paint = (code: number, s: string): string => (options.color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const SEV: Record<string, string> = { error: paint(31, 'error'), warning: paint(33, 'warning'), notice: paint(36, 'notice') };
  const lines: string[] = [];
  if (result.checked) {
    lines.push(paint(1, `Checks for ${t(result.project.name)}`) + ` (${result.rulesRun.length} rules)`);
    const comparison = result.triage?.baseline;
    // With fail-on: new the known findings are counted, not listed: they are what the baseline accepted.
    const onlyNew = Boolean(comparison) && result.project.failOn === 'new';
    for (const f of result.findings) {
      if (onlyNew && f.baselineState !== 'new') continue;
      const fresh = comparison && f.baselineState === 'new' ? `  ${paint(1, 'new')}` : '';
      lines.push(`  ${findingWhere(f)}  ${SEV[f.severity]}  ${t(f.message)}  ${paint(2, f.rule)}${fresh}`);
      lines.push(`    ${paint(2, t(f.help))}`);
    }
    const { errors, warnings, notices } = result.counts;
    lines.push(`  ${errors} errors, ${warnings} warnings, ${notices} notices`);
    if (comparison) {
      lines.push(`  ${baselineSentence(comparison)} (${t(comparison.file)})${onlyNew && comparison.known ? `; the ${comparison.known} known are not listed` : ''}`);
      if (comparison.fixed) lines.push(`  ${paint(2, '`oep45 baseline --update` removes the fixed ones from the baseline')}`);
    }
    if (result.triage?.changes?.notice) lines.push(`  notice: ${t(result.triage.changes.notice)}`);
    for (const m of result.metrics) lines.push(`  ${t(m.label)}: ${t(m.value)}`);
  }
  if (result.context) {
    if (lines.length) lines.push('');
    lines.push(paint(1, 'Plan') + ` — ${result.context.kind}: ${t(result.context.reason)}`);
    if (!result.images.length) lines.push('  no images');
    for (const image of result.images) {
      const status = image.status === 'failed' ? paint(31, image.status) : image.status;
      const time = image.seconds === undefined ? '' : ` in ${image.seconds.toFixed(1)} s`;
      lines.push(`  ${t(image.name)}  ${status}${time}${image.digest ? `  ${t(image.digest)}` : ''}`);
      lines.push(`    ${t(image.dockerfile)}${image.target ? ` (target ${t(image.target)})` : ''}  ${t(image.platforms.join(', '))}  push: ${image.push}`);
      for (const m of image.manifests ?? []) lines.push(`    ${t(m.platform)}  ${t(m.digest)}`);
      if (result.pushedByDigest && image.tags.length) lines.push('    pushed by digest; the merge applies the tags:');
      for (const tag of image.tags) lines.push(`    → ${t(tag)}`);
      if (image.error) lines.push(`    ${paint(31, t(image.error))}`);
    }
  }
  for (const failure of result.failures) lines.push(paint(31, `Failed: ${t(failure)}`));
  // Every field above is one line already; the guard is the last word, whatever a line holds.
  return guardLines(lines.join('\n')) + '\n';
}

export function errorText(error: unknown): string {
  return guardLines(`oep45: ${t(describeError(error))}`);
}
