// What a run records per iteration (ALGORITHMS.md §6).

export interface IterationRecord {
  k: number;
  loss: number;
  /** θ_k (omitted when p > 1000). */
  theta?: Float64Array;
  /** Step size used to go from θ_k to θ_{k+1} (NaN on the last record). */
  alpha: number;
  /** ‖d‖ of the direction applied at θ_k (NaN on the last record). */
  dirNorm: number;
  /** cond(S_k) of the unregularised S; NaN when not computed (identity, lstsq, adam, lbfgs). */
  cond: number;
  /** cos(−∇L(θ_k), θ_{k+1} − θ_k); NaN on the last record. */
  cosine: number;
  /** Newton fell back to G^H at this iteration. */
  newtonFallback: boolean;
  /** Armijo found no acceptable step at this iteration. */
  armijoFailed: boolean;
  /** Momentum restarted at this iteration (restart = function). */
  restarted: boolean;
  /** V-norm distance to the exact solution / best approximation; NaN when unknown. */
  error: number;
  /** Relative error ‖v−v*‖/‖v*‖; NaN when unknown. */
  relError: number;
  /** Loss on the fixed evaluation grid when quadrature resamples; NaN otherwise. */
  evalLoss: number;
  /** Wall time in ms since this optimizer started. */
  time: number;
}

export interface OptimizerRunState {
  id: string;
  seed: number;
  records: IterationRecord[];
  done: boolean;
  /** Why the run ended early, e.g. "diverged at k = 37: L = Infinity". */
  stopReason?: string;
}
