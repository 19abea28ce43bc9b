// The online reduced-order-modelling experiment of the authors' KdV figures (ROMs_error.png,
// ROMs_iters.png): train the decoder offline, then for m = 1 … 128 samples of the test state compare the
// linear ROM, the nonlinear ROM at θ₀, GD for 100 and 1000 iterations, NGD and natural Nesterov.
// Prints the relative L2 error and the iterations (to convergence for NGD and Nesterov).
//
//   npx tsx scripts/rom-experiment.ts [--samples-seed 3] [--m 1,2,4,8,16,32,64,128] [--gd-alpha 0.05]

import { buildOfflineRom, KDV_ROM_CONFIG } from '../src/engine/rom/offline';
import {
  KDV_TEST_STATE,
  ONLINE_METHODS,
  onlineProblem,
  runOnlineMethod,
  samplePointIndices,
} from '../src/engine/rom/online';

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && at + 1 < process.argv.length ? process.argv[at + 1] : fallback;
}

const samplesSeed = Number(option('samples-seed', '3'));
const sampleCounts = option('m', '1,2,4,8,16,32,64,128').split(',').map(Number);
const gdAlpha = option('gd-alpha', '');
const methods = ONLINE_METHODS.map((method) =>
  gdAlpha !== '' && method.optimizer?.preconditioner === 'identity'
    ? { ...method, optimizer: { ...method.optimizer, alpha: Number(gdAlpha) } }
    : method,
);

const cpuBefore = process.cpuUsage();
const rom = buildOfflineRom(KDV_ROM_CONFIG);
const cpuSeconds = process.cpuUsage(cpuBefore).user / 1e6;
const { decoder } = KDV_ROM_CONFIG;
console.log(
  `decoder [${KDV_ROM_CONFIG.n}, ${decoder.hidden.join(', ')}, ${KDV_ROM_CONFIG.N - KDV_ROM_CONFIG.n}] ${decoder.activation}, ` +
    `${decoder.optimizer} ${decoder.iterations} it, seed ${decoder.seed}: offline ${cpuSeconds.toFixed(1)} s CPU ` +
    `(training ${(rom.trainingTime / 1000).toFixed(1)} s wall), training RMS error ${rom.training?.rmsError.toExponential(2)}`,
);

const header = ['m', ...methods.map((method) => method.key)];
console.log(header.join('\t'));
for (const m of [...sampleCounts, rom.grid.n]) {
  const indices =
    m === rom.grid.n ? Int32Array.from({ length: m }, (_, i) => i) : samplePointIndices(rom.grid.n, m, samplesSeed);
  const problem = onlineProblem(rom, KDV_TEST_STATE, indices);
  const cells = methods.map((method) => {
    const result = runOnlineMethod(problem, method);
    const flag = result.stopReason !== undefined ? ' (stopped)' : '';
    return `${result.relativeError.toExponential(2)} / ${result.iterations}${flag}`;
  });
  console.log([m === rom.grid.n ? `${m} (grid)` : String(m), ...cells].join('\t'));
}
