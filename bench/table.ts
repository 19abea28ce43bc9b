// One row of `npm run bench`'s table: what is measured, the measured value with its unit, and the goal of
// issue 12 beside it ('—' where there is none).
export interface BenchRow {
  what: string;
  now: string;
  goal: string;
}

/** A Markdown table, so the output can be pasted into notes as it is. */
export function formatTable(rows: BenchRow[]): string {
  const header: BenchRow = { what: 'what', now: 'measured', goal: 'goal' };
  const width = (key: keyof BenchRow) => Math.max(...[header, ...rows].map((row) => row[key].length));
  const line = (row: BenchRow) =>
    `| ${row.what.padEnd(width('what'))} | ${row.now.padEnd(width('now'))} | ${row.goal.padEnd(width('goal'))} |`;
  const rule = `|${'-'.repeat(width('what') + 2)}|${'-'.repeat(width('now') + 2)}|${'-'.repeat(width('goal') + 2)}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}
