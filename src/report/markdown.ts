// Markdown for the job summary: the findings (src/report/findings-summary.ts), the metrics, the release context, and a table
// of images: the plan (dockerfile, target, platforms, push, tags) in plan mode, else each image's
// status, digest and tags; a merged image lists the platforms its index joins. Every value that
// came from input goes through escape/markdown.ts: the summary's own markup is the only markup.

import type { PipelineResult } from '../pipeline.js';
import { table } from './markdown-table.js';
import { findingsSummary, type SummaryOptions } from './findings-summary.js';
import { mdCode, mdProse, mdText } from './escape/markdown.js';

/** The plan (mode `plan`): what each image would be built from and tagged, and whether it is pushed. */
function planTable(result: PipelineResult): string {
  return table(
    ['Image', 'Dockerfile', 'Target', 'Platforms', 'Push', 'Tags'],
    result.images.map((i) => [
      mdText(i.name),
      mdCode(i.dockerfile),
      mdText(i.target ?? ''),
      mdText(i.platforms.join(', ')),
      i.push ? 'yes' : 'no',
      i.tags.map(mdCode).join('<br>') || '(none)',
    ]),
  );
}

function statusCell(image: PipelineResult['images'][number]): string {
  if (image.error) return `${image.status}: ${mdProse(image.error)}`;
  if (image.status === 'merged' && image.manifests?.length) {
    return `merged: ${image.manifests.map((m) => `${mdText(m.platform)} ${mdCode(m.digest.slice(0, 19))}`).join('<br>')}`;
  }
  return image.status;
}

export function summaryMarkdown(result: PipelineResult, options: SummaryOptions = {}): string {
  const parts: string[] = [`## OEP-45 · ${mdText(result.project.name)}`];
  if (result.checked) {
    parts.push(...findingsSummary(result, options));
    if (result.metrics.length) parts.push(table(['Metric', 'Value'], result.metrics.map((m) => [mdText(m.label), mdProse(m.value)])));
  }
  if (result.context) {
    const release = result.context.release?.version ?? result.context.release?.name;
    parts.push(`**Build:** ${result.context.kind}${release ? ` ${mdText(release)}` : ''} — ${mdProse(result.context.reason)}.`);
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
          mdText(i.name),
          statusCell(i),
          (i.seconds === undefined ? '' : `${i.seconds.toFixed(1)} s`) + (i.totalSteps ? ` (${i.cachedSteps ?? 0}/${i.totalSteps} cached)` : ''),
          i.digest ? mdCode(i.digest.slice(0, 19)) : '',
          i.tags.map(mdCode).join('<br>') || '(none)',
        ]),
      ),
    );
  } else if (result.mode !== 'check' && result.context) {
    parts.push('No images to build.');
  }
  if (result.failures.length) parts.push(result.failures.map((f) => `- **Failed:** ${mdProse(f)}`).join('\n'));
  return parts.join('\n\n') + '\n';
}
