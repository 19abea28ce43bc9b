// Records are a contract: links saved by users reproduce their numbers. Every preset and every
// combination of optimizer options must give the records saved in tests/fixtures/preset-records.json
// to the last bit (regenerate deliberately with `npx tsx scripts/preset-fingerprints.ts --write`).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
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
