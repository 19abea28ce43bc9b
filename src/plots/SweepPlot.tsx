// The Sweep panel's maps (plot id `sweep`). Two axes: one heatmap per optimizer, side by side, on one
// shared colour scale with a colour bar; cells are pixels of a canvas (a 64 × 64 map per optimizer
// repaints in well under a millisecond), axes and the colour bar are SVG. One axis: one line per
// optimizer (SweepLines.tsx). Diverged cells are red, invalid ones grey (their reason shows on hover), cells not finished
// yet pale. Hover shows a cell's values; a click opens it. Draws only: the values come from
// src/engine/views/sweepMap.ts.

import { useEffect, useRef, useState } from 'react';
import { axisBottom, axisLeft, color as parseColor, interpolateViridis, scaleLinear, scaleLog, select } from 'd3';
import {
  CELL_DIVERGED,
  CELL_INVALID,
  CELL_NO_VALUE,
  CELL_OK,
  CELL_PENDING,
  type SweepMap,
} from '../engine/views/sweepMap';
import { LineChart } from './SweepLines';
import { cancelDraw, scheduleDraw } from './frameScheduler';
import {
  BAR,
  MARGIN,
  SIDE,
  STATE_COLORS,
  STATE_NAMES,
  axisScale,
  colorPosition,
  describeCell,
  stale,
  type SweepPlotProps,
  type SweepPlotTrack,
  axisTitles,
} from './sweepShared';

export type { SweepPlotProps, SweepPlotTrack } from './sweepShared';

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
  axisTitles(g, SIDE, SIDE, { x: axes[0].label, y: axes[1].label, yOffset: 40 });
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
  const drawId = `sweep-map-${track.id}`;
  useEffect(() => {
    // Each map is a draw of its own in the frame scheduler, so that the first draw of several maps (their
    // axes: about 10 ms each) is spread over frames instead of one long task; a repaint takes well under 1 ms.
    scheduleDraw(drawId, () => {
      if (canvasRef.current) paintHeatmap(canvasRef.current, map, index);
      if (svgRef.current) drawHeatmapAxes(svgRef.current, map, axes);
    });
  }, [drawId, map, index, axes]);
  useEffect(() => () => cancelDraw(drawId), [drawId]);
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
