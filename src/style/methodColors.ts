// The method table behind the colours (colors.ts chooses): the method is what an optimizer does (its
// preconditioner and momentum), never its id or its place in the list. A second optimizer of the same
// method in one race gets a dash pattern.
//
// Palette: Okabe–Ito's colour-blind-safe hues, completed with Paul Tol's for ten methods, darkened where
// needed so every line has at least 3:1 contrast on white (WCAG 1.4.11); families share a hue family
// (plain gradient methods dark/neutral, natural ones blue/green/vermillion/purple).

import type { Momentum, Preconditioner } from '../engine/scenario/types';

export type Method =
  | 'gd'
  | 'heavy-ball'
  | 'nesterov'
  | 'ngd'
  | 'nhgd'
  | 'newton'
  | 'natural-heavy-ball'
  | 'natural-nesterov'
  | 'adam'
  | 'lbfgs';

export const METHODS: readonly Method[] = [
  'gd',
  'heavy-ball',
  'nesterov',
  'ngd',
  'nhgd',
  'newton',
  'natural-heavy-ball',
  'natural-nesterov',
  'adam',
  'lbfgs',
];

export const METHOD_COLORS: Readonly<Record<Method, string>> = {
  gd: '#555555', // dark grey
  'heavy-ball': '#A66A00', // dark orange (Okabe–Ito orange, darkened)
  nesterov: '#7A5C1E', // brown
  ngd: '#0072B2', // blue (Okabe–Ito)
  nhgd: '#2493CC', // sky blue (Okabe–Ito, darkened)
  newton: '#009E73', // bluish green (Okabe–Ito)
  'natural-heavy-ball': '#D55E00', // vermillion (Okabe–Ito)
  'natural-nesterov': '#AA3377', // purple (Tol)
  adam: '#332288', // indigo (Tol)
  lbfgs: '#8A8A2E', // olive (Tol, darkened)
};

export const METHOD_NAMES: Readonly<Record<Method, string>> = {
  gd: 'GD',
  'heavy-ball': 'Heavy-Ball',
  nesterov: 'Nesterov',
  ngd: 'NGD',
  nhgd: 'NHGD',
  newton: 'Newton',
  'natural-heavy-ball': 'natural Heavy-Ball',
  'natural-nesterov': 'natural Nesterov',
  adam: 'Adam',
  lbfgs: 'L-BFGS',
};

/** Dash patterns of the second, third, … optimizer of one method in a race (the first is solid). */
export const REPEAT_DASHES: readonly string[] = ['8,4', '2,3', '10,3,2,3'];

/** The method an optimizer runs, from its preconditioner and momentum. */
export function methodOf(spec: { preconditioner: Preconditioner; momentum?: Momentum }): Method {
  const momentum = spec.momentum ?? 'none';
  switch (spec.preconditioner) {
    case 'adam':
      return 'adam';
    case 'lbfgs':
      return 'lbfgs';
    case 'newton':
      return 'newton';
    case 'identity':
      return momentum === 'heavy-ball' ? 'heavy-ball' : momentum === 'nesterov' ? 'nesterov' : 'gd';
    case 'gram':
    case 'loss-hessian':
      if (momentum === 'heavy-ball') return 'natural-heavy-ball';
      if (momentum === 'nesterov') return 'natural-nesterov';
      return spec.preconditioner === 'gram' ? 'ngd' : 'nhgd';
  }
}
