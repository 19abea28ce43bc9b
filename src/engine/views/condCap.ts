// cond(S_k) of a matrix singular to working precision is reported as the largest value double precision
// can resolve, 1/(p·ε) (src/engine/linalg/eigen.ts): a ceiling, not a measurement. Plots mark values at
// the ceiling as capped instead of letting them read as a real plateau.

/** Relative tolerance for recognising the ceiling (it is computed, so it may differ in the last bits). */
const CAP_TOLERANCE = 1e-9;

/** The ceiling of cond(S) for p parameters. */
export function conditionCap(p: number): number {
  return 1 / (Math.max(1, p) * Number.EPSILON);
}

/** Whether a recorded cond(S) is the ceiling rather than a measured condition number. */
export function isCappedCondition(cond: number, p: number): boolean {
  return Number.isFinite(cond) && cond >= conditionCap(p) * (1 - CAP_TOLERANCE);
}
