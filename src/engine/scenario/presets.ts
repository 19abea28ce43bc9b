// The scenario gallery, in the order the app shows it: first the paper's story on the toy problems of
// docs/ALGORITHMS.md §7 (the parametrisation bias of GD, NGD, NHGD, Newton, and the local minimum that natural
// momentum escapes), then regression, PDEs, classification, time series and 2D problems.
//
// Toy presets share the target c_u = (1, 1) and the start θ_0 = (−1, −0.5) where the model is linear, so
// that their trajectories can be compared across lessons.

import type { OptimizerSpec, Scenario } from './types';
import { optimizerFromPreset, type OptimizerPresetName } from './optimizerPresets';
import { TWISTED_LOSS_PRESET } from './presets/twisted';
import { ROM_PRESETS } from './presets/rom';
import { teachingOf, type PresetTeaching } from './presetTeaching';

export interface ScenarioPreset {
  key: string;
  title: string;
  /** One sentence: what to look at. */
  sentence: string;
  group: 'paper' | 'regression' | 'pde' | 'classification' | 'time-series' | '2d';
  scenario: Scenario;
  /** Focus plots, lesson caption and plot annotations (presetTeaching.ts). */
  teaching: PresetTeaching;
}

/** A named optimizer preset with some fields changed. */
function opt(name: OptimizerPresetName, overrides: Partial<OptimizerSpec> = {}, id: string = name): OptimizerSpec {
  return { ...optimizerFromPreset(name, id), ...overrides };
}

const TOY_TARGET = [1, 1];
const TOY_START = [-1, -0.5];
const IDENTITY_B = [
  [1, 0],
  [0, 1],
];
const K_KERNEL = [
  [1, 0],
  [0, 4],
];

function toyScenario(
  title: string,
  model: Scenario['model'],
  optimizers: OptimizerSpec[],
  options: { K?: number[][]; c?: number[]; theta0?: number[]; iterations?: number } = {},
): Scenario {
  return {
    version: 1,
    title,
    problem: {
      space: 'exact',
      domain: [[-1, 1]],
      target: { kind: 'coefficients', c: options.c ?? TOY_TARGET },
      loss: options.K === undefined ? { kind: 'l2' } : { kind: 'l2', K: options.K },
    },
    model,
    init: { theta0: options.theta0 ?? TOY_START },
    optimizers,
    run: { iterations: options.iterations ?? 100 },
  };
}

/** The paper's central example (docs/ALGORITHMS.md §7): c(θ) = s(θ b + a θ² b⊥), K = diag(4, 1), c_u = c(−1). */
const LOCAL_MINIMUM: Scenario = toyScenario(
  'Escaping a local minimum',
  { kind: 'toy', name: 'curve', params: { phi_deg: 0, a: 3, s: 0.1 } },
  [opt('nhgd', { alpha: 0.5 }), opt('natural-heavy-ball'), opt('natural-nesterov')],
  {
    K: [
      [4, 0],
      [0, 1],
    ],
    c: [-0.1, 0.3],
    theta0: [1.6],
  },
);

export const DEFAULT_SCENARIO: Scenario = LOCAL_MINIMUM;

function sampled1D(
  title: string,
  domain: [number, number],
  target: string,
  model: Scenario['model'],
  optimizers: OptimizerSpec[],
  iterations: number,
  init: Scenario['init'] = { seed: 1 },
): Scenario {
  return {
    version: 1,
    title,
    problem: {
      space: 'sampled',
      domain: [domain],
      target: { kind: 'expression', expr: target },
      loss: { kind: 'l2' },
      quadrature: { kind: 'gauss-legendre', m: 200 },
    },
    model,
    init,
    optimizers,
    run: { iterations },
  };
}

function pdeScenario(
  title: string,
  domain: [number, number],
  loss: Scenario['problem']['loss'],
  optimizers: OptimizerSpec[],
  iterations: number,
): Scenario {
  return {
    version: 1,
    title,
    problem: { space: 'sampled', domain: [domain], loss, quadrature: { kind: 'gauss-legendre', m: 200 } },
    model: { kind: 'mlp', layers: [1, 20, 1], activation: 'tanh' },
    init: { seed: 1 },
    optimizers,
    run: { iterations },
  };
}

const ENERGY_NGD = opt('nhgd', { label: 'Energy NGD (NHGD)' });

/**
 * Natural momentum on networks: from a random start a fixed α with β = 0.9 overshoots in the first
 * iterations (losses up to 1e2–1e3 before recovering); Armijo with β = 0.5 and function restarts keeps
 * every iterate below the initial loss. Measured: reaction–diffusion ε = 0.1 below error 1e-5 in 31–38
 * iterations against 133 for energy NGD with α = 0.5; sine-mlp at L ≈ 1e-8 by k = 40.
 */
