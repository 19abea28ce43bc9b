// Distinct thumbnails for the gallery's non-toy presets: the preset's own target or exact solution,
// sampled here for the picture only (the engine computes the real thing), and a tag naming the model, so
// no two cards share a picture.

import type { ReactNode } from 'react';

const WIDTH = 120;
const HEIGHT = 90;
const SAMPLES = 120;

interface CurveGlyph {
  domain: [number, number];
  f: (x: number) => number;
  tag: string;
}

/** −εu″ + u′ = 1, u(0) = u(1) = 0: u = x − (e^{(x−1)/ε} − e^{−1/ε}) / (1 − e^{−1/ε}). */
function reactionDiffusion(eps: number): (x: number) => number {
  const tail = Math.exp(-1 / eps);
  return (x) => x - (Math.exp((x - 1) / eps) - tail) / (1 - tail);
}

const bump = (x: number) => Math.exp(-20 * (x - 0.3) ** 2);

const CURVES: Record<string, CurveGlyph> = {
  'sine-mlp': { domain: [0, 1], f: (x) => Math.sin(2 * Math.PI * x), tag: 'sine · MLP' },
  'runge-legendre': { domain: [-1, 1], f: (x) => 1 / (1 + 25 * x * x), tag: 'Runge · Legendre' },
  'bump-mlp': { domain: [-1, 1], f: bump, tag: 'bump · MLP' },
  'bump-expression': { domain: [-1, 1], f: bump, tag: 'a·e^(−b(x−c)²)' },
  'reaction-diffusion': { domain: [0, 1], f: reactionDiffusion(0.1), tag: 'ε = 0.1' },
  'reaction-diffusion-thin': { domain: [0, 1], f: reactionDiffusion(0.01), tag: 'ε = 0.01' },
  'nonlinear-neumann': { domain: [-1, 1], f: (x) => Math.cos(Math.PI * x), tag: '−u″ + u³ = f' },
  poisson: { domain: [0, 1], f: (x) => Math.sin(Math.PI * x), tag: '−u″ = π² sin πx' },
};

/** Tags of presets whose picture is their group's glyph (several share a group). */
const TAGS: Record<string, string> = {
  'franke-mlp': 'Franke · MLP',
  'franke-tensor': 'Franke · rank-3 tensor',
};

function curvePath({ domain: [a, b], f }: CurveGlyph): string {
  const ys = Array.from({ length: SAMPLES + 1 }, (_, i) => f(a + ((b - a) * i) / SAMPLES));
  const lo = Math.min(...ys);
  const hi = Math.max(...ys);
  const y = (v: number) => 62 - (48 * (v - lo)) / (hi - lo || 1);
  return ys.map((v, i) => `${i === 0 ? 'M' : 'L'}${(8 + (104 * i) / SAMPLES).toFixed(1)},${y(v).toFixed(1)}`).join('');
}

function Tag({ text }: { text: string }) {
  return (
    <text x={WIDTH / 2} y={HEIGHT - 6} textAnchor="middle" fontSize={11} fill="#333" fontFamily="system-ui, sans-serif">
      {text}
    </text>
  );
}

/** The picture of a preset, or null when its group's glyph is used as it is. */
export function presetGlyph(key: string, groupGlyph: ReactNode): ReactNode | null {
  const curve = CURVES[key];
  if (curve) {
    return (
      <>
        <line x1={8} y1={62} x2={112} y2={62} stroke="#ccc" />
        <path d={curvePath(curve)} fill="none" stroke="#2c6fbb" strokeWidth={2} />
        <Tag text={curve.tag} />
      </>
    );
  }
  const tag = TAGS[key];
  if (!tag) return null;
  return (
    <>
      <g transform="translate(12,2) scale(0.8)">{groupGlyph}</g>
      <Tag text={tag} />
    </>
  );
}
