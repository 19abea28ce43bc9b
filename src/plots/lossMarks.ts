// The loss plot's marks: its lines and ensemble bands (keyed joins), and the hover marks (a rule on the
// iteration axis, a disc on every track at iteration k, the label k = …).

import type { IterationRecord } from '../engine/records';
import { INK } from './colorMaps';
import { FONT_FAMILY, type Sel } from './scaffold';
import { recordIndex } from './records';
import type { LossScales } from './LossPlot';

export interface BandItem {
  key: string;
  d: string;
  color: string;
}

export function joinBands(g: Sel<SVGGElement>, bands: readonly BandItem[]): void {
  g.selectAll<SVGPathElement, BandItem>('path')
    .data(bands, (d) => d.key)
    .join('path')
    .attr('d', (d) => d.d)
    .attr('fill', (d) => d.color)
    .attr('fill-opacity', 0.18)
    .attr('stroke', 'none')
    .attr('data-band', (d) => d.key);
}

interface Marker {
  key: string;
  x: number;
  y: number;
  color: string;
}

export function drawLossHover(svg: Sel<SVGSVGElement>, scales: LossScales | null, k: number | null): void {
  const hover = svg.select<SVGGElement>('g.plot > g.hover');
  if (hover.empty()) return;
  const markers: Marker[] = [];
  if (k !== null && scales) {
    for (const track of scales.tracks) {
      const index = recordIndex(track.records, track.count, k);
      if (index < 0) continue;
      const r: IterationRecord = track.records[index];
      if (Number.isFinite(r.loss) && r.loss > 0)
        markers.push({ key: track.key, x: scales.x(scales.xOf(r)), y: scales.y(r.loss), color: track.color });
    }
  }
  const shown = k !== null && scales !== null;
  hover
    .selectAll('line.rule')
    .data(shown && scales.xAxis === 'iteration' ? [k] : [])
    .join('line')
    .attr('class', 'rule')
    .attr('x1', (d) => scales!.x(d))
    .attr('x2', (d) => scales!.x(d))
    .attr('y1', 0)
    .attr('y2', scales ? scales.y.range()[0] : 0)
    .attr('stroke', INK)
    .attr('stroke-width', 1)
    .attr('stroke-dasharray', '3,3');
  hover
    .selectAll<SVGCircleElement, Marker>('circle.marker')
    .data(markers, (d) => d.key)
    .join('circle')
    .attr('class', 'marker')
    .attr('cx', (d) => d.x)
    .attr('cy', (d) => d.y)
    .attr('r', 5)
    .attr('fill', (d) => d.color)
    .attr('stroke', 'white')
    .attr('stroke-width', 1.5);
  hover
    .selectAll('text.hover-label')
    .data(shown ? [k] : [])
    .join('text')
    .attr('class', 'hover-label')
    .attr('x', markers.length > 0 && scales ? Math.min(markers[0].x + 8, scales.x.range()[1] - 60) : 4)
    .attr('y', 14)
    .attr('font-size', 13)
    .attr('font-family', FONT_FAMILY)
    .attr('fill', INK)
    .text((d) => `k = ${d}`);
}
