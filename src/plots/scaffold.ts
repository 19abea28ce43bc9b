// The scaffold every chart draws into: fonts and margins, idempotent layer creation (so that draws may
// run twice under StrictMode and on every data update without re-creating elements), writes that skip
// unchanged values (an untouched subtree costs no style, layout or paint), title, clip and overlay.

import type { BaseType, Selection } from 'd3';
import { INK } from './colorMaps';

export const FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif';
export const TICK_FONT_SIZE = 14;
export const LABEL_FONT_SIZE = 15;
export const TITLE_FONT_SIZE = 16;
export const LINE_WIDTH = 2;

export interface Margin {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export const DEFAULT_MARGIN: Margin = { top: 30, right: 16, bottom: 48, left: 70 };

/** The selections the charts work with: one element, no bound data, no parent. */
export type Sel<E extends Element = SVGElement> = Selection<E, unknown, null, undefined>;

/**
 * The single child `<tag class="className">` of parent, created on first use. Charts build their
 * scaffold through this on every draw, so draws are idempotent and order-independent.
 */
export function layer<P extends SVGElement, K extends keyof SVGElementTagNameMap>(
  parent: Sel<P>,
  tag: K,
  className: string,
): Sel<SVGElementTagNameMap[K]> {
  const parentNode = parent.node();
  const key = `${tag}.${className}`;
  const known = parentNode ? layerCache.get(parentNode)?.get(key) : undefined;
  // A remembered child still in place is the answer (no selector matching on every draw).
  // (selected through the parent, like a selector match, so that the parent's datum propagates the same way).
  if (known && known.parentNode === parentNode) return parent.select(() => known as SVGElementTagNameMap[K]);
  let found = parent.select<SVGElementTagNameMap[K]>(`:scope > ${key}`);
  if (found.empty()) found = parent.append<SVGElementTagNameMap[K]>(tag).attr('class', className);
  const node = found.node();
  if (parentNode && node) {
    let children = layerCache.get(parentNode);
    if (!children) layerCache.set(parentNode, (children = new Map()));
    children.set(key, node);
  }
  return found;
}

/** Children created by `layer`, per parent (weak: removed charts take their entries with them). */
const layerCache = new WeakMap<Element, Map<string, Element>>();

/** Set (or remove, for null) an attribute only when its value differs: an equal write still invalidates. */
export function setAttributeIfChanged(node: Element, name: string, value: string | null): void {
  if (value === null) {
    if (node.hasAttribute(name)) node.removeAttribute(name);
  } else if (node.getAttribute(name) !== value) node.setAttribute(name, value);
}

/** `selection.attr(name, value)` that leaves elements already showing that value untouched. */
export function attrIfChanged<E extends Element, D, P extends BaseType, PD>(
  selection: Selection<E, D, P, PD>,
  name: string,
  value: (d: D, i: number) => string | number | null,
): Selection<E, D, P, PD> {
  return selection.each(function (d, i) {
    const v = value(d, i);
    setAttributeIfChanged(this, name, v === null ? null : String(v));
  });
}

/** What was last written to a node by the helpers below (a string signature of their arguments). */
const written = new WeakMap<Element, string>();

/**
 * True when `signature` differs from what was last recorded for node (and records it): the caller then
 * writes, otherwise the node already shows exactly this.
 */
export function changed(node: Element | null, signature: string): boolean {
  if (!node) return false;
  if (written.get(node) === signature) return false;
  written.set(node, signature);
  return true;
}

/** The chart title at the top left (removed when absent); returns the height it takes. */
export function drawTitle(svg: Sel<SVGSVGElement>, title: string | undefined, x: number): number {
  if (!title) {
    svg.select(':scope > text.title').remove();
    return 4;
  }
  const text = layer(svg, 'text', 'title');
  if (!changed(text.node(), `${title}|${x}`)) return 24;
  text
    .attr('x', x)
    .attr('y', 18)
    .attr('font-size', TITLE_FONT_SIZE)
    .attr('font-weight', 600)
    .attr('font-family', FONT_FAMILY)
    .attr('fill', INK)
    .text(title);
  return 24;
}

/** The transparent pointer-catching rectangle over a plot area (not exported); written only when resized. */
export function overlayRect(parent: Sel<SVGGElement>, width: number, height: number): Sel<SVGRectElement> {
  const overlay = layer(parent, 'rect', 'overlay');
  if (changed(overlay.node(), `${width}|${height}`)) {
    overlay.attr('data-export', 'skip').attr('width', width).attr('height', height).attr('fill', 'transparent');
  }
  return overlay;
}

/** A DOM-safe id from React's useId. */
export function safeId(prefix: string, reactId: string): string {
  return `${prefix}-${reactId.replace(/[^a-zA-Z0-9_-]/g, '')}`;
}

/** A clip rectangle <clipPath id> in the svg's <defs>, sized to the plot area. */
export function clipRect(svg: Sel<SVGSVGElement>, id: string, width: number, height: number): void {
  const defs = layer(svg, 'defs', 'defs');
  let clip = defs.select<SVGClipPathElement>(`clipPath#${id}`);
  if (clip.empty()) clip = defs.append('clipPath').attr('id', id);
  const rect = layer(clip, 'rect', 'clip-rect');
  // Re-writing a clip rectangle invalidates the paint of everything clipped by it: only on a change.
  if (changed(rect.node(), `${width}|${height}`)) rect.attr('width', width).attr('height', height);
}
