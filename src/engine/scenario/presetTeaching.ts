// What each gallery preset teaches, for presentation mode and the plots: the 2–3 plots that carry the
// lesson (shown side by side on a projector), the sentence the picture must prove (the caption), and
// annotations drawn in the plots (the spurious local minimum, the boundary layer…).
// Keyed by preset key, so the preset literals stay as they are.

/** Plot ids, as in links' `?embed=` (docs/SCENARIO.md "Views of a link"). */
export type PlotId = 'approximation' | 'loss' | 'parameters' | 'function-space' | 'diagnostics';

export const PLOT_IDS: readonly PlotId[] = ['approximation', 'loss', 'parameters', 'function-space', 'diagnostics'];

export type PlotAnnotation =
  /** A marked point in data coordinates (on the p = 1 parameter plot: (θ, L(θ)), checked by a unit test). */
  | { plot: PlotId; kind: 'point'; x: number; y: number; label: string }
  /** A shaded interval of x (approximation plot). */
  | { plot: PlotId; kind: 'band'; x0: number; x1: number; label: string }
  /** A sentence shown above the plot. */
  | { plot: PlotId; kind: 'note'; label: string };

export interface PresetTeaching {
  /** The plots that carry the lesson, in the order they are shown. */
  focus: PlotId[];
  /** What the picture must show, as one caption. */
  lesson: string;
  annotations: PlotAnnotation[];
  /** Scale of the L(θ) curve (p = 1); default: log when it spans more than two decades. */
  parameterScale?: 'linear' | 'log';
}

const TARGET = { x: 1, y: 1 };

export const PRESET_TEACHING: Readonly<Record<string, PresetTeaching>> = {
  'orthonormal-gd': {
    focus: ['function-space', 'loss'],
    lesson:
      'GD ≡ NGD here: on an orthonormal basis both walk the same straight line to the target u (dashed over solid).',
    annotations: [{ plot: 'loss', kind: 'note', label: 'GD and NGD: the same curve (NGD dashed on top of GD).' }],
  },
  'parametrisation-bias': {
    focus: ['function-space', 'parameters'],
    lesson: 'B = diag(1, 0.2): GD bends towards the easy direction and crawls along the hard one; NGD stays straight.',
    annotations: [
      {
        plot: 'function-space',
        kind: 'note',
        label: 'Easy direction: the first coefficient (B₁₁ = 1); hard: the second (B₂₂ = 0.2).',
      },
    ],
  },
  'ngd-one-step': {
    focus: ['function-space', 'loss'],
    lesson: 'NGD with α = 1 lands on the projection in one step; GD and Heavy-Ball take many.',
    annotations: [
      { plot: 'function-space', kind: 'point', ...TARGET, label: 'one NGD step (α = 1) lands on the projection' },
      { plot: 'loss', kind: 'note', label: 'k = 1: NGD’s loss drops to rounding level in one step.' },
    ],
  },
  'kernel-nhgd': {
    focus: ['function-space', 'loss'],
    lesson:
      'The level sets of 𝓛 are ellipses: NGD curves across them, NHGD goes straight to the minimiser in one step.',
    annotations: [{ plot: 'function-space', kind: 'point', ...TARGET, label: 'minimiser of 𝓛 (NHGD: one step)' }],
  },
  'newton-linear': {
    focus: ['loss', 'function-space'],
    lesson: 'Newton ≡ NGD on a linear model: two coinciding curves, both visible; GD apart.',
    annotations: [
      { plot: 'loss', kind: 'note', label: 'Newton ≡ NGD (identical steps): NGD is drawn dashed over Newton.' },
    ],
  },
  'curved-manifold': {
    focus: ['function-space', 'parameters'],
    lesson: 'On a curved manifold GD, NGD, NHGD and Newton take four different paths to the same target.',
    annotations: [
      { plot: 'function-space', kind: 'note', label: 'The black curves are the manifold M of the model’s functions.' },
    ],
  },
  'local-minimum': {
    focus: ['parameters', 'loss'],
    lesson:
      'NHGD stops at the spurious local minimum (θ ≈ 0.667, L = 6.9e-2); natural Heavy-Ball and natural Nesterov pass it and reach the target.',
    parameterScale: 'linear',
    annotations: [
      { plot: 'parameters', kind: 'point', x: 2 / 3, y: 5 / 72, label: 'local minimum θ ≈ 0.667, L = 6.9e-2' },
      { plot: 'parameters', kind: 'point', x: -1, y: 0, label: 'global minimum (target)' },
    ],
  },
  'twisted-loss': {
    focus: ['function-space', 'loss'],
    lesson:
      'A loss that is not quadratic: NHGD and natural Heavy-Ball wait on a plateau; natural Nesterov leaves it first and reaches rounding level.',
    annotations: [
      {
        plot: 'loss',
        kind: 'note',
        label: 'The plateau near 𝓛 ≈ 5e-2: NHGD leaves at k ≈ 130, natural Nesterov at k ≈ 60.',
      },
    ],
  },
  'rom-kdv-20': {
    focus: ['approximation', 'loss'],
    lesson:
      'From 20 samples, the nonlinear ROM with NGD reaches the decoder’s floor in about ten iterations; the linear ROM stays near 40 % error.',
    annotations: [],
  },
  'rom-kdv-samples': {
    focus: ['approximation', 'loss'],
    lesson: 'With 128 samples every method reaches the decoder’s floor; the sweep over m shows where each starts to.',
    annotations: [],
  },
  'reaction-diffusion': {
    focus: ['approximation', 'loss'],
    lesson: 'Energy NGD and natural momentum reach errors near 1e-7 where Adam stalls orders of magnitude higher.',
    annotations: [{ plot: 'approximation', kind: 'band', x0: 0.7, x1: 1, label: 'boundary layer (ε = 0.1)' }],
  },
  'reaction-diffusion-thin': {
    focus: ['approximation', 'loss'],
    lesson: 'ε = 0.01: a ten times thinner boundary layer; the natural methods resolve it, Adam does not.',
    annotations: [{ plot: 'approximation', kind: 'band', x0: 0.95, x1: 1, label: 'boundary layer (ε = 0.01)' }],
  },
  xor: {
    focus: ['approximation', 'loss'],
    lesson: 'The metric of the loss (NHGD) is what makes natural gradient work for cross-entropy.',
    annotations: [],
  },
  'mackey-glass': {
    focus: ['approximation', 'loss'],
    lesson: 'Forecast against truth on the held-out window (grey): the train loss alone does not tell the forecast.',
    annotations: [],
  },
  'franke-mlp': {
    focus: ['approximation', 'loss'],
    lesson: 'Target, approximation and error side by side: where the network still misses the function.',
    annotations: [],
  },
  'franke-tensor': {
    focus: ['approximation', 'loss'],
    lesson: 'A rank-3 tensor model: its Gram matrix is singular by construction, natural methods still converge.',
    annotations: [],
  },
};

const DEFAULT_TEACHING: PresetTeaching = { focus: ['approximation', 'loss'], lesson: '', annotations: [] };

/** The teaching notes of a preset (focus: approximation and loss, no annotations, when none are declared). */
export function teachingOf(presetKey: string | null | undefined): PresetTeaching {
  return (presetKey ? PRESET_TEACHING[presetKey] : undefined) ?? DEFAULT_TEACHING;
}

/** A shared empty list (stable across renders). */
export const NO_ANNOTATIONS: readonly PlotAnnotation[] = [];
