// How figures are written, the same in the terminal table, the chart and docs/performance.md.

export function formatSeconds(s) {
  if (s === undefined) return '—';
  if (s < 10) return `${s.toFixed(2)} s`;
  return `${s.toFixed(1)} s`;
}

/** Decimal units (1 MB = 10⁶ bytes), as registries and `docker push` count. */
export function formatBytes(n) {
  if (n === undefined) return '—';
  if (n < 1e3) return `${n} B`;
  if (n < 1e6) return `${(n / 1e3).toFixed(1)} kB`;
  if (n < 1e9) return `${(n / 1e6).toFixed(1)} MB`;
  return `${(n / 1e9).toFixed(2)} GB`;
}

/** "N blobs, X MB" — what went up to the registry (mounts and manifests apart). */
export function formatUploads(u) {
  if (!u) return '—';
  const extra = [];
  if (u.blobMounts) extra.push(`${u.blobMounts} mounted`);
  if (u.manifestPuts) extra.push(`${u.manifestPuts} manifest PUT${u.manifestPuts === 1 ? '' : 's'}`);
  return `${u.blobUploads} blob${u.blobUploads === 1 ? '' : 's'}, ${formatBytes(u.blobBytes)}${extra.length ? ` (${extra.join(', ')})` : ''}`;
}
