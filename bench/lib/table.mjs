// One table of the run's figures, printed to the terminal and written into docs/performance.md.

import { formatBytes, formatSeconds, formatUploads } from './format.mjs';

const BASELINE_LABELS = {
  'no-cache': 'no-cache build + push',
  'inline-cache': '`docker build --cache-from` last night (inline cache) + push',
  rebuild: 'rebuild + push of the release',
};
const ratio = (base, ours) => {
  const x = base / ours;
  return x >= 1 ? `ours ${x >= 10 ? x.toFixed(0) : x.toFixed(1)}× faster` : `ours ${(ours / base).toFixed(1)}× slower`;
};

export const COLUMNS = ['Scenario', 'Ours', 'Baseline', 'Ours vs baseline', 'Uploaded by ours', 'Uploaded by the baseline'];

export function tableRows(s) {
  const rows = [];
  const baselineRows = (n, title, ours, oursText, baselines) => {
    for (const b of baselines) {
      rows.push([`${n}. ${title}`, oursText, `${formatSeconds(b.seconds)}: ${BASELINE_LABELS[b.id] ?? b.id}${b.images ? ` (${b.images} images)` : ''}`, ratio(b.seconds, ours.seconds), formatUploads(ours.uploads), formatUploads(b.uploads)]);
    }
  };
  if (s.nightly) {
    const o = s.nightly.ours;
    baselineRows(1, 'Nightly, no change', o, `${formatSeconds(o.seconds)} (reused; median of ${o.runs.length})`, s.nightly.baselines);
  }
  if (s.codeChange) {
    const o = s.codeChange.ours;
    const pct = ((100 * o.seconds) / s.codeChange.cold.seconds).toFixed(1);
    baselineRows(2, 'Code-only change', o, `${formatSeconds(o.seconds)} (${o.steps[0]} of ${o.steps[1]} steps cached; ${pct} % of our cold build, ${formatSeconds(s.codeChange.cold.seconds)})`, s.codeChange.baselines);
  }
  if (s.promotion) {
    const o = s.promotion.ours;
    baselineRows(3, 'Release promotion (teak.1)', o, `${formatSeconds(o.seconds)} (re-tag; median of ${o.runs.length})`, s.promotion.baselines);
  }
  if (s.tenImages) {
    const o = s.tenImages.ours;
    baselineRows(4, 'Ten images, one changed', o, `${formatSeconds(o.seconds)} (${o.built.length} built, ${o.reused.length} reused)`, s.tenImages.baselines);
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
      '6. Action start-up',
      `${(t.firstOutputMs.median / 1000).toFixed(3)} s to the first line, ${(t.exitMs.median / 1000).toFixed(3)} s to exit (median of ${t.firstOutputMs.runs})`,
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
  return rows.map((r) => r.map((cell, i) => (i === 0 ? cell : `   ${columns[i].padEnd(width)}  ${cell}`)).join('\n')).join('\n\n');
}
