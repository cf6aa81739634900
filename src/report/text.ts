// Readable terminal output for the CLI.

import type { PipelineResult } from '../pipeline.js';
import { describeError } from '../util/errors.js';

export interface TextOptions {
  color: boolean;
}

export function resultText(result: PipelineResult, options: TextOptions): string {
  const paint = (code: number, s: string): string => (options.color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const SEV: Record<string, string> = { error: paint(31, 'error'), warning: paint(33, 'warning'), notice: paint(36, 'notice') };
  const lines: string[] = [];
  if (result.checked) {
    lines.push(paint(1, `Checks for ${result.project.name}`) + ` (${result.rulesRun.length} rules)`);
    for (const f of result.findings) {
      const where = `${f.file}${f.line ? `:${f.line}` : ''}${f.line && f.column ? `:${f.column}` : ''}`;
      lines.push(`  ${where}  ${SEV[f.severity]}  ${f.message}  ${paint(2, f.rule)}`);
      lines.push(`    ${paint(2, f.help)}`);
    }
    const { errors, warnings, notices } = result.counts;
    lines.push(`  ${errors} errors, ${warnings} warnings, ${notices} notices`);
    for (const m of result.metrics) lines.push(`  ${m.label}: ${m.value}`);
  }
  if (result.context) {
    if (lines.length) lines.push('');
    lines.push(paint(1, 'Plan') + ` — ${result.context.kind}: ${result.context.reason}`);
    if (!result.images.length) lines.push('  no images');
    for (const image of result.images) {
      const status = image.status === 'failed' ? paint(31, image.status) : image.status;
      const time = image.seconds === undefined ? '' : ` in ${image.seconds.toFixed(1)} s`;
      lines.push(`  ${image.name}  ${status}${time}${image.digest ? `  ${image.digest}` : ''}`);
      lines.push(`    ${image.dockerfile}${image.target ? ` (target ${image.target})` : ''}  ${image.platforms.join(', ')}  push: ${image.push}`);
      for (const m of image.manifests ?? []) lines.push(`    ${m.platform}  ${m.digest}`);
      if (result.pushedByDigest && image.tags.length) lines.push('    pushed by digest; the merge applies the tags:');
      for (const tag of image.tags) lines.push(`    → ${tag}`);
      if (image.error) lines.push(`    ${paint(31, image.error)}`);
    }
  }
  for (const failure of result.failures) lines.push(paint(31, `Failed: ${failure}`));
  return lines.join('\n') + '\n';
}

export function errorText(error: unknown): string {
  return `oep45: ${describeError(error)}`;
}
