// Curves beyond the range a view chose (a diverged optimizer, src/engine/views/clipping.ts) are clamped to
// the plot's edge; where a curve first leaves the range a marker in its colour says so (a triangle
// pointing the way it went, and "off scale").

import { FONT_FAMILY, type Sel } from './scaffold';

export interface ClipMarker {
  key: string;
  color: string;
  /** Data coordinates of the first value beyond the range, and the side it left on. */
  x: number;
  value: number;
  above: boolean;
}

/** Triangles at the edge where clipped series leave the plot, labelled "off scale". */
export function drawClipMarkers(
  g: Sel<SVGGElement>,
  markers: readonly ClipMarker[],
  sx: (x: number) => number,
  sy: (y: number) => number,
): void {
  const items = g
    .selectAll<SVGGElement, ClipMarker>('g.clip-marker')
    .data(markers, (d) => d.key)
    .join((enter) => {
      const item = enter.append('g').attr('class', 'clip-marker');
      item.append('path').attr('stroke', 'white').attr('stroke-width', 1);
      item
        .append('text')
        .attr('font-size', 13)
        .attr('font-family', FONT_FAMILY)
        .attr('paint-order', 'stroke')
        .attr('stroke', 'white')
        .attr('stroke-width', 3);
      return item;
    });
  items.attr('transform', (d) => `translate(${sx(d.x)},${sy(d.value)})`);
  items
    .select('path')
    .attr('d', (d) => (d.above ? 'M-7,9L7,9L0,-3Z' : 'M-7,-9L7,-9L0,3Z'))
    .attr('fill', (d) => d.color);
  items
    .select('text')
    .attr('x', 10)
    .attr('y', (d) => (d.above ? 14 : -6))
    .attr('fill', (d) => d.color)
    .text((d) => `off scale (${d.value.toExponential(0)})`);
}
