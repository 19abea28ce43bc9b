// Records are a contract: links saved by users reproduce their numbers. Every preset and every
// combination of optimizer options must give the records saved in tests/fixtures/preset-records.json
// to the last bit (regenerate deliberately with `npx tsx scripts/preset-fingerprints.ts --write`).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resultToCsv } from '../../src/engine/export';
import { blankRecord, packFlags, unpackFlags } from '../../src/engine/records';
import { optionMatrixFingerprints, presetFingerprints } from './fingerprints';

const saved = JSON.parse(readFileSync(new URL('../fixtures/preset-records.json', import.meta.url), 'utf8')) as {
  presets: Record<string, Record<string, string>>;
  options: Record<string, string>;
};

describe('records are bit-identical to the saved fingerprints', () => {
  it('every gallery preset', () => {
    expect(presetFingerprints()).toEqual(saved.presets);
  }, 120_000);

  it('every combination of optimizer options on two toys', () => {
    expect(optionMatrixFingerprints()).toEqual(saved.options);
  }, 120_000);
});

describe('the record table drives the exports', () => {
  it('CSV columns keep their names and order', () => {
    const header = resultToCsv([]).split('\n')[0];
    expect(header).toBe(
      'track,optimizer,seed,k,loss,alpha,dir_norm,cond,cosine,newton_fallback,armijo_failed,restarted,error,rel_error,eval_loss,time_ms',
    );
  });

  it('flags pack into one byte and back', () => {
    const record = blankRecord(3, 0.5);
    record.armijoFailed = true;
    record.restarted = true;
    const copy = blankRecord(3, 0.5);
    unpackFlags(copy, packFlags(record));
    expect(copy).toEqual(record);
    expect(packFlags(blankRecord(0, 0))).toBe(0);
  });
});
