// What a diagnostics panel says besides its lines: why it is empty (instead of bare axes), and where
// cond(S) hits its ceiling 1/(p·ε) — a dashed line labelled "cap: S singular", so capped values do not
// read as a measured plateau.

import { INK } from './colorMaps';
import { FONT_FAMILY, layer, type Sel } from './scaffold';

export function drawPanelNotes(
  g: Sel<SVGGElement>,
  notes: { empty: string | null; cap?: number },
  y: (v: number) => number,
  innerWidth: number,
  innerHeight: number,
): void {
  const empty = layer(g, 'text', 'empty-note');
  empty
    .attr('x', innerWidth / 2)
    .attr('y', innerHeight / 2)
    .attr('text-anchor', 'middle')
    .attr('font-family', FONT_FAMILY)
    .attr('font-size', 13)
    .attr('fill', INK)
    .text(notes.empty ?? '');
  const capY = notes.cap !== undefined && !notes.empty ? y(notes.cap) : NaN;
  const shown = Number.isFinite(capY) && capY >= 0 && capY <= innerHeight;
  layer(g, 'line', 'cap-line')
    .attr('x1', 0)
    .attr('x2', shown ? innerWidth : 0)
    .attr('y1', shown ? capY : 0)
    .attr('y2', shown ? capY : 0)
    .attr('stroke', '#666')
    .attr('stroke-width', 1)
    .attr('stroke-dasharray', '3,4');
  layer(g, 'text', 'cap-label')
    .attr('x', innerWidth - 4)
    .attr('y', shown ? capY - 5 : 0)
    .attr('text-anchor', 'end')
    .attr('font-family', FONT_FAMILY)
    .attr('font-size', 12)
    .attr('fill', INK)
    .attr('paint-order', 'stroke')
    .attr('stroke', 'white')
    .attr('stroke-width', 3)
    .text(shown ? 'cap 1/(p·ε): S singular' : '');
}
