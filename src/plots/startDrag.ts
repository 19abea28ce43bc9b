// Dragging (or clicking) a point on a plot of the parameters (p ≤ 2) or on the exact function-space plot to
// pick the start θ₀: pointer events, so mouse, pen and touch all work; while dragging, at most one pick per
// animation frame. What a pick does is the caller's (the app restarts the race from it, src/ui/drag/setStart.ts;
// a coefficient point is first mapped to the nearest parameters by the worker).

import type { FunctionSpaceView, ParameterPlaneView } from '../engine/views/types';

/** Plot coordinates (px, py inside the plot area) → θ₀ (or the coefficient point), null where none is set. */
export type PointToTheta = (px: number, py: number) => number[] | null;

/** θ₀ under a point of the parameter plot: p = 1 (the curve) and p = 2; a PCA plane (p > 2) sets nothing. */
export function parameterPlanePicker(
  view: ParameterPlaneView,
  sx: { invert(px: number): number },
  sy: { invert(py: number): number },
): PointToTheta {
  if (view.kind === 'curve') return (px) => [sx.invert(px)];
  return view.plane === null ? (px, py) => [sx.invert(px), sy.invert(py)] : () => null;
}

/** The coefficient point c under a point of the exact function-space plot; a sampled plane sets nothing. */
export function coefficientPlanePicker(
  view: FunctionSpaceView,
  sx: { invert(px: number): number },
  sy: { invert(py: number): number },
): PointToTheta {
  return view.kind === 'coefficients' ? (px, py) => [sx.invert(px), sy.invert(py)] : () => null;
}

/** Make `target` (the plot's pointer overlay) report θ₀ where it is pressed and dragged. */
export function attachStartDrag(
  target: SVGElement | null,
  toTheta: PointToTheta,
  onPick: (theta: number[]) => void,
): void {
  if (target === null) return;
  let pending: number[] | null = null;
  let frame = 0;
  const local = (event: PointerEvent): [number, number] => {
    const box = target.getBoundingClientRect();
    return [event.clientX - box.left, event.clientY - box.top];
  };
  const pick = (event: PointerEvent) => {
    pending = toTheta(...local(event));
    if (pending === null || frame !== 0) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      if (pending !== null) onPick(pending);
    });
  };
  target.style.touchAction = 'none';
  target.style.cursor = 'crosshair';
  target.onpointerdown = (event) => {
    if (toTheta(...local(event)) === null) return;
    target.setPointerCapture(event.pointerId);
    pick(event);
  };
  // Handler properties, not listeners: a redraw re-attaches without stacking (the hover uses listeners).
  target.onpointermove = (event) => {
    if (target.hasPointerCapture(event.pointerId)) pick(event);
  };
  target.onpointerup = (event) => {
    if (target.hasPointerCapture(event.pointerId)) target.releasePointerCapture(event.pointerId);
  };
}
