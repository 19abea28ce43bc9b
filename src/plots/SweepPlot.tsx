// The Sweep panel's maps (plot id `sweep`). Two axes: one heatmap per optimizer, side by side, on one
// shared colour scale with a colour bar; cells are pixels of a canvas (a 64 × 64 map per optimizer
// repaints in well under a millisecond), axes and the colour bar are SVG. One axis: one line per
// optimizer. Diverged cells are red, invalid ones grey (their reason shows on hover), cells not finished
// yet pale. Hover shows a cell's values; a click opens it. Draws only: the values come from
// src/engine/views/sweepMap.ts.

import { useEffect, useRef, useState } from 'react';
import {
  axisBottom,
  axisLeft,
  color as parseColor,
  interpolateViridis,
  line,
  scaleLinear,
  scaleLog,
  select,
  type ScaleContinuousNumeric,
} from 'd3';
import {
  CELL_DIVERGED,
  CELL_INVALID,
  CELL_NO_VALUE,
  CELL_OK,
  CELL_PENDING,
  type SweepMap,
} from '../engine/views/sweepMap';

export interface SweepPlotTrack {
  id: string;
  label: string;
  color: string;
}

export interface SweepPlotProps {
  map: SweepMap;
  optimizers: SweepPlotTrack[];
  /** Per axis: its label and whether it is log-spaced. */
  axes: { label: string; log: boolean }[];
  measureLabel: string;
  onCellClick(cell: number): void;
}

export const STATE_COLORS: Record<number, string> = {
  [CELL_PENDING]: '#f1f1f1',
  [CELL_DIVERGED]: '#d62728',
  [CELL_INVALID]: '#9e9e9e',
  [CELL_NO_VALUE]: '#ffffff',
};

const STATE_NAMES: Record<number, string> = {
  [CELL_PENDING]: 'not run yet',
  [CELL_DIVERGED]: 'diverged',
  [CELL_INVALID]: 'invalid',
  [CELL_NO_VALUE]: 'no value (tolerance not reached, or no reference)',
};

const SIDE = 220;
const MARGIN = { top: 8, right: 8, bottom: 40, left: 52 };
const BAR = { width: 14, height: SIDE };

function formatValue(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  return x !== 0 && (Math.abs(x) < 1e-3 || Math.abs(x) >= 1e4) ? x.toExponential(2) : String(Number(x.toPrecision(4)));
}

/** Normalised position of `value` in the map's colour domain (0…1). */
function colorPosition(map: SweepMap, value: number): number {
  if (map.domain === null) return 0.5;
  const [lo, hi] = map.domain;
  if (hi <= lo) return 0.5;
  const t =
    map.scale === 'log'
      ? (Math.log(Math.max(value, lo)) - Math.log(lo)) / (Math.log(hi) - Math.log(lo))
      : (value - lo) / (hi - lo);
  return Math.min(1, Math.max(0, t));
}

/** What hovering a cell says: its axis values and the optimizer's value or state. */
export function describeCell(
  map: SweepMap,
  cell: number,
  index: number,
  axes: SweepPlotProps['axes'],
  optimizer: string,
): string {
  let rest = cell;
  const parts: string[] = [];
  for (let a = map.axes.length - 1; a >= 0; a--) {
    const values = map.axes[a].values;
    parts[a] = `${axes[a]?.label ?? map.axes[a].path} = ${formatValue(values[rest % values.length])}`;
    rest = Math.floor(rest / values.length);
  }
  const state = map.maps[index].states[cell];
  const what = state === CELL_OK ? formatValue(map.maps[index].values[cell]) : STATE_NAMES[state];
  const reason = state === CELL_INVALID ? `: ${map.reasons.get(cell) ?? ''}` : '';
  return `${optimizer} · ${parts.join(', ')} → ${what}${reason}`;
}

function axisScale(values: number[], log: boolean, range: [number, number]): ScaleContinuousNumeric<number, number> {
  const lo = values[0];
  const hi = values[values.length - 1];
  return (log && lo > 0 && hi > 0 ? scaleLog() : scaleLinear()).domain([lo, hi]).range(range);
}

/** RGB of the colour scale at 256 steps and of each state: painting looks colours up, never parses them. */
const RAMP = Array.from({ length: 256 }, (_, i) => rgbOf(interpolateViridis(i / 255)));
const STATE_RGB: Record<number, [number, number, number]> = Object.fromEntries(
  Object.entries(STATE_COLORS).map(([state, css]) => [state, rgbOf(css)]),
);

function rgbOf(css: string): [number, number, number] {
  const rgb = parseColor(css)?.rgb();
  return [rgb?.r ?? 0, rgb?.g ?? 0, rgb?.b ?? 0];
}

