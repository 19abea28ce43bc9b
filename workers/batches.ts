// Records as columnar batches (workers/protocol.ts TrackBatch) and back: the run worker packs what it
// posts to the main thread, a track worker packs what it posts to the run worker, which unpacks it into
// the records its views read. Packing and unpacking copy doubles, so a record survives the trip bit for bit.

import { packFlags, unpackFlags, type IterationRecord } from '../src/engine/records';
import { RECORD_COLUMNS, type RecordColumn, type TrackBatch } from './protocol';

export function packRecords(key: string, records: readonly IterationRecord[], p: number): TrackBatch {
  const count = records.length;
  const columns = {} as Record<RecordColumn, Float64Array>;
  for (const column of RECORD_COLUMNS) {
    const values = new Float64Array(count);
    for (let i = 0; i < count; i++) values[i] = records[i][column];
    columns[column] = values;
  }
  const flags = new Uint8Array(count);
  for (let i = 0; i < count; i++) flags[i] = packFlags(records[i]);
  const withTheta = count > 0 && records.every((r) => r.theta !== undefined && r.theta.length === p);
  const theta = new Float64Array(withTheta ? count * p : 0);
  if (withTheta) for (let i = 0; i < count; i++) theta.set(records[i].theta!, i * p);
  return { key, start: count > 0 ? records[0].k : 0, count, columns, flags, theta, done: false };
}

/**
 * The records of a batch. θ travels for all records of a batch or for none; a batch without θ whose
 * records should carry it cannot occur (a track records θ for a prefix of its iterations, and packRecords
 * drops θ only when some record of the batch has none): those records get none, as in the run.
 */
export function unpackRecords(batch: TrackBatch, p: number): IterationRecord[] {
  const records: IterationRecord[] = [];
  const withTheta = batch.theta.length === batch.count * p && batch.count > 0 && p > 0;
  for (let i = 0; i < batch.count; i++) {
    const record = {} as IterationRecord;
    for (const column of RECORD_COLUMNS) record[column] = batch.columns[column][i];
    unpackFlags(record, batch.flags[i]);
    if (withTheta) record.theta = batch.theta.slice(i * p, (i + 1) * p);
    records.push(record);
  }
  return records;
}

/** The buffers of a batch, to transfer rather than copy. */
export function batchBuffers(batch: TrackBatch): ArrayBuffer[] {
  const buffers: ArrayBuffer[] = [];
  for (const column of RECORD_COLUMNS) buffers.push(batch.columns[column].buffer as ArrayBuffer);
  buffers.push(batch.flags.buffer as ArrayBuffer, batch.theta.buffer as ArrayBuffer);
  return buffers;
}
