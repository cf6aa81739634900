// "Did you mean": the closest known name to a misspelled one, by edit distance (Levenshtein,
// case-insensitive), when it is close enough to be a likely typo.

export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = prev[j]!;
      prev[j] = Math.min(above + 1, prev[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return prev[b.length]!;
}

/** The candidate nearest to `word`, if at most a third of its length (and 3 edits) away. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const w = word.toUpperCase();
  const limit = Math.min(3, Math.max(1, Math.floor(w.length / 3)));
  let best: { name: string; d: number } | undefined;
  for (const name of candidates) {
    const d = editDistance(w, name.toUpperCase());
    if (d <= limit && (!best || d < best.d)) best = { name, d };
  }
  return best?.name;
}
