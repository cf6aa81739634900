// Rewrites the figures of docs/performance.md from a full run's results: everything between the
// `bench:results` markers; the explanations around them are written by hand and kept.

import { readFileSync, writeFileSync } from 'node:fs';
import { formatBytes, formatSeconds, formatUploads } from './format.mjs';
import { COLUMNS, markdownTable, tableRows } from './table.mjs';

const START = '<!-- bench:results:start -->';
const END = '<!-- bench:results:end -->';

/** Node's start-up, and what this machine's NODE_EXTRA_CA_CERTS adds to it (a GitHub runner sets none). */
function nodeStart(node) {
  if (!node) return '';
  const extra = node.withoutExtraCaCerts === undefined ? '' : `, of which ${Math.round(node.asIs - node.withoutExtraCaCerts)} ms are reading the certificates this machine names in NODE_EXTRA_CA_CERTS (a GitHub runner names none; every Node process here pays it, ours included)`;
  return ` Node starts (\`node -e 0\`) in ${node.asIs} ms${extra}.`;
}

export function resultsMarkdown(results) {
  const { machine: m, scenarios: s, targets } = results;
  const lines = [];
  lines.push(
    `Written by \`npm run bench\` from [bench/results.json](../bench/results.json); do not edit by hand. One run of every scenario, ours and the baselines side by side, on this machine:`,
    '',
    `* Date: ${m.date.slice(0, 16).replace('T', ' ')} UTC; the whole run took ${(results.seconds / 60).toFixed(1)} min.`,
    `* CPU: ${m.cores} × ${m.cpu}; memory ${m.memoryGiB} GiB; ${m.os}. Load average at the start ${m.loadAtStart.join(', ')} (the machine is shared with other jobs).`,
    `* Docker Engine ${m.docker.engine} (client ${m.docker.client}), ${m.docker.builder}; registry: ${m.registry}, behind a counting proxy.`,
    `* Node ${m.node}.${m.callMs ? ` One call of the docker client takes ${m.callMs.docker} ms here, one of git ${m.callMs.git} ms (medians).` : ''}${nodeStart(m.callMs?.node)}`,
    '',
    markdownTable(COLUMNS, tableRows(s)),
    '',
    '![Build seconds per scenario, ours and the baselines](performance.svg)',
    '',
    '#### Targets',
    '',
    markdownTable(
      ['Target', 'Measured', 'Result'],
      targets.map((t) => [t.target, t.measured, t.met ? 'met' : `**missed**: ${t.reason}`]),
    ),
    '',
    '#### Details',
    '',
  );
  if (s.cold) lines.push(`* Our cold build of the sample service (night 0, fresh runner): ${formatSeconds(s.cold.seconds)}, ${s.cold.steps[0]} of ${s.cold.steps[1]} steps cached, ${formatUploads(s.cold.uploads)}.`);
  if (s.nightly) lines.push(`* No-change publishes: ${s.nightly.ours.runs.map(formatSeconds).join(', ')}; together they uploaded ${formatUploads(s.nightly.ours.uploadsAllRuns)} — new tags only, PUT registry-side.`);
  if (s.codeChange) {
    const inline = s.codeChange.baselines.find((b) => b.id === 'inline-cache');
    if (inline) lines.push(`* The plain inline-cache rebuild had ${inline.steps[0]} of ${inline.steps[1]} steps cached (ours ${s.codeChange.ours.steps[0]} of ${s.codeChange.ours.steps[1]}, counted the same way): its cache did come from the registry.`);
  }
  if (s.promotion) lines.push(`* Promotion runs: ${s.promotion.ours.runs.map(formatSeconds).join(', ')}; tags put: ${s.promotion.ours.tags.join(', ')}.`);
  if (s.tenImages) {
    const t = s.tenImages;
    lines.push(`* Ten images: the first night (every image built by ours, the setup) took ${formatSeconds(t.firstNight.seconds)} and uploaded ${formatUploads(t.firstNight.uploads)}. On the second night \`${t.changed}\` changed; ours built ${t.ours.built.join(', ') || 'none'} and reused ${t.ours.reused.length}.`);
  }
  if (s.checks) {
    const c = s.checks;
    const r = c.repository;
    lines.push(
      `* Checks repository: settings ${r.settings.lines} lines / ${r.settings.settings} settings; ${r.dockerfiles.dockerfiles} Dockerfiles (${r.dockerfiles.images} images, ${r.dockerfiles.lines} lines); CHANGELOG.rst ${r.changelog.lines} lines. Wall time min ${c.checkMs.min} ms, max ${c.checkMs.max} ms; ${c.findings.total} findings.`,
    );
  }
  if (s.startup) lines.push(`* Start-up: the first line is \`${s.startup.firstLine.replace(/`/g, "'")}…\`; dist/: ${s.startup.dist.files.map((f) => `${f.file} ${formatBytes(f.bytes)}`).join(', ')}.`);
  return lines.join('\n');
}

export function rewriteDocs(path, results) {
  const text = readFileSync(path, 'utf8');
  const from = text.indexOf(START);
  const to = text.indexOf(END);
  if (from < 0 || to < from) throw new Error(`${path}: no ${START} … ${END} section to rewrite`);
  writeFileSync(path, `${text.slice(0, from + START.length)}\n${resultsMarkdown(results)}\n${text.slice(to)}`);
}
