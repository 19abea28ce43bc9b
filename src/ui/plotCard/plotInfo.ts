// The ⓘ of every plot: what it shows, in two plain sentences, for the scenario on screen (the parameter
// plane is a curve for p = 1, the level sets for p = 2, a PCA plane above; function space is a coefficient
// plane for exact spaces and a plane through v₀ for sampled ones).

import type { PlotId } from '../../engine/scenario/presetTeaching';
import { conditionCap } from '../../engine/views/condCap';

export interface PlotContext {
  /** Number of parameters (0 before the first run answered). */
  p: number;
  space: 'exact' | 'sampled';
  /** The problem's domain has two dimensions (heatmaps). */
  twoDimensional: boolean;
}

export function plotInfo(id: PlotId, context: PlotContext): string {
  switch (id) {
    case 'approximation':
      return context.twoDimensional
        ? 'Three heatmaps: the target u, the function v_θ of the chosen optimizer, and their difference (white is no error). The dots are the quadrature points where the loss is evaluated (a checkbox hides them).'
        : 'The target (black, dashed) and the function v_θ each optimizer has reached at the current iteration. Ticks along the bottom are the quadrature points where the loss is evaluated; for a PDE the lower panel is the residual of the equation.';
    case 'loss':
      return 'The loss L(θ_k) after each iteration k on a logarithmic scale, one line per optimizer; dotted lines are the error to the exact solution where it is known. A steep fall is fast convergence, a flat stretch means the method is stuck.';
    case 'parameters':
      if (context.p === 1) {
        return 'The loss L(θ) over the single parameter θ (black curve) with each optimizer’s iterates on it: square = start, disc = current iterate. A dip that is not the lowest point is a spurious local minimum where a method can stop.';
      }
      if (context.p === 2) {
        return 'Level sets of the loss over the two parameters (darker is lower) with each optimizer’s path: square = start θ₀, disc = current iterate. Paths that bend show how the parametrisation steers plain gradient descent.';
      }
      return 'There are more than two parameters, so the paths are shown in the PC plane: the plane of the two directions (PC1, PC2) along which all iterates vary most, found by principal component analysis. The colours are the loss on that plane; square = start, disc = current iterate.';
    case 'function-space':
      return context.space === 'exact'
        ? 'Each function is a point of the plane of its two coefficients: the grey ellipses are level sets of the loss 𝓛, the black curves the manifold M of functions the model can reach, the star the target u. Each path is one optimizer’s functions v_θ, iteration after iteration.'
        : 'Functions live in an infinite-dimensional space; this is the plane through the start v₀ spanned by u − v₀ (pointing to the target u) and the iterates’ main other direction. A path straight along the u − v₀ axis heads directly for the target.';
    case 'diagnostics':
      return `cond(S_k) is the condition number of the matrix S_k natural methods solve with (Gram matrix, loss Hessian G^H or Newton Hessian); when S_k is singular to working precision it is capped at 1/(p·ε) (${conditionCap(Math.max(1, context.p)).toExponential(1)} here), marked by a dashed line, so a flat line there means "singular", not a measurement. The other panels show the step α, the step length ‖d‖ and the cosine between the step and −∇L; ticks under a panel mark Newton fallbacks, failed line searches and momentum restarts.`;
  }
}
