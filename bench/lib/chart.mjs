// The chart of docs/performance.md, drawn from the results (never by hand): build seconds per
// scenario, ours beside both baselines (the peer with a registry cache, and the no-cache rebuild),
// as horizontal bars on one linear scale, each bar labelled with its median time and the ratio.

import { formatSeconds } from './format.mjs';

const COLORS = { ours: '#1f7a4d', baseline: '#b5532e', peer: '#d99a2b' };
const LABELS = { peer: 'peer: registry cache + push', 'no-cache': 'no-cache build + push', rebuild: 'no-cache rebuild + push' };

const ratioNote = (base, ours) => (base >= ours ? `ours ${base / ours >= 10 ? (base / ours).toFixed(0) : (base / ours).toFixed(2)}× faster` : `ours ${(ours / base).toFixed(2)}× slower`);
const esc = (text) => String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function chartGroups(s) {
  const groups = [];
  const group = (title, entry, oursNote) => {
    if (!entry) return;
    groups.push({
      title,
      bars: [
        { label: `ours (${oursNote})`, seconds: entry.ours.seconds, color: COLORS.ours },
        ...entry.baselines.map((b) => ({ label: LABELS[b.id] ?? b.id, seconds: b.seconds, color: b.id === 'peer' ? COLORS.peer : COLORS.baseline, note: ratioNote(b.ratio ?? b.seconds / entry.ours.seconds, 1) })),
      ],
    });
  };
  group('1. Nightly, no change', s.nightly, 'reused');
  group('2. Code-only change', s.codeChange, 'cache from the registry');
  group('3. Release promotion', s.promotion, 're-tag');
  group('4. Ten images, one changed', s.tenImages, s.tenImages ? `${s.tenImages.ours.built.length} built, ${s.tenImages.ours.reused.length} reused` : '');
  return groups;
}

export function chartSvg(s, caption) {
  const groups = chartGroups(s);
  const width = 820;
  const left = 250;
  const right = 170;
  const barHeight = 18;
  const gap = 6;
  const titleHeight = 22;
  const groupGap = 14;
  const top = 56;
  const max = Math.max(...groups.flatMap((g) => g.bars.map((b) => b.seconds)), 1);
  const step = max > 100 ? 20 : max > 40 ? 10 : 5;
  const scaleMax = Math.ceil(max / step) * step;
  const x = (seconds) => left + ((width - left - right) * seconds) / scaleMax;
  let y = top;
  const parts = [];
  for (const g of groups) {
    parts.push(`<text x="12" y="${y + 14}" font-weight="bold">${esc(g.title)}</text>`);
    y += titleHeight;
    for (const b of g.bars) {
      const w = Math.max(1.5, x(b.seconds) - left);
      parts.push(`<text x="${left - 8}" y="${y + 13}" text-anchor="end">${esc(b.label)}</text>`);
      parts.push(`<rect x="${left}" y="${y}" width="${w.toFixed(1)}" height="${barHeight}" fill="${b.color}"/>`);
      parts.push(`<text x="${(left + w + 6).toFixed(1)}" y="${y + 13}">${esc(formatSeconds(b.seconds))}${b.note ? `<tspan fill="#555" dx="6">(${esc(b.note)})</tspan>` : ''}</text>`);
      y += barHeight + gap;
    }
    y += groupGap;
  }
  const bottom = y;
  const ticks = [];
  for (let t = 0; t <= scaleMax; t += step) {
    ticks.push(`<line x1="${x(t).toFixed(1)}" y1="${top - 6}" x2="${x(t).toFixed(1)}" y2="${bottom - groupGap}" stroke="#ddd"/>`);
    ticks.push(`<text x="${x(t).toFixed(1)}" y="${bottom + 4}" text-anchor="middle" fill="#555">${t}</text>`);
  }
  const height = bottom + 40;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif" font-size="12">`,
    `<title>${esc(caption)}</title>`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    `<text x="12" y="22" font-size="15" font-weight="bold">Build seconds per scenario (medians): ours, the registry-cache peer, a no-cache rebuild</text>`,
    `<text x="12" y="40" fill="#555">${esc(caption)}</text>`,
    ...ticks,
    ...parts,
    `<text x="${(left + (width - left - right) / 2).toFixed(0)}" y="${bottom + 22}" text-anchor="middle" fill="#555">seconds (wall time of the whole run on a fresh runner: build, push, tags; ratios are medians of the runs' pairs)</text>`,
    '</svg>',
    '',
  ].join('\n');
}
