// The one thinning rule of every plot: a long series of iterates or records is cut to a fixed budget of
// indices (a plot has a few hundred pixels; more points draw the same picture). The first iterations are
// kept densely (that is where methods differ most), the rest by an even stride, the last always.

/** Share of a budget spent on the dense head. */
const HEAD_SHARE = 3 / 8;

/**
 * At most `budget` (≥ 2) increasing indices of 0..n−1: all of them when n ≤ budget, otherwise the first
 * ⌊budget·3/8⌋ and the rest evenly spread up to and including n − 1.
 */
export function thinIndices(n: number, budget: number): Int32Array {
  if (n <= 0) return new Int32Array(0);
  const max = Math.max(2, Math.floor(budget));
  if (n <= max) {
    const all = new Int32Array(n);
    for (let i = 0; i < n; i++) all[i] = i;
    return all;
  }
  const head = Math.floor(max * HEAD_SHARE);
  const tail = max - head;
  const out = new Int32Array(max);
  for (let i = 0; i < head; i++) out[i] = i;
  // The tail's stride is ≥ 1 (n − 1 − head ≥ tail), so the rounded indices strictly increase.
  for (let j = 0; j < tail; j++) out[head + j] = head + Math.round((j * (n - 1 - head)) / (tail - 1));
  return out;
}

/** A per-track budget: `total` split among `tracks`, at least `floor` each. */
export function perTrackBudget(total: number, tracks: number, floor: number): number {
  return Math.max(floor, Math.floor(total / Math.max(1, tracks)));
}
