// The Sweep panel's one-axis plot: one line per optimizer of the measure against the axis, diverged cells
// as red × marks along the top, invalid ones as grey marks on the axis; hover reads a cell, click opens it.

import { useEffect, useRef } from 'react';
import { axisBottom, axisLeft, line, scaleLinear, scaleLog, select } from 'd3';
import { CELL_DIVERGED, CELL_INVALID, CELL_OK } from '../engine/views/sweepMap';
import { MARGIN, STATE_COLORS, axisScale, axisTitles, describeCell, type SweepPlotProps } from './sweepShared';

const LINE_SIZE = { width: 560, height: 260 };

export function LineChart({
  map,
  optimizers,
  axes,
  measureLabel,
  onCellClick,
  onHover,
}: SweepPlotProps & { onHover(text: string | null): void }) {
  const svgRef = useRef<SVGSVGElement>(null);
  const values = map.axes[0].values;
  const width = LINE_SIZE.width - MARGIN.left - MARGIN.right;
  const height = LINE_SIZE.height - MARGIN.top - MARGIN.bottom;
  useEffect(() => {
    const svg = svgRef.current;
    if (svg === null) return;
    const root = select(svg);
    root.selectAll('*').remove();
    const g = root.append('g').attr('transform', `translate(${MARGIN.left},${MARGIN.top})`);
    const x = axisScale(values, axes[0].log, [0, width]);
    const domain = map.domain ?? [1, 10];
    const y = (map.scale === 'log' ? scaleLog() : scaleLinear())
      .domain(domain[0] === domain[1] ? [domain[0] / 2, domain[0] * 2] : domain)
      .range([height, 0])
      .nice();
    g.append('g')
      .attr('transform', `translate(0,${height})`)
      .call(axisBottom(x).ticks(6, axes[0].log ? '~g' : undefined));
    g.append('g').call(axisLeft(y).ticks(5, map.scale === 'log' ? '.0e' : undefined));
    axisTitles(g, width, height, { x: axes[0].label, y: measureLabel, yOffset: 44 });
    map.maps.forEach((m, index) => {
      const color = optimizers[index]?.color ?? '#333';
      const ok = (i: number) => m.states[i] === CELL_OK;
      const path = line<number>()
        .defined(ok)
        .x((i) => x(values[i]))
        .y((i) => y(m.values[i]));
      const indices = values.map((_, i) => i);
      g.append('path')
        .attr('d', path(indices))
        .attr('fill', 'none')
        .attr('stroke', color)
        .attr('stroke-width', 2)
        .attr('data-optimizer', m.optimizerId);
      g.append('g')
        .selectAll('circle')
        .data(indices.filter(ok))
        .join('circle')
        .attr('cx', (i) => x(values[i]))
        .attr('cy', (i) => y(m.values[i]))
        .attr('r', 2.5)
        .attr('fill', color);
      // Diverged cells: a red × at the top edge, in the optimizer's row of marks.
      g.append('g')
        .selectAll('text')
        .data(indices.filter((i) => m.states[i] === CELL_DIVERGED))
        .join('text')
        .attr('x', (i) => x(values[i]))
        .attr('y', -2 + index * 9)
        .attr('text-anchor', 'middle')
        .attr('class', 'sweep-diverged-mark')
        .attr('fill', STATE_COLORS[CELL_DIVERGED])
        .text('×');
    });
    g.append('g')
      .selectAll('rect')
      .data(values.map((_, i) => i).filter((i) => map.maps[0]?.states[i] === CELL_INVALID))
      .join('rect')
      .attr('x', (i) => x(values[i]) - 3)
      .attr('y', height - 6)
      .attr('width', 6)
      .attr('height', 6)
      .attr('fill', STATE_COLORS[CELL_INVALID]);
  }, [map, optimizers, axes, measureLabel, values, width, height]);
  const nearest = (event: React.PointerEvent<SVGRectElement>): number => {
    const box = event.currentTarget.getBoundingClientRect();
    const x = axisScale(values, axes[0].log, [0, box.width]);
    const px = event.clientX - box.left;
    let best = 0;
    values.forEach((v, i) => {
      if (Math.abs(x(v) - px) < Math.abs(x(values[best]) - px)) best = i;
    });
    return best;
  };
  return (
    <figure className="sweep-multiple" data-testid="sweep-lines" data-nx={values.length}>
      <div className="sweep-heatmap" style={{ width: LINE_SIZE.width, height: LINE_SIZE.height }}>
        <svg
          ref={svgRef}
          width={LINE_SIZE.width}
          height={LINE_SIZE.height}
          role="img"
          aria-label={`${measureLabel} against ${axes[0].label}`}
        >
          <title>{`${measureLabel} against ${axes[0].label}`}</title>
        </svg>
        <svg className="sweep-line-overlay" width={LINE_SIZE.width} height={LINE_SIZE.height}>
          <rect
            x={MARGIN.left}
            y={MARGIN.top}
            width={width}
            height={height}
            fill="transparent"
            onPointerMove={(event) => {
              const cell = nearest(event);
              onHover(map.maps.map((_, i) => describeCell(map, cell, i, axes, optimizers[i]?.label ?? '')).join(' · '));
            }}
            onPointerLeave={() => onHover(null)}
            onClick={(event) => onCellClick(nearest(event as unknown as React.PointerEvent<SVGRectElement>))}
          />
        </svg>
      </div>
    </figure>
  );
}
