// Fingerprints of every gallery preset's records as the CLI writes them (wall time excluded), and of
// every combination of optimizer options on two toys: one SHA-256 prefix per track.
// `npx tsx scripts/preset-fingerprints.ts --write` saves them; tests/unit/records.golden.test.ts compares
// against the saved file, so a refactor that changes one bit of any record fails.
import { writeFileSync } from 'node:fs';
import { optionMatrixFingerprints, presetFingerprints } from '../tests/unit/fingerprints';

const text = JSON.stringify({ presets: presetFingerprints(), options: optionMatrixFingerprints() }, null, 1) + '\n';
if (process.argv.includes('--write')) writeFileSync('tests/fixtures/preset-records.json', text);
else process.stdout.write(text);
