// Markdown for the job summary: findings by rule, the metrics, the release context, and a table
// of images: the plan (dockerfile, target, platforms, push, tags) in plan mode, else each image's
// status, digest and tags; a merged image lists the platforms its index joins.

import type { PipelineResult } from '../pipeline.js';

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}

function table(header: string[], rows: string[][]): string {
  const lines = [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`];
  for (const row of rows) lines.push(`| ${row.map(cell).join(' | ')} |`);
  return lines.join('\n');
}

/** The plan (mode `plan`): what each image would be built from and tagged, and whether it is pushed. */
function planTable(result: PipelineResult): string {
  return table(
    ['Image', 'Dockerfile', 'Target', 'Platforms', 'Push', 'Tags'],
    result.images.map((i) => [
      i.name,
      `\`${i.dockerfile}\``,
      i.target ?? '',
      i.platforms.join(', '),
      i.push ? 'yes' : 'no',
      i.tags.map((t) => `\`${t}\``).join('<br>') || '(none)',
    ]),
  );
}

const ICON: Record<string, string> = { error: '❌', warning: '⚠️', notice: 'ℹ️' };

function statusCell(image: PipelineResult['images'][number]): string {
  if (image.error) return `${image.status}: ${image.error}`;
  if (image.status === 'merged' && image.manifests?.length) {
    return `merged: ${image.manifests.map((m) => `${m.platform} \`${m.digest.slice(0, 19)}\``).join('<br>')}`;
  }
  return image.status;
}

export function summaryMarkdown(result: PipelineResult): string {
  const parts: string[] = [`## OEP-45 · ${result.project.name}`];
  if (result.checked) {
    const { errors, warnings, notices } = result.counts;
    parts.push(`**Checks:** ${errors} errors, ${warnings} warnings, ${notices} notices (${result.rulesRun.length} rules run).`);
    if (result.findings.length) {
      const byRule = new Map<string, { severity: string; count: number; first: string }>();
      for (const f of result.findings) {
        const entry = byRule.get(f.rule) ?? { severity: f.severity, count: 0, first: `${f.file}${f.line ? `:${f.line}` : ''}: ${f.message}` };
        entry.count++;
        byRule.set(f.rule, entry);
      }
      parts.push(
        table(
          ['Rule', 'Severity', 'Count', 'First finding'],
          [...byRule].map(([rule, e]) => [rule, `${ICON[e.severity] ?? ''} ${e.severity}`, String(e.count), e.first]),
        ),
      );
    }
    if (result.metrics.length) parts.push(table(['Metric', 'Value'], result.metrics.map((m) => [m.label, m.value])));
  }
  if (result.context) {
    const release = result.context.release?.version ?? result.context.release?.name;
    parts.push(`**Build:** ${result.context.kind}${release ? ` ${release}` : ''} — ${result.context.reason}.`);
  }
  if (result.mode === 'plan' && result.images.length) {
    parts.push(planTable(result));
  } else if (result.images.length) {
    if (result.pushedByDigest && result.images.some((i) => i.push)) parts.push('Build leg: each image is pushed by digest only; the merge job applies these tags.');
    if (result.images.some((i) => i.status === 'merged')) parts.push("Merge: the build legs' images joined into one multi-platform index, stored by its digest, then tagged.");
    parts.push(
      table(
        ['Image', 'Status', 'Time', 'Digest', 'Tags'],
        result.images.map((i) => [
          i.name,
          statusCell(i),
          (i.seconds === undefined ? '' : `${i.seconds.toFixed(1)} s`) + (i.totalSteps ? ` (${i.cachedSteps ?? 0}/${i.totalSteps} cached)` : ''),
          i.digest ? `\`${i.digest.slice(0, 19)}\`` : '',
          i.tags.map((t) => `\`${t}\``).join('<br>') || '(none)',
        ]),
      ),
    );
  } else if (result.mode !== 'check' && result.context) {
    parts.push('No images to build.');
  }
  if (result.failures.length) parts.push(result.failures.map((f) => `- **Failed:** ${f}`).join('\n'));
  return parts.join('\n\n') + '\n';
}
