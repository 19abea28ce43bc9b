// Axes of the charts: d3-axis draws them, styled for a projector (large ticks, dark ink); an axis whose
// ticks would land at the same places with the same labels is not redrawn. Log-scale ticks are whole
// decades written 10ⁿ.

import { format, type Axis, type AxisDomain, type ScaleLogarithmic } from 'd3';
import { INK } from './colorMaps';
import { FONT_FAMILY, LABEL_FONT_SIZE, TICK_FONT_SIZE, changed, layer, type Sel } from './scaffold';

interface AxisScaleLike<Domain> {
  (value: Domain): number | undefined;
  domain(): Domain[];
  range(): number[];
  ticks?(...args: unknown[]): Domain[];
  tickFormat?(...args: unknown[]): (d: Domain, i: number) => string;
  bandwidth?(): number;
}

/** What an axis would draw: its range, tick sizes and every tick's position and label. */
function axisSignature<Domain extends AxisDomain>(axis: Axis<Domain>): string {
  const scale = axis.scale() as unknown as AxisScaleLike<Domain>;
  const args = axis.tickArguments() as unknown[];
  const values: readonly Domain[] = axis.tickValues() ?? (scale.ticks ? scale.ticks(...args) : scale.domain());
  const tickFormat = axis.tickFormat() ?? (scale.tickFormat ? scale.tickFormat(...args) : (d: Domain) => String(d));
  let signature = `${scale.range().join(',')}|${axis.tickSizeInner()},${axis.tickSizeOuter()},${axis.tickPadding()},${axis.offset()}|`;
  const bandwidth = scale.bandwidth ? scale.bandwidth() : 0;
  values.forEach((v, i) => {
    signature += `${Math.round((Number(scale(v)) + bandwidth / 2) * 10)}:${tickFormat(v, i)};`;
  });
  return signature;
}

/**
 * Draw an axis into g with d3-axis (skipped when g already shows the same ticks at the same places);
 * returns what it shows (for copyAxis).
 */
export function drawAxis<Domain extends AxisDomain>(g: Sel<SVGGElement>, axis: Axis<Domain>): string {
  const node = g.node();
  const signature = axisSignature(axis);
  const fresh = changed(node, signature);
  if (node && node.childElementCount > 0 && !fresh) return signature;
  styleAxis(g.call(axis));
  return signature;
}

/**
 * Make g show the axis that drawAxis drew into `source` (whose signature it returned): a copy of its
 * nodes, much cheaper than a second d3 axis (the diagnostics' panels share one iteration axis).
 */
export function copyAxis(g: Sel<SVGGElement>, source: Sel<SVGGElement>, signature: string): void {
  const node = g.node();
  const from = source.node();
  if (!node || !from || node === from) return;
  if (!changed(node, signature) && node.childElementCount > 0) return;
  node.replaceChildren(...Array.from(from.childNodes, (child) => child.cloneNode(true)));
  for (const name of ['fill', 'font-size', 'font-family', 'text-anchor']) {
    const value = from.getAttribute(name);
    if (value === null) node.removeAttribute(name);
    else node.setAttribute(name, value);
  }
}

function styleAxis(g: Sel<SVGGElement>): void {
  g.attr('font-size', TICK_FONT_SIZE).attr('font-family', FONT_FAMILY);
  g.selectAll('.domain').attr('stroke', INK);
  g.selectAll('.tick line').attr('stroke', INK);
  g.selectAll('.tick text').attr('fill', INK);
}

/** An axis label (centred text) kept in `g`. */
export function axisLabel(
  g: Sel<SVGGElement>,
  className: string,
  text: string,
  x: number,
  y: number,
  rotate = false,
): void {
  const label = layer(g, 'text', className);
  if (!changed(label.node(), `${text}|${x}|${y}|${rotate}`)) return;
  label
    .attr('x', rotate ? -y : x)
    .attr('y', rotate ? x : y)
    .attr('transform', rotate ? 'rotate(-90)' : null)
    .attr('text-anchor', 'middle')
    .attr('font-size', LABEL_FONT_SIZE)
    .attr('font-family', FONT_FAMILY)
    .attr('fill', INK)
    .text(text);
}

const SUPERSCRIPTS: Record<string, string> = {
  '-': '⁻',
  '0': '⁰',
  '1': '¹',
  '2': '²',
  '3': '³',
  '4': '⁴',
  '5': '⁵',
  '6': '⁶',
  '7': '⁷',
  '8': '⁸',
  '9': '⁹',
};

/** 10ⁿ written with Unicode superscripts (readable and exported as plain text). */
export function powerOfTen(exponent: number): string {
  if (exponent === 0) return '1';
  if (exponent === 1) return '10';
  return '10' + String(exponent).replace(/[-0-9]/g, (c) => SUPERSCRIPTS[c] ?? c);
}

const compact = format('.2~g');

/**
 * Tick values and formatter for a log scale: whole decades when the domain spans two or more (thinned
 * to at most `maxTicks`), otherwise a few ticks in plain notation.
 */
export function logTicks(
  scale: ScaleLogarithmic<number, number>,
  maxTicks = 6,
): { values: number[]; format: (v: number) => string } {
  const [a, b] = scale.domain();
  const lo = Math.min(a, b);
  const hi = Math.max(a, b);
  const first = Math.ceil(Math.log10(lo) - 1e-9);
  const last = Math.floor(Math.log10(hi) + 1e-9);
  if (last - first >= 1) {
    const count = last - first + 1;
    const stride = Math.max(1, Math.ceil(count / maxTicks));
    const values: number[] = [];
    for (let e = last; e >= first; e -= stride) values.push(10 ** e);
    return { values, format: (v) => powerOfTen(Math.round(Math.log10(v))) };
  }
  // Less than two decades: the 1-2-5 values inside (evenly spread on a log axis), else plain ticks. (The
  // log scale's own ticks list every k·10ⁿ here, and their labels overlap.)
  const steps: number[] = [];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
    for (const m of [1, 2, 5]) {
      const v = m * 10 ** e;
      if (v >= lo && v <= hi) steps.push(v);
    }
  }
  if (steps.length >= 2 && steps.length <= maxTicks) return { values: steps, format: (v) => compact(v) };
  const values = scale.ticks(4).filter((v) => v >= lo && v <= hi);
  const stride = Math.max(1, Math.ceil(values.length / maxTicks));
  const thinned = values.filter((_, i) => i % stride === 0);
  return { values: thinned.length > 1 ? thinned : [lo, hi], format: (v) => compact(v) };
}
