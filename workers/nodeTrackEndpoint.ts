// Track workers as Node worker threads (the pool's unit test and benchmark): the same host as in the
// browser (workers/trackHost.ts), loaded through tsx so that the TypeScript sources run as they are.

import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { TrackEndpoint } from './trackPool';
import type { FromTrackWorker } from './trackProtocol';

/** Registers tsx in the thread, then loads the track worker. */
const BOOTSTRAP = `
require('tsx/cjs/api').register();
require(${JSON.stringify(fileURLToPath(new URL('./track.node.ts', import.meta.url)))});
`;

export function nodeTrackEndpoint(): TrackEndpoint {
  const worker = new Worker(BOOTSTRAP, { eval: true });
  return {
    post: (message) => worker.postMessage(message),
    listen(onMessage, onError) {
      worker.on('message', (message: FromTrackWorker) => onMessage(message));
      worker.on('error', (error: Error) => onError(error.message));
    },
    terminate: () => void worker.terminate(),
  };
}
