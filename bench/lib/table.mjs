// The run's figures as tables, printed to the terminal and written into docs/performance.md: the
// ratios against both baselines first (one line per scenario), then every side in detail.

import { formatBytes, formatSeconds, formatUploads } from './format.mjs';

export const BASELINE_LABELS = {
  peer: 'the peer: `docker buildx build` with a registry cache (`buildcache`, mode=max) + push, as docker/build-push-action runs it',
  'no-cache': "no-cache build + push (today's Open edX nightly)",
  rebuild: 'no-cache rebuild + push of the release',
};

/** "12× faster" / "1.2× slower" from a ratio baseline/ours. */
export const ratioWords = (x) => (x >= 1 ? `${x >= 10 ? x.toFixed(0) : x.toFixed(2)}× faster` : `${(1 / x).toFixed(2)}× slower`);

/** The build scenarios in order, with their titles. */
export function buildScenarios(s) {
  return [
    ['nightly', '1. Nightly, no change'],
    ['codeChange', '2. Code-only change'],
    ['promotion', '3. Release promotion (teak.1)'],
    ['tenImages', '4. Ten images, one changed'],
  ]
    .filter(([id]) => s[id])
    .map(([id, title]) => ({ id, title, entry: s[id] }));
}

const baseline = (entry, id) => entry.baselines.find((b) => b.id === id || (id === 'no-cache' && b.id === 'rebuild'));

export const RATIO_COLUMNS = ['Scenario', 'Ours (median)', 'Peer: registry cache', 'Ours vs the peer', 'No-cache rebuild', 'Ours vs no-cache'];

/** One line per build scenario: ours, both baselines, and the ratios pair by pair (median of the runs' ratios). */
export function ratioRows(s) {
  return buildScenarios(s).map(({ title, entry }) => {
    const peer = baseline(entry, 'peer');
    const none = baseline(entry, 'no-cache');
    const cell = (b) => (b ? `${formatSeconds(b.seconds)}` : '—');
    const vs = (b) => (b ? `**${ratioWords(b.ratio)}**${b.ratios ? ` (runs: ${b.ratios.map((r) => r.toFixed(r >= 10 ? 0 : 2)).join(', ')})` : ''}` : '—');
    return [title, `${formatSeconds(entry.ours.seconds)} (${entry.ours.runs.length} runs)`, cell(peer), vs(peer), cell(none), vs(none)];
  });
}

export const COLUMNS = ['Scenario', 'Ours', 'Baseline', 'Ours vs baseline', 'Uploaded by ours', 'Uploaded by the baseline'];

export function tableRows(s) {
  const rows = [];
  const oursText = {
    nightly: (o) => `${formatSeconds(o.seconds)} (reused; median of ${o.runs.length})`,
    codeChange: (o) => `${formatSeconds(o.seconds)} (${o.steps ? `${o.steps[0]} of ${o.steps[1]} steps cached; ` : ''}median of ${o.runs.length}; ${((100 * o.seconds) / s.codeChange.cold.seconds).toFixed(1)} % of our cold build, ${formatSeconds(s.codeChange.cold.seconds)})`,
    promotion: (o) => `${formatSeconds(o.seconds)} (re-tag; median of ${o.runs.length})`,
    tenImages: (o) => `${formatSeconds(o.seconds)} (${o.built.length} built, ${o.reused.length} reused; median of ${o.runs.length})`,
  };
  for (const { id, title, entry } of buildScenarios(s)) {
    const o = entry.ours;
    for (const b of entry.baselines) {
      const steps = b.steps ? `, ${b.steps[0]} of ${b.steps[1]} steps cached` : '';
      rows.push([title, oursText[id](o), `${formatSeconds(b.seconds)}: ${BASELINE_LABELS[b.id] ?? b.id}${b.images ? ` (${b.images} images)` : ''}${steps}`, `ours ${ratioWords(b.ratio ?? b.seconds / o.seconds)}`, formatUploads(o.uploads), formatUploads(b.uploads)]);
    }
  }
  if (s.checks) {
    const c = s.checks;
    rows.push([
      '5. Checks at platform scale',
      `${(c.checkMs.median / 1000).toFixed(3)} s (median of ${c.checkMs.runs}; CPU ${c.cpuMs ? (c.cpuMs.check.median / 1000).toFixed(2) + ' s' : '—'})`,
      `${(c.baselineMs.median / 1000).toFixed(3)} s: \`node -e 0\``,
      `checks ${c.checksBeyondStartupMs} ms beyond Node start-up`,
      '—',
      '—',
    ]);
  }
  if (s.startup) {
    const t = s.startup;
    rows.push([
      '6. Action start-up (the example)',
      `${(t.outputsMs.median / 1000).toFixed(3)} s to the outputs file written, ${(t.exitMs.median / 1000).toFixed(3)} s to exit (median of ${t.outputsMs.runs})`,
      `${(t.nodeFloorMs.median / 1000).toFixed(3)} s: \`node -e "console.log(1)"\``,
      `dist/index.js ${formatBytes(t.dist.indexBytes)}, dist/ ${formatBytes(t.dist.totalBytes)}`,
      '—',
      '—',
    ]);
  }
  return rows;
}

export function markdownTable(columns, rows) {
  const escape = (cell) => String(cell).replace(/\|/g, '\\|');
  return [`| ${columns.join(' | ')} |`, `| ${columns.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.map(escape).join(' | ')} |`)].join('\n');
}

/** The terminal form: one block per row, label and value, since the cells are long. */
export function terminalTable(columns, rows) {
  const width = Math.max(...columns.map((c) => c.length));
  return rows.map((r) => r.map((cell, i) => (i === 0 ? cell : `   ${columns[i].padEnd(width)}  ${String(cell).replace(/\*\*/g, '')}`)).join('\n')).join('\n\n');
}