function paintHeatmap(canvas: HTMLCanvasElement, map: SweepMap, index: number): void {
  const nx = map.axes[0].values.length;
  const ny = map.axes[1].values.length;
  canvas.width = nx;
  canvas.height = ny;
  const context = canvas.getContext('2d');
  if (context === null) return;
  const image = context.createImageData(nx, ny);
  const { values, states } = map.maps[index];
  for (let i = 0; i < nx; i++) {
    for (let j = 0; j < ny; j++) {
      const cell = i * ny + j;
      const state = states[cell];
      const rgb = state === CELL_OK ? RAMP[Math.round(colorPosition(map, values[cell]) * 255)] : STATE_RGB[state];
      const at = ((ny - 1 - j) * nx + i) * 4;
      image.data.set(rgb, at);
      image.data[at + 3] = 255;
    }
  }
  context.putImageData(image, 0, 0);
}

/** The cell under a pointer on a heatmap's canvas. */
function cellAt(canvas: HTMLCanvasElement, map: SweepMap, clientX: number, clientY: number): number | null {
  const box = canvas.getBoundingClientRect();
  const nx = map.axes[0].values.length;
  const ny = map.axes[1].values.length;
  const i = Math.floor(((clientX - box.left) / box.width) * nx);
  const j = ny - 1 - Math.floor(((clientY - box.top) / box.height) * ny);
  return i >= 0 && i < nx && j >= 0 && j < ny ? i * ny + j : null;
}

/** Whether `svg` must be redrawn for `signature` (remembered on the element): axes change with the grid only. */
function stale(svg: SVGSVGElement, signature: string): boolean {
  if (svg.dataset.drawn === signature) return false;
  svg.dataset.drawn = signature;
  return true;
}

function drawHeatmapAxes(svg: SVGSVGElement, map: SweepMap, axes: SweepPlotProps['axes']): void {
  if (!stale(svg, `${map.axes.map((a) => a.values.join()).join('|')}|${axes.map((a) => `${a.label}:${a.log}`).join()}`))
    return;
  const root = select(svg);
  root.selectAll('*').remove();
  const g = root.append('g').attr('transform', `translate(${MARGIN.left},${MARGIN.top})`);
  // Ticks at cell centres: the first and last values sit half a cell inside the edges.
  const pad = (values: number[]) => SIDE / values.length / 2;
  const x = axisScale(map.axes[0].values, axes[0].log, [pad(map.axes[0].values), SIDE - pad(map.axes[0].values)]);
  const y = axisScale(map.axes[1].values, axes[1].log, [SIDE - pad(map.axes[1].values), pad(map.axes[1].values)]);
  g.append('g')
    .attr('transform', `translate(0,${SIDE})`)
    .call(axisBottom(x).ticks(4, axes[0].log ? '~g' : undefined));
  g.append('g').call(axisLeft(y).ticks(4, axes[1].log ? '~g' : undefined));
  g.append('text')
    .attr('x', SIDE / 2)
    .attr('y', SIDE + 34)
    .attr('text-anchor', 'middle')
    .attr('class', 'sweep-axis-label')
    .text(axes[0].label);
  g.append('text')
    .attr('transform', `translate(-40,${SIDE / 2}) rotate(-90)`)
    .attr('text-anchor', 'middle')
    .attr('class', 'sweep-axis-label')
    .text(axes[1].label);
}

function Heatmap({
  map,
  index,
  track,
  axes,
  onCellClick,
  onHover,
}: {
  map: SweepMap;
  index: number;
  track: SweepPlotTrack;
  axes: SweepPlotProps['axes'];
  onCellClick(cell: number): void;
  onHover(text: string | null): void;
}) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  useEffect(() => {
    // Each map draws in a task of its own, so that a row of 64 × 64 maps never makes one long task.
    const task = setTimeout(() => {
      if (canvasRef.current) paintHeatmap(canvasRef.current, map, index);
      if (svgRef.current) drawHeatmapAxes(svgRef.current, map, axes);
    }, 0);
    return () => clearTimeout(task);
  }, [map, index, axes]);
  const at = (event: React.PointerEvent<HTMLCanvasElement>) =>
    canvasRef.current ? cellAt(canvasRef.current, map, event.clientX, event.clientY) : null;
  return (
    <figure
      className="sweep-multiple"
      data-testid={`sweep-map-${track.id}`}
      data-nx={map.axes[0].values.length}
      data-ny={map.axes[1].values.length}
    >
      <figcaption>
        <span className="swatch" style={{ background: track.color }} aria-hidden="true" /> {track.label}
      </figcaption>
      <div
        className="sweep-heatmap"
        style={{ width: SIDE + MARGIN.left + MARGIN.right, height: SIDE + MARGIN.top + MARGIN.bottom }}
      >
        <svg
          ref={svgRef}
          width={SIDE + MARGIN.left + MARGIN.right}
          height={SIDE + MARGIN.top + MARGIN.bottom}
          aria-hidden="true"
        />
        <canvas
          ref={canvasRef}
          className="sweep-cells"
          style={{ left: MARGIN.left, top: MARGIN.top, width: SIDE, height: SIDE }}
          role="img"
          aria-label={`${track.label}: map over ${axes[0].label} and ${axes[1].label}`}
          onPointerMove={(event) => {
            const cell = at(event);
            const text = cell === null ? null : describeCell(map, cell, index, axes, track.label);
            event.currentTarget.title = text ?? '';
            onHover(text);
          }}
          onPointerLeave={() => onHover(null)}
          onClick={(event) => {
            const cell = at(event as unknown as React.PointerEvent<HTMLCanvasElement>);
            if (cell !== null) onCellClick(cell);
          }}
        />
      </div>
    </figure>
  );
}

