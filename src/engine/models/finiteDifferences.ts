// Second-order terms by finite differences, for models whose ∇²_θ v_i is not available in closed form.

export interface FiniteDifferenceWork {
  shifted: Float64Array; // p
  gPlus: Float64Array; // p
  gMinus: Float64Array; // p
}

export function createFiniteDifferenceWork(p: number): FiniteDifferenceWork {
  return { shifted: new Float64Array(p), gPlus: new Float64Array(p), gMinus: new Float64Array(p) };
}

/** The step of central differences in θ_j: 1e-5·max(1, |θ_j|) (error O(h²) ≈ 1e-10, rounding ≈ 1e-11). */
export function finiteDifferenceStep(thetaJ: number): number {
  return 1e-5 * Math.max(1, Math.abs(thetaJ));
}

/**
 * out (p × p) ← the Jacobian of a gradient map g(θ) (e.g. g = Jᵀa, whose Jacobian is Σ_i a_i ∇²_θ v_i),
 * by central differences column by column, then symmetrised: out = (D + Dᵀ)/2. Costs 2p gradients.
 */
export function hessianByFiniteDifferences(
  p: number,
  theta: Float64Array,
  gradient: (theta: Float64Array, g: Float64Array, shiftedIndex: number) => void, // θ differs from the base θ in shiftedIndex only
  out: Float64Array,
  work: FiniteDifferenceWork = createFiniteDifferenceWork(p),
): void {
  const { shifted, gPlus, gMinus } = work;
  shifted.set(theta.subarray(0, p));
  for (let j = 0; j < p; j++) {
    const h = finiteDifferenceStep(theta[j]);
    shifted[j] = theta[j] + h;
    gradient(shifted, gPlus, j);
    shifted[j] = theta[j] - h;
    gradient(shifted, gMinus, j);
    shifted[j] = theta[j];
    const scale = 1 / (2 * h);
    for (let k = 0; k < p; k++) out[k * p + j] = (gPlus[k] - gMinus[k]) * scale;
  }
  for (let k = 0; k < p; k++) {
    for (let j = k + 1; j < p; j++) {
      const mean = 0.5 * (out[k * p + j] + out[j * p + k]);
      out[k * p + j] = mean;
      out[j * p + k] = mean;
    }
  }
}