const NETWORK_MOMENTUM = { beta: 0.5, step: { rule: 'armijo' }, restart: 'function' } as const;
const FRANKE =
  '0.75*exp(-(9*x-2)^2/4-(9*y-2)^2/4)+0.75*exp(-(9*x+1)^2/49-(9*y+1)/10)' +
  '+0.5*exp(-(9*x-7)^2/4-(9*y-3)^2/4)-0.2*exp(-(9*x-4)^2-(9*y-7)^2)';
const BUMP = 'exp(-20*(x-0.3)^2)';

function franke(title: string, model: Scenario['model'], optimizers: OptimizerSpec[], iterations: number): Scenario {
  return {
    version: 1,
    title,
    problem: {
      space: 'sampled',
      domain: [
        [0, 1],
        [0, 1],
      ],
      target: { kind: 'expression', expr: FRANKE },
      loss: { kind: 'l2' },
      quadrature: { kind: 'gauss-legendre', m: 400 },
    },
    model,
    init: { seed: 1 },
    optimizers,
    run: { iterations },
  };
}

function preset(key: string, group: ScenarioPreset['group'], sentence: string, scenario: Scenario): ScenarioPreset {
  // A deep copy: presets share constants, and callers may edit what they get.
  return {
    key,
    title: scenario.title ?? key,
    sentence,
    group,
    scenario: structuredClone(scenario),
    teaching: teachingOf(key),
  };
}