function ColorBar({ map, measureLabel }: { map: SweepMap; measureLabel: string }) {
  const svgRef = useRef<SVGSVGElement>(null);
  const domain = map.domain === null ? '' : map.domain.join();
  useEffect(() => {
    const svg = svgRef.current;
    if (svg === null || !stale(svg, `${domain}|${map.scale}`)) return;
    const root = select(svg);
    root.selectAll('*').remove();
    if (map.domain === null) return;
    const gradientId = 'sweep-colorbar-gradient';
    const gradient = root
      .append('defs')
      .append('linearGradient')
      .attr('id', gradientId)
      .attr('x1', 0)
      .attr('x2', 0)
      .attr('y1', 1)
      .attr('y2', 0);
    for (let s = 0; s <= 10; s++)
      gradient
        .append('stop')
        .attr('offset', s / 10)
        .attr('stop-color', interpolateViridis(s / 10));
    const g = root.append('g').attr('transform', `translate(4,${MARGIN.top})`);
    g.append('rect').attr('width', BAR.width).attr('height', BAR.height).attr('fill', `url(#${gradientId})`);
    const scale = (map.scale === 'log' ? scaleLog() : scaleLinear()).domain(map.domain).range([BAR.height, 0]);
    g.append('g')
      .attr('transform', `translate(${BAR.width},0)`)
      .call(
        axisLeft(scale)
          .ticks(5, map.scale === 'log' ? '.0e' : undefined)
          .tickSize(-BAR.width),
      )
      .call((axis) =>
        axis
          .selectAll('text')
          .attr('x', BAR.width + 4)
          .attr('text-anchor', 'start'),
      );
  }, [map, domain]);
  return (
    <div className="sweep-colorbar" data-testid="sweep-colorbar" data-domain={domain}>
      <div className="sweep-colorbar-title">{measureLabel}</div>
      <svg ref={svgRef} width={80} height={BAR.height + MARGIN.top + 8} aria-hidden="true" />
    </div>
  );
}

function StateLegend() {
  return (
    <ul className="sweep-states" aria-label="Cell states">
      {[CELL_DIVERGED, CELL_INVALID, CELL_NO_VALUE, CELL_PENDING].map((state) => (
        <li key={state}>
          <span className="swatch sweep-state-swatch" style={{ background: STATE_COLORS[state] }} aria-hidden="true" />{' '}
          {STATE_NAMES[state]}
        </li>
      ))}
    </ul>
  );
}

const LINE_SIZE = { width: 560, height: 260 };

function LineChart({
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
    g.append('text')
      .attr('x', width / 2)
      .attr('y', height + 34)
      .attr('text-anchor', 'middle')
      .attr('class', 'sweep-axis-label')
      .text(axes[0].label);
    g.append('text')
      .attr('transform', `translate(-44,${height / 2}) rotate(-90)`)
      .attr('text-anchor', 'middle')
      .attr('class', 'sweep-axis-label')
      .text(measureLabel);
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

export function SweepPlot(props: SweepPlotProps) {
  const { map, optimizers, axes, measureLabel, onCellClick } = props;
  const [hover, setHover] = useState<string | null>(null);
  const twoAxes = map.axes.length === 2;
  return (
    <div className="sweep-plot">
      <div className="sweep-multiples">
        {twoAxes ? (
          <>
            {map.maps.map((m, index) => (
              <Heatmap
                key={m.optimizerId}
                map={map}
                index={index}
                track={optimizers[index] ?? { id: m.optimizerId, label: m.optimizerId, color: '#333' }}
                axes={axes}
                onCellClick={onCellClick}
                onHover={setHover}
              />
            ))}
            <ColorBar map={map} measureLabel={measureLabel} />
          </>
        ) : (
          <LineChart {...props} onHover={setHover} />
        )}
      </div>
      {twoAxes ? (
        <StateLegend />
      ) : (
        <ul className="sweep-states" aria-label="Optimizers">
          {optimizers.map((o) => (
            <li key={o.id}>
              <span className="swatch" style={{ background: o.color }} aria-hidden="true" /> {o.label}
            </li>
          ))}
          <li>
            <span className="sweep-diverged-mark" style={{ color: STATE_COLORS[CELL_DIVERGED] }}>
              ×
            </span>{' '}
            diverged
          </li>
        </ul>
      )}
      <div className="sweep-hover" data-testid="sweep-hover" aria-live="polite">
        {hover ?? 'Hover a cell to read it; click it to open that scenario as the live run.'}
      </div>
    </div>
  );
}
