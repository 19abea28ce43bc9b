// Sizes and durations as the cost messages quote them ("about 6.5 GB", "about 1.1 min").

export function formatBytes(bytes: number): string {
  const units: [number, string][] = [
    [1e12, 'TB'],
    [1e9, 'GB'],
    [1e6, 'MB'],
    [1e3, 'kB'],
  ];
  for (const [size, unit] of units) if (bytes >= size) return `${round(bytes / size)} ${unit}`;
  return `${Math.round(bytes)} bytes`;
}

export function formatSeconds(seconds: number): string {
  if (seconds >= 3600) return `${round(seconds / 3600)} h`;
  if (seconds >= 60) return `${round(seconds / 60)} min`;
  return `${round(seconds)} s`;
}

function round(x: number): string {
  if (x >= 1e6) return x.toExponential(1);
  return x >= 10 ? String(Math.round(x)) : String(Math.round(x * 10) / 10);
}