export const SCENARIO_PRESETS: ScenarioPreset[] = [
  // ---- the paper's story ------------------------------------------------------------------------
  preset(
    'orthonormal-gd',
    'paper',
    'With B = I the parameters are the coefficients on an orthonormal basis: the gradient is the functional gradient, so GD walks straight to the target, on the same path as NGD.',
    toyScenario('GD on an orthonormal basis', { kind: 'toy', name: 'linear', params: { B: IDENTITY_B } }, [
      opt('gd', { alpha: 0.1 }),
      opt('ngd', { alpha: 0.1 }),
    ]),
  ),
  preset(
    'parametrisation-bias',
    'paper',
    'With B = diag(1, 0.2) the second coefficient is 5× harder to move: GD bends towards the easy direction and crawls along the hard one, NGD still goes straight.',
    toyScenario('GD biased by the parametrisation', { kind: 'toy', name: 'linear' }, [
      opt('gd', { alpha: 0.5 }),
      opt('ngd', { alpha: 0.5 }),
    ]),
  ),
  preset(
    'ngd-one-step',
    'paper',
    'NGD with α = 1 projects the functional gradient on the tangent space: on a linear model with K = I it lands on the target in one step, where GD and Heavy-Ball need many.',
    toyScenario('NGD fixes it', { kind: 'toy', name: 'linear' }, [
      opt('ngd', { alpha: 1 }),
      opt('gd', { alpha: 0.5 }),
      opt('heavy-ball', { alpha: 0.5 }),
    ]),
  ),
  preset(
    'kernel-nhgd',
    'paper',
    'With a non-isotropic loss (K = diag(1, 4)) the functional gradient no longer points at the target: NGD curves and needs α < 0.5, NHGD uses the metric of the loss and lands in one step with α = 1.',
    toyScenario(
      'A non-isotropic loss: NGD is not enough, NHGD is',
      { kind: 'toy', name: 'kernel' },
      [opt('gd', { alpha: 0.5 }), opt('ngd', { alpha: 0.2 }), opt('nhgd', { alpha: 1 })],
      { K: K_KERNEL },
    ),
  ),
  preset(
    'newton-linear',
    'paper',
    'On a linear model with a quadratic loss the Hessian is the Gram matrix: Newton and NGD take exactly the same steps.',
    toyScenario('Newton = NGD on linear models', { kind: 'toy', name: 'linear' }, [
      opt('newton', { alpha: 0.5 }),
      opt('ngd', { alpha: 0.5 }),
      opt('gd', { alpha: 0.5 }),
    ]),
  ),
  preset(
    'curved-manifold',
    'paper',
    'On a curved manifold (quadratic toy, K = diag(1, 4)) GD, NGD, NHGD and Newton all take different paths to the same target.',
    toyScenario(
      'A curved manifold',
      { kind: 'toy', name: 'quadratic' },
      [
        opt('gd', { alpha: 0.2 }),
        opt('ngd', { alpha: 0.2 }),
        opt('nhgd', { alpha: 0.5 }),
        opt('newton', { alpha: 0.5 }),
      ],
      { K: K_KERNEL, c: [0.7, 0.7], theta0: [-0.5, 0.5] },
    ),
  ),
  preset(
    'local-minimum',
    'paper',
    'The loss has a spurious local minimum near θ = 0.667: NHGD stops there, natural Heavy-Ball and natural Nesterov carry enough momentum to pass it and reach the target.',
    LOCAL_MINIMUM,
  ),
  { ...TWISTED_LOSS_PRESET, scenario: structuredClone(TWISTED_LOSS_PRESET.scenario) },

  // ---- regression ---------------------------------------------------------------------------------
  preset(
    'sine-mlp',
    'regression',
    'A 1-20-1 tanh network fitting one period of a sine: natural methods reach rounding-level errors in tens of iterations, GD and Adam plateau.',
    sampled1D(
      'A sine with a small network',
      [0, 1],
      'sin(2*pi*x)',
      { kind: 'mlp', layers: [1, 20, 1], activation: 'tanh' },
      [opt('gd', { alpha: 0.1 }), opt('adam'), opt('ngd', { alpha: 0.5 }), opt('natural-heavy-ball', NETWORK_MOMENTUM)],
      300,
    ),
  ),
  preset(
    'runge-legendre',
    'regression',
    "Runge's function on 12 Legendre polynomials: a linear least-squares problem that NGD solves in a few steps and GD only slowly.",
    sampled1D(
      "Runge's function on a Legendre basis",
      [-1, 1],
      '1/(1+25*x^2)',
      { kind: 'linear', basis: 'legendre', n: 12 },
      [opt('gd', { alpha: 0.5 }), opt('ngd', { alpha: 0.5 }), opt('lbfgs')],
      100,
      { theta0: new Array<number>(12).fill(0) },
    ),
  ),
  preset(
    'bump-mlp',
    'regression',
    'A narrow Gaussian bump: the network must move its features to x = 0.3, which natural methods do in far fewer iterations than Adam.',
    sampled1D(
      'A Gaussian bump',
      [-1, 1],
      BUMP,
      { kind: 'mlp', layers: [1, 16, 1], activation: 'tanh' },
      [opt('adam'), opt('ngd', { alpha: 0.5 }), opt('natural-nesterov', NETWORK_MOMENTUM)],
      300,
    ),
  ),
  preset(
    'bump-expression',
    'regression',
    'A three-parameter model a·exp(−b(x−c)²) that contains the target: the manifold is curved, and the methods differ in how they move its centre and width.',
    sampled1D(
      'Fitting a bump with a formula',
      [-1, 1],
      BUMP,
      { kind: 'expression', expr: 'a*exp(-b*(x-c)^2)', params: ['a', 'b', 'c'] },
      [opt('gd', { alpha: 0.1 }), opt('ngd', { alpha: 0.5 }), opt('newton', { alpha: 0.5 }), opt('natural-heavy-ball')],
      100,
      { theta0: [0.5, 5, 0] },
    ),
  ),
  ...ROM_PRESETS.map((p) => ({ ...p, scenario: structuredClone(p.scenario) })),

  // ---- PDEs ----------------------------------------------------------------------------------------
  preset(
    'reaction-diffusion',
    'pde',
    '−εu″ + u′ = 1 with ε = 0.1 and a boundary layer at x = 1: energy natural gradient (NHGD) and its momentum variants against Adam and L-BFGS.',
    pdeScenario(
      'Reaction–diffusion, ε = 0.1',
      [0, 1],
      { kind: 'pde', equation: 'reaction-diffusion', eps: 0.1 },
      [
        opt('adam'),
        opt('lbfgs'),
        opt('ngd', { step: { rule: 'armijo' } }),
        ENERGY_NGD,
        opt('natural-heavy-ball', NETWORK_MOMENTUM),
        opt('natural-nesterov', NETWORK_MOMENTUM),
      ],
      200,
    ),
  ),
  preset(
    'reaction-diffusion-thin',
    'pde',
    'With ε = 0.01 the boundary layer is ten times thinner and the problem much stiffer: the natural methods need a line search, a smaller step or restarts, and Adam does not resolve the layer at all.',
    pdeScenario(
      'Reaction–diffusion, ε = 0.01',
      [0, 1],
      { kind: 'pde', equation: 'reaction-diffusion', eps: 0.01 },
      [
        opt('adam'),
        opt('lbfgs'),
        opt('ngd', { step: { rule: 'armijo' } }),
        opt('nhgd', { label: 'Energy NGD + Armijo', step: { rule: 'armijo' } }),
        opt('natural-heavy-ball', { alpha: 0.1, restart: 'function' }),
        opt('natural-nesterov', { alpha: 0.1 }),
      ],
      300,
    ),
  ),
  preset(
    'nonlinear-neumann',
    'pde',
    'A nonlinear equation −u″ + u³ = f with Neumann conditions: the loss-Hessian metric includes the 3u² term of the linearisation.',
    pdeScenario(
      'A nonlinear PDE',
      [-1, 1],
      { kind: 'pde', equation: 'nonlinear' },
      [
        opt('adam'),
        opt('lbfgs'),
        opt('ngd', { step: { rule: 'armijo' } }),
        ENERGY_NGD,
        opt('natural-heavy-ball', NETWORK_MOMENTUM),
        opt('natural-nesterov', NETWORK_MOMENTUM),
      ],
      200,
    ),
  ),
  preset(
    'poisson',
    'pde',
    'The Poisson equation −u″ = π² sin(πx) with a Dirichlet ansatz: the simplest PINN, solved to high accuracy by energy natural gradient.',
    pdeScenario(
      'Poisson equation',
      [0, 1],
      { kind: 'pde', equation: 'poisson', f: 'pi^2*sin(pi*x)' },
      [opt('adam'), ENERGY_NGD, opt('natural-heavy-ball', NETWORK_MOMENTUM), opt('natural-nesterov', NETWORK_MOMENTUM)],
      200,
    ),
  ),

  // ---- classification ------------------------------------------------------------------------------
  preset(
    'xor',
    'classification',
    'Noisy XOR with a 2-8-1 network and cross-entropy: NHGD is the Gauss–Newton (Fisher) method; with fixed steps the natural methods saturate the sigmoid, an Armijo line search keeps them on track.',
    {
      version: 1,
      title: 'XOR classification',
      problem: {
        space: 'sampled',
        domain: [
          [-1, 1],
          [-1, 1],
        ],
        target: { kind: 'dataset', name: 'xor', n: 200, noise: 0.1, seed: 1 },
        loss: { kind: 'cross-entropy' },
      },
      model: { kind: 'mlp', layers: [2, 8, 1], activation: 'tanh', output: 'sigmoid' },
      init: { seed: 1 },
      optimizers: [
        opt('gd', { alpha: 0.5 }),
        opt('adam', { alpha: 0.05 }),
        opt('ngd', { label: 'NGD + Armijo', step: { rule: 'armijo' } }),
        opt('nhgd', { label: 'NHGD + Armijo', step: { rule: 'armijo' } }),
      ],
      run: { iterations: 300 },
    },
  ),

  // ---- time series ---------------------------------------------------------------------------------
  preset(
    'mackey-glass',
    'time-series',
    'Predicting the chaotic Mackey–Glass series six steps ahead from four lagged values; the last 20 % of the samples are held out.',
    {
      version: 1,
      title: 'Mackey–Glass prediction',
      problem: {
        space: 'sampled',
        domain: [[0, 1.5]],
        target: { kind: 'dataset', name: 'mackey-glass', n: 500 },
        loss: { kind: 'l2' },
      },
      model: { kind: 'mlp', layers: [4, 10, 1], activation: 'tanh' },
      init: { seed: 1 },
      optimizers: [opt('adam'), opt('lbfgs'), opt('nhgd'), opt('natural-nesterov')],
      run: { iterations: 300 },
    },
  ),

  // ---- 2D ------------------------------------------------------------------------------------------
  preset(
    'franke-mlp',
    '2d',
    "Franke's test function on the unit square with a 2-20-1 network.",
    franke(
      "Franke's function, network",
      { kind: 'mlp', layers: [2, 20, 1], activation: 'tanh' },
      [opt('adam'), opt('lbfgs'), opt('ngd', { alpha: 0.5 }), opt('natural-nesterov', NETWORK_MOMENTUM)],
      300,
    ),
  ),
  preset(
    'franke-tensor',
    '2d',
    "Franke's function as a sum of 3 separable terms of degree-5 Legendre factors: a multilinear model whose Gram matrix is rank-deficient by construction.",
    franke(
      "Franke's function, rank-3 tensor",
      { kind: 'tensor', format: 'cp', rank: 3, basis: 'legendre', n: 6 },
      [opt('gd', { alpha: 0.1 }), opt('ngd', { alpha: 0.5 }), opt('natural-heavy-ball')],
      200,
    ),
  ),
];

export function findPreset(key: string): ScenarioPreset | undefined {
  return SCENARIO_PRESETS.find((p) => p.key === key);
}
