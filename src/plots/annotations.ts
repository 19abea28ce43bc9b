// Annotations a preset declares (src/engine/scenario/presetTeaching.ts), drawn in a plot's data
// coordinates: a ringed point with its label (the spurious local minimum, "one NGD step lands on the
// projection") and a shaded interval (the boundary layer). Notes are sentences above the plot (PlotCard).

import type { PlotAnnotation } from '../engine/scenario/presetTeaching';
import { INK } from './colorMaps';
import { FONT_FAMILY, type Sel } from './scaffold';

const ANNOTATION_COLOR = '#B00020';

interface Placed {
  key: string;
  kind: 'point' | 'band';
  x: number;
  y: number;
  width: number;
  label: string;
  /** Label to the left of the band (bands in the right half). */
  flip: boolean;
  /** Label anchor x (points: centred above, kept inside the plot). */
  labelX: number;
  labelY: number;
}

/** Rough width of a 14 px label (for keeping it inside the plot without a layout). */
const labelWidth = (text: string) => 7.6 * text.length;

/** Draw the point and band annotations into g (the plot area, `innerWidth` × `innerHeight`). */
export function drawAnnotations(
  g: Sel<SVGGElement>,
  annotations: readonly PlotAnnotation[],
  sx: (x: number) => number,
  sy: (y: number) => number,
  innerWidth: number,
  innerHeight: number,
): void {
  const placed: Placed[] = [];
  for (const a of annotations) {
    if (a.kind === 'point') {
      const px = sx(a.x);
      const py = sy(a.y);
      if (!Number.isFinite(px) || !Number.isFinite(py)) continue;
      // Labels in rows at the top of the plot (one row per point, so they never collide), centred over
      // their point as far as the plot allows, with a leader line down to the ring.
      const half = labelWidth(a.label) / 2;
      const labelX = Math.max(half, Math.min(innerWidth - half, px));
      const labelY = 16 + 22 * placed.filter((p) => p.kind === 'point').length;
      placed.push({ key: a.label, kind: 'point', x: px, y: py, width: 0, label: a.label, flip: false, labelX, labelY });
    } else if (a.kind === 'band') {
      const x0 = Math.max(0, Math.min(sx(a.x0), sx(a.x1)));
      const x1 = Math.min(innerWidth, Math.max(sx(a.x0), sx(a.x1)));
      const flip = x0 > innerWidth / 2;
      if (x1 > x0)
        placed.push({
          key: a.label,
          kind: 'band',
          x: x0,
          y: 0,
          width: x1 - x0,
          label: a.label,
          flip,
          labelX: flip ? x0 - 6 : x1 + 6,
          labelY: innerHeight - 14,
        });
    }
  }
  const items = g
    .selectAll<SVGGElement, Placed>('g.annotation')
    .data(placed, (d) => d.key)
    .join((enter) => {
      const item = enter.append('g').attr('class', 'annotation');
      item.append('rect').attr('class', 'annotation-band');
      item.append('circle').attr('class', 'annotation-ring');
      item.append('line').attr('class', 'annotation-leader');
      item
        .append('text')
        .attr('class', 'annotation-label')
        .attr('font-family', FONT_FAMILY)
        .attr('font-size', 14)
        .attr('font-weight', 600)
        .attr('paint-order', 'stroke')
        .attr('stroke', 'white')
        .attr('stroke-width', 4);
      return item;
    });
  items
    .select('rect')
    .attr('x', (d) => d.x)
    .attr('y', 0)
    .attr('width', (d) => d.width)
    .attr('height', (d) => (d.kind === 'band' ? innerHeight : 0))
    .attr('fill', ANNOTATION_COLOR)
    .attr('fill-opacity', 0.1);
  items
    .select('circle')
    .attr('cx', (d) => d.x)
    .attr('cy', (d) => d.y)
    .attr('r', (d) => (d.kind === 'point' ? 11 : 0))
    .attr('fill', 'none')
    .attr('stroke', ANNOTATION_COLOR)
    .attr('stroke-width', 2.5);
  items
    .select('line')
    .attr('x1', (d) => d.labelX)
    .attr('y1', (d) => d.labelY + 4)
    .attr('x2', (d) => d.x)
    .attr('y2', (d) => (d.kind === 'point' && d.y - 11 > d.labelY + 4 ? d.y - 11 : d.labelY + 4))
    .attr('stroke', ANNOTATION_COLOR)
    .attr('stroke-width', 1.5);
  items
    .select('text')
    .attr('x', (d) => d.labelX)
    .attr('y', (d) => d.labelY)
    .attr('text-anchor', (d) => (d.kind === 'point' ? 'middle' : d.flip ? 'end' : 'start'))
    .attr('fill', (d) => (d.kind === 'band' ? INK : ANNOTATION_COLOR))
    .text((d) => d.label);
}
