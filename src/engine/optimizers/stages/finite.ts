// Whether a solve or a gradient produced only finite numbers.
export function allFinite(x: Float64Array, n: number = x.length): boolean {
  for (let i = 0; i < n; i++) if (!Number.isFinite(x[i])) return false;
  return true;
}
