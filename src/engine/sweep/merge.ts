// Merging the CSVs of a sweep's shards into the CSV of the whole sweep, byte for byte. The parts must
// belong to one sweep: the same header, every cell in exactly one part, no cell missing from 0 to the
// last (or to `expectedCells` − 1 when the caller knows the count). Every problem is reported.

import { MEASURE_COLUMNS } from './csv';

export interface CsvPart {
  /** Shown in messages (a file name). */
  name: string;
  text: string;
}

export type MergeResult = { ok: true; csv: string; cells: number } | { ok: false; errors: string[] };

interface CsvRecord {
  line: number;
  /** The record as written, with its line end. */
  raw: string;
  fields: string[];
}

/** RFC 4180 records (quoted fields may hold commas, quotes and line breaks); null with a reason if malformed. */
export function parseCsvRecords(text: string): CsvRecord[] | string {
  const records: CsvRecord[] = [];
  let i = 0;
  let line = 1;
  while (i < text.length) {
    const start = i;
    const startLine = line;
    const fields: string[] = [];
    for (;;) {
      let value = '';
      if (text[i] === '"') {
        i++;
        for (;;) {
          if (i >= text.length) return `line ${startLine}: a quoted field is not closed`;
          if (text[i] === '"') {
            if (text[i + 1] === '"') {
              value += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (text[i] === '\n') line++;
          value += text[i++];
        }
      } else {
        while (i < text.length && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') value += text[i++];
      }
      fields.push(value);
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === '\r' && text[i + 1] === '\n') i++;
      if (i < text.length && text[i] !== '\n') return `line ${line}: unexpected character after a field`;
      i++;
      line++;
      break;
    }
    const raw = text.slice(start, i);
    records.push({ line: startLine, raw: raw.endsWith('\n') ? raw : `${raw}\n`, fields });
  }
  return records;
}

/** "0, 3–7, 12" for a sorted list (at most `shown` runs, then "…"). */
function describeCells(cells: number[], shown = 12): string {
  const runs: string[] = [];
  for (let i = 0; i < cells.length;) {
    let j = i;
    while (j + 1 < cells.length && cells[j + 1] === cells[j] + 1) j++;
    runs.push(i === j ? String(cells[i]) : `${cells[i]}–${cells[j]}`);
    i = j + 1;
  }
  return runs.length > shown ? `${runs.slice(0, shown).join(', ')}, …` : runs.join(', ');
}

function isSweepHeader(fields: string[]): boolean {
  const tail = fields.slice(fields.length - MEASURE_COLUMNS.length);
  return (
    fields[0] === 'cell' && fields.length > MEASURE_COLUMNS.length + 1 && tail.every((f, i) => f === MEASURE_COLUMNS[i])
  );
}

export function mergeSweepCsv(parts: CsvPart[], expectedCells?: number): MergeResult {
  const errors: string[] = [];
  if (parts.length === 0) return { ok: false, errors: ['no parts to merge'] };
  let header: CsvRecord | undefined;
  let headerFrom = '';
  /** cell → the part holding it (index into parts) and its rows */
  const byCell = new Map<number, { part: number; rows: string[] }>();
  parts.forEach((part, partIndex) => {
    const records = parseCsvRecords(part.text);
    if (typeof records === 'string') return errors.push(`${part.name}: ${records}`);
    if (records.length === 0) return errors.push(`${part.name}: is empty (not even a header)`);
    const [head, ...rows] = records;
    if (!isSweepHeader(head.fields)) {
      return errors.push(
        `${part.name}: line 1 is not a sweep header (expected cell, the axis paths, ${MEASURE_COLUMNS.join(', ')})`,
      );
    }
    if (header === undefined) {
      header = head;
      headerFrom = part.name;
    } else if (head.raw !== header.raw) {
      return errors.push(
        `${part.name}: its header differs from ${headerFrom}'s, so it is from another sweep (${head.raw.trim()} vs ${header.raw.trim()})`,
      );
    }
    let previous = -1;
    for (const row of rows) {
      const where = `${part.name} line ${row.line}`;
      if (row.fields.length !== head.fields.length) {
        errors.push(`${where}: ${row.fields.length} fields, the header has ${head.fields.length}`);
        continue;
      }
      const cellText = row.fields[0];
      const cell = Number(cellText);
      if (!/^\d+$/.test(cellText) || !Number.isSafeInteger(cell)) {
        errors.push(`${where}: cell '${cellText}' is not a cell number`);
        continue;
      }
      if (cell < previous) {
        errors.push(`${where}: cell ${cell} comes after cell ${previous} (rows must be in cell order)`);
        continue;
      }
      const entry = byCell.get(cell);
      if (entry === undefined) byCell.set(cell, { part: partIndex, rows: [row.raw] });
      else if (entry.part !== partIndex) {
        const other =
          parts[entry.part].name === part.name
            ? 'an earlier argument: the same file given twice'
            : parts[entry.part].name;
        errors.push(`${where}: cell ${cell} is also in ${other} (parts of one sharding hold each cell once)`);
        continue;
      } else if (cell !== previous) {
        errors.push(`${where}: the rows of cell ${cell} are not together`);
        continue;
      } else entry.rows.push(row.raw);
      previous = cell;
    }
    return 0;
  });
  const cells = [...byCell.keys()].sort((a, b) => a - b);
  const total = expectedCells ?? (cells.length === 0 ? 0 : cells[cells.length - 1] + 1);
  const missing: number[] = [];
  for (let cell = 0, at = 0; cell < total; cell++) {
    if (cells[at] === cell) at++;
    else missing.push(cell);
  }
  if (missing.length > 0)
    errors.push(
      `${missing.length} cell${missing.length === 1 ? ' is' : 's are'} missing: ${describeCells(missing)} (a shard not given, or one that did not finish?)`,
    );
  const beyond = cells.filter((cell) => cell >= total);
  if (beyond.length > 0) errors.push(`cells ${describeCells(beyond)} are beyond the expected ${total} cells`);
  if (header !== undefined && cells.length === 0 && errors.length === 0) errors.push('the parts hold no rows');
  if (errors.length > 0 || header === undefined) return { ok: false, errors };
  let csv = header.raw;
  for (const cell of cells) csv += byCell.get(cell)!.rows.join('');
  return { ok: true, csv, cells: cells.length };
}
