// Pivoting moves whole rows (row-major) or whole columns (column-major): two contiguous runs of one array.

/** Exchange A[a, a + n) and A[b, b + n) (the runs must not overlap). */
export function swapRuns(A: Float64Array, a: number, b: number, n: number): void {
  for (let j = 0; j < n; j++) {
    const t = A[a + j];
    A[a + j] = A[b + j];
    A[b + j] = t;
  }
}
