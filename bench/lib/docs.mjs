// Rewrites the figures of docs/performance.md from a full run's results: the ratios at the top of
// the page (between the `bench:ratios` markers) and the whole results section (between the
// `bench:results` markers); the explanations around them are written by hand and kept.

import { readFileSync, writeFileSync } from 'node:fs';
import { formatBytes, formatSeconds, formatUploads } from './format.mjs';
import { COLUMNS, RATIO_COLUMNS, markdownTable, ratioRows, tableRows } from './table.mjs';

const MARKERS = {
  ratios: ['<!-- bench:ratios:start -->', '<!-- bench:ratios:end -->'],
  results: ['<!-- bench:results:start -->', '<!-- bench:results:end -->'],
};

/** The machine and its load, in one sentence. */
function machineLine(m, seconds) {
  return `${m.date.slice(0, 16).replace('T', ' ')} UTC, ${m.cores} × ${m.cpu}, Docker Engine ${m.docker.engine}; ${m.uptime ? `\`uptime\` at the start: ${m.uptime}${m.uptimeAtEnd ? `; at the end: ${m.uptimeAtEnd}` : ''}` : `load average at the start ${m.loadAtStart.join(', ')}`}; the whole run took ${(seconds / 60).toFixed(1)} min`;
}

/** The top of the page: the ratios against both baselines and the targets, from one run. */
export function ratiosMarkdown(results) {
  const { machine: m, scenarios: s, targets } = results;
  const lines = [
    `Measured by \`npm run bench\` (${machineLine(m, results.seconds)}). Each figure is the median of ${s.nightly?.ours.runs.length ?? 5} runs of ours and of the peer (${s.nightly?.baselines.find((b) => b.id === 'no-cache')?.runs.length ?? 3} of the no-cache rebuild), the sides alternating, every run on a fresh runner (no build cache, none of the pushed images); "ours vs" is the median of the runs' ratios, pair by pair. The peer is \`docker buildx build --cache-from type=registry,ref=<img>:buildcache --cache-to type=registry,ref=<img>:buildcache,mode=max,image-manifest=true --push\`, as docker/build-push-action runs it for a team that keeps a registry cache; the no-cache rebuild is what Open edX's nightly runs today.`,
    '',
    markdownTable(RATIO_COLUMNS, ratioRows(s)),
    '',
    markdownTable(
      ['Target', 'Measured', 'Result'],
      targets.map((t) => [t.target, t.measured, t.met ? 'met' : '**missed** (why: [Targets](#targets))']),
    ),
  ];
  return lines.join('\n');
}

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
    `* CPU: ${m.cores} × ${m.cpu}; memory ${m.memoryGiB} GiB; ${m.os}. Load average at the start ${m.loadAtStart.join(', ')} (the machine is shared with other jobs)${m.uptime ? `; \`uptime\` at the start: \`${m.uptime}\`${m.uptimeAtEnd ? `, at the end: \`${m.uptimeAtEnd}\`` : ''}` : ''}.`,
    `* Docker Engine ${m.docker.engine} (client ${m.docker.client}), ${m.engine ? `${m.engine}; ` : ''}${m.docker.builder}; registry: ${m.registry}, behind a counting proxy.`,
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
  const runsOf = (entry) => [`ours ${entry.ours.runs.map(formatSeconds).join(', ')}`, ...entry.baselines.map((b) => `${b.id} ${b.runs.map(formatSeconds).join(', ')}`)].join('; ');
  if (s.cold) lines.push(`* The cold builds of the sample service (night 0, fresh runner, the setup): ours ${formatSeconds(s.cold.seconds)}, ${s.cold.steps[0]} of ${s.cold.steps[1]} steps cached, ${formatUploads(s.cold.uploads)}${s.cold.peer ? `; the peer's ${formatSeconds(s.cold.peer.seconds)}, ${formatUploads(s.cold.peer.uploads)}` : ''}.`);
  if (s.nightly) lines.push(`* No change, every run in order: ${runsOf(s.nightly)}. Ours uploaded ${formatUploads(s.nightly.ours.uploadsAllRuns)} in all (a tag already on the image is not PUT again).`);
  if (s.codeChange) lines.push(`* Code-only change (a new one-line change each run), every run in order: ${runsOf(s.codeChange)}. Steps cached: ours ${s.codeChange.ours.steps?.join(' of ') ?? '?'}, ${s.codeChange.baselines.map((b) => `${b.id} ${b.steps?.join(' of ') ?? '?'}`).join(', ')} (counted the same way, from BuildKit's output).`);
  if (s.promotion) lines.push(`* Promotion, every run in order: ${runsOf(s.promotion)}; tags put: ${s.promotion.tags?.join(', ') ?? s.promotion.ours.tags?.join(', ')}; ours uploaded ${formatUploads(s.promotion.ours.uploadsAllRuns ?? s.promotion.ours.uploads)} in all.`);
  if (s.tenImages) {
    const t = s.tenImages;
    lines.push(`* Ten images: the first night (the setup) took ours ${formatSeconds(t.firstNight.seconds)} (${formatUploads(t.firstNight.uploads)})${t.firstNight.peer ? ` and the peer ${formatSeconds(t.firstNight.peer.seconds)}` : ''}. Then each run \`${t.changed}\` installed one more package (${(t.addedPackages ?? []).join(', ')}); ours built ${t.ours.built.join(', ') || 'none'} and reused ${t.ours.reused.length}. Every run in order: ${runsOf(t)}.`);
  }
  if (s.checks) {
    const c = s.checks;
    const r = c.repository;
    lines.push(
      `* Checks repository: settings ${r.settings.lines} lines / ${r.settings.settings} settings; ${r.dockerfiles.dockerfiles} Dockerfiles (${r.dockerfiles.images} images, ${r.dockerfiles.lines} lines); CHANGELOG.rst ${r.changelog.lines} lines. Wall time min ${c.checkMs.min} ms, max ${c.checkMs.max} ms; ${c.findings.total} findings.`,
    );
  }
  if (s.startup) lines.push(`* Start-up: on the example, \`node dist/index.js\` wrote the outputs ${s.startup.outputs.join(', ')}; dist/: ${s.startup.dist.files.map((f) => `${f.file} ${formatBytes(f.bytes)}`).join(', ')}.`);
  return lines.join('\n');
}

export function rewriteDocs(path, results) {
  let text = readFileSync(path, 'utf8');
  for (const [name, [start, end]] of Object.entries(MARKERS)) {
    const from = text.indexOf(start);
    const to = text.indexOf(end);
    if (from < 0 || to < from) throw new Error(`${path}: no ${start} … ${end} section to rewrite`);
    const body = name === 'ratios' ? ratiosMarkdown(results) : resultsMarkdown(results);
    text = `${text.slice(0, from + start.length)}\n${body}\n${text.slice(to)}`;
  }
  writeFileSync(path, text);
}
