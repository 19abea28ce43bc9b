// Fails loudly when the browser the end-to-end tests need is missing: they must never be skipped silently.
import { accessSync, constants } from 'node:fs';

const path = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
try {
  accessSync(path, constants.X_OK);
} catch {
  console.error(
    'Chromium not found at /usr/bin/chromium (or $CHROMIUM_PATH). Install it: apt-get update && apt-get install -y chromium' +
      (process.env.CHROMIUM_PATH ? ` (CHROMIUM_PATH=${process.env.CHROMIUM_PATH})` : ''),
  );
  process.exit(1);
}
