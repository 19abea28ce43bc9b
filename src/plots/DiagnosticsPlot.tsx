// Diagnostics (docs/DESIGN.md "Plots" 5) as small multiples over the iterations: cond(S_k) (log), the step α
// (log), ‖d‖ (log) and cos(−∇L, θ_{k+1} − θ_k); events (Armijo failure, Newton fallback, momentum
// restart) as ticks under the panel they concern. Hovering reports the iteration; the hovered one is a
// rule in every panel. Panels that say nothing for the scenario can be hidden; an empty panel says why, and
// cond(S) at its ceiling 1/(p·ε) is marked by a dashed cap line.

import { useEffect, useId, useMemo, useRef } from 'react';
import { axisBottom, axisLeft, scaleLinear, scaleLog, select, type ScaleContinuousNumeric, type ScaleLinear } from 'd3';
import type { IterationRecord } from '../engine/records';
import { groupByOptimizer } from '../engine/views/ensemble';
import { FAINT, INK } from './colorMaps';
import {
  FONT_FAMILY,
  LINE_WIDTH,
  TICK_FONT_SIZE,
  attrIfChanged,
  overlayRect,
  changed,
  clipRect,
  setAttributeIfChanged,
  drawTitle,
  layer,
  safeId,
  type Sel,
} from './scaffold';
import { copyAxis, drawAxis, logTicks } from './axis';
import { drawLegend } from './legend';
import { polylinePath } from './paths';
import { drawnTrackRecords } from './records';
import { drawPanelNotes } from './panelNotes';
import { PlotFrame, usePlotFrame } from './PlotFrame';
import { useChart } from './useChart';
import { cancelDraw, scheduleDraw } from './frameScheduler';
import type { ChartProps, HoverProps, RecordTrack } from './types';

export interface DiagnosticsPlotProps extends HoverProps, ChartProps {
  tracks: readonly RecordTrack[];
  /** Panels that carry no information for the scenario (cond and cos at p = 1), by key. */
  hiddenPanels?: readonly string[];
  /** The ceiling of cond(S) (values there are "singular", not measured): drawn as a dashed line. */
  condCap?: number;
}

/** Why a panel is empty. */
const EMPTY_REASON: Record<string, string> = {
  cond: 'no values: only natural methods and Newton have an S_k',
  alpha: 'no step sizes recorded',
  dir: 'no steps recorded',
  cos: 'no steps recorded',
};

interface Panel {
  key: string;
  title: string;
  value: (r: IterationRecord) => number;
  log: boolean;
  fixed?: [number, number];
  event?: (r: IterationRecord) => boolean;
  eventLabel?: string;
}

const PANELS: Panel[] = [
  {
    key: 'cond',
    title: 'cond(S_k)',
    value: (r) => r.cond,
    log: true,
    event: (r) => r.newtonFallback,
    eventLabel: 'Newton fallback',
  },
  {
    key: 'alpha',
    title: 'step α',
    value: (r) => r.alpha,
    log: true,
    event: (r) => r.armijoFailed,
    eventLabel: 'Armijo failed',
  },
  { key: 'dir', title: '‖d‖', value: (r) => r.dirNorm, log: true },
  {
    key: 'cos',
    title: 'cos(−∇L, Δθ)',
    value: (r) => r.cosine,
    log: false,
    fixed: [-1, 1],
    event: (r) => r.restarted,
    eventLabel: 'restart',
  },
];

/** The records each track draws (thinned), keyed like the tracks. */
interface DrawnTrack {
  key: string;
  color: string;
  dash?: string;
  records: IterationRecord[];
}

interface Layout {
  columns: number;
  rows: number;
  chartHeight: number;
  title?: string;
  clipBase: string;
  panels: readonly Panel[];
  condCap?: number;
}

interface DiagnosticsScales {
  x: ScaleLinear<number, number>;
  kMax: number;
}

/**
 * Which panels still show older data, and where the next partial draw starts (round robin). A draw
 * updates panels until PANEL_BUDGET_MS is spent (at least one) and leaves the rest to a continuation in
 * a later frame, so one redraw of the four panels is never one long task on a slow main thread.
 */
interface PanelProgress {
  /** Panels (by index) whose content is older than the last draw request. */
  stale: Set<number>;
  /** The panel the next draw starts with. */
  cursor: number;
}

/** Time a diagnostics draw spends on panels before it leaves the others to a later frame. */
const PANEL_BUDGET_MS = 4;

function drawDiagnostics(
  svg: Sel<SVGSVGElement>,
  width: number,
  tracks: readonly RecordTrack[],
  layout: Layout,
  progress: PanelProgress,
): DiagnosticsScales {
  const started = performance.now();
  const { columns, rows, chartHeight, title, clipBase, condCap } = layout;
  const titleHeight = drawTitle(svg, title, 60);
  const legend = attrIfChanged(layer(svg, 'g', 'legend'), 'transform', () => `translate(60,${titleHeight})`);
  const groups = groupByOptimizer(tracks);
  const legendHeight = drawLegend(
    legend,
    groups.map((g) => ({ key: g[0].optimizerId, label: g[0].label, color: g[0].color, dash: g[0].dash })),
    width - 76,
  );
  const ensemble = new Set(groups.filter((group) => group.length > 1).flatMap((group) => group.map((t) => t.key)));
  const drawn: DrawnTrack[] = tracks.map((t) => ({
    key: t.key,
    color: t.color,
    dash: t.dash,
    records: drawnTrackRecords(t),
  }));
  const top = titleHeight + legendHeight + 10;
  const cellWidth = width / columns;
  const cellHeight = (chartHeight - top) / rows;
  const margin = { left: 60, right: 12, top: 24, bottom: 30 };
  const innerWidth = Math.max(10, cellWidth - margin.left - margin.right);
  const innerHeight = Math.max(10, cellHeight - margin.top - margin.bottom);

  let kMax = 1;
  for (const t of tracks) if (t.count > 0) kMax = Math.max(kMax, t.records[t.count - 1].k);
  const x = scaleLinear().domain([0, kMax]).range([0, innerWidth]);

  const panels = svg
    .selectAll<SVGGElement, Panel>(':scope > g.panel')
    .data(layout.panels, (d) => d.key)
    .join((enter) => enter.append('g').attr('class', 'panel'));
  attrIfChanged(
    panels,
    'transform',
    (_, i) =>
      `translate(${(i % columns) * cellWidth + margin.left},${top + Math.floor(i / columns) * cellHeight + margin.top})`,
  );
  let firstXAxis: { g: Sel<SVGGElement>; signature: string } | null = null;
  const nodes = panels.nodes();
  const drawPanel = function (this: SVGGElement, panel: Panel) {
    const g = select(this) as unknown as Sel<SVGGElement>;
    let lo = Infinity;
    let hi = -Infinity;
    for (const t of drawn) {
      for (const r of t.records) {
        const v = panel.value(r);
        if (Number.isFinite(v) && (!panel.log || v > 0)) {
          if (v < lo) lo = v;
          if (v > hi) hi = v;
        }
      }
    }
    let y: ScaleContinuousNumeric<number, number>;
    const empty = !(lo <= hi);
    if (panel.key === 'cond' && condCap !== undefined && hi >= condCap * (1 - 1e-9)) hi = condCap * 10; // room above the cap line
    if (panel.log) {
      if (!(lo <= hi)) ((lo = 0.1), (hi = 10));
      if (hi / lo < 10) ((lo /= 3), (hi *= 3));
      const scale = scaleLog()
        .domain([lo / 1.3, hi * 1.3])
        .range([innerHeight, 0]);
      const ticks = logTicks(scale, 4);
      drawAxis(
        layer(g, 'g', 'y-axis'),
        axisLeft(scale)
          .tickValues(ticks.values)
          .tickFormat((v) => ticks.format(Number(v))),
      );
      y = scale;
    } else {
      y = scaleLinear()
        .domain(panel.fixed ?? [lo, hi])
        .range([innerHeight, 0]);
      drawAxis(layer(g, 'g', 'y-axis'), axisLeft(y).ticks(5));
    }
    // Every panel shows the same iteration axis: d3 draws the first, the others copy it.
    const xAxisGroup = attrIfChanged(layer(g, 'g', 'x-axis'), 'transform', () => `translate(0,${innerHeight})`);
    if (firstXAxis === null) {
      firstXAxis = {
        g: xAxisGroup,
        signature: drawAxis(xAxisGroup, axisBottom(x).ticks(Math.max(2, Math.floor(innerWidth / 70)))),
      };
    } else copyAxis(xAxisGroup, firstXAxis.g, firstXAxis.signature);
    const title = layer(g, 'text', 'panel-title');
    if (changed(title.node(), panel.title)) {
      title
        .attr('x', 0)
        .attr('y', -8)
        .attr('font-size', TICK_FONT_SIZE + 1)
        .attr('font-weight', 600)
        .attr('font-family', FONT_FAMILY)
        .attr('fill', INK)
        .text(panel.title);
    }
    const zero = panel.log ? -10 : y(0);
    const zeroLine = layer(g, 'line', 'zero');
    if (changed(zeroLine.node(), `${innerWidth}|${zero}|${panel.log}`)) {
      zeroLine
        .attr('x1', 0)
        .attr('x2', innerWidth)
        .attr('y1', zero)
        .attr('y2', zero)
        .attr('stroke', FAINT)
        .attr('visibility', panel.log ? 'hidden' : 'visible');
    }
    const clipId = `${clipBase}-${panel.key}`;
    clipRect(svg, clipId, innerWidth, innerHeight);
    const content = layer(g, 'g', 'content');
    if (changed(content.node(), clipId)) content.attr('clip-path', `url(#${clipId})`);
    const lines = content
      .selectAll<SVGPathElement, DrawnTrack>('path.line')
      .data(drawn, (t) => t.key)
      .join((enter) => enter.append('path').attr('class', 'line').attr('fill', 'none'));
    attrIfChanged(lines, 'd', (t) => {
      // cond(S) of large p is computed every few iterations only: join the computed values.
      const records = panel.key === 'cond' ? t.records.filter((r) => Number.isFinite(r.cond)) : t.records;
      return polylinePath(
        records.length,
        (i) => x(records[i].k),
        (i) => {
          const v = panel.value(records[i]);
          return Number.isFinite(v) && (!panel.log || v > 0) ? y(v) : NaN;
        },
      );
    });
    attrIfChanged(lines, 'stroke', (t) => t.color);
    attrIfChanged(lines, 'stroke-dasharray', (t) => t.dash ?? null);
    attrIfChanged(lines, 'stroke-width', (t) => (ensemble.has(t.key) ? 1 : LINE_WIDTH));
    attrIfChanged(lines, 'stroke-opacity', (t) => (ensemble.has(t.key) ? 0.4 : 1));
    // Event ticks under the axis.
    const event = panel.event;
    const events = g
      .selectAll<SVGPathElement, DrawnTrack>('path.events')
      .data(event ? drawn : [], (t) => t.key)
      .join((enter) => {
        const path = enter.append('path').attr('class', 'events').attr('stroke-width', 2);
        path.append('title').text(panel.eventLabel ?? '');
        return path;
      });
    attrIfChanged(events, 'd', (t) => {
      let d = '';
      for (const r of t.records) if (event!(r)) d += `M${Math.round(x(r.k) * 10) / 10},${innerHeight - 2}v-8`;
      return d;
    });
    attrIfChanged(events, 'stroke', (t) => t.color);
    layer(g, 'g', 'hover');
    overlayRect(g, innerWidth, innerHeight);
    setAttributeIfChanged(this, 'data-inner-height', String(innerHeight));
    drawPanelNotes(
      g,
      { empty: empty ? EMPTY_REASON[panel.key] : null, cap: panel.key === 'cond' ? condCap : undefined },
      y,
      innerWidth,
      innerHeight,
    );
  };
  // This draw's panels: the stale ones from the cursor on, until the budget is spent (at least one).
  const count = layout.panels.length;
  let panelsDrawn = 0;
  for (let i = 0; i < count; i++) {
    const index = (progress.cursor + i) % count;
    if (!progress.stale.has(index)) continue;
    if (panelsDrawn > 0 && performance.now() - started > PANEL_BUDGET_MS) break;
    panelsDrawn++;
    const node = nodes[index];
    if (node) drawPanel.call(node, layout.panels[index]);
    progress.stale.delete(index);
    progress.cursor = (index + 1) % count;
  }
  return { x, kMax };
}

function drawDiagnosticsHover(
  svg: Sel<SVGSVGElement>,
  scales: DiagnosticsScales | null,
  hoveredK: number | null,
): void {
  svg.selectAll<SVGGElement, Panel>(':scope > g.panel').each(function () {
    const g = select(this);
    const innerHeight = Number(g.attr('data-inner-height')) || 0;
    g.select('g.hover')
      .selectAll('line')
      .data(hoveredK !== null && scales ? [hoveredK] : [])
      .join('line')
      .attr('x1', (k) => scales!.x(k))
      .attr('x2', (k) => scales!.x(k))
      .attr('y1', 0)
      .attr('y2', innerHeight)
      .attr('stroke', INK)
      .attr('stroke-width', 1)
      .attr('stroke-dasharray', '3,3');
  });
}

export function DiagnosticsPlot({
  tracks,
  hoveredK,
  onHover,
  height,
  title,
  exportName,
  hiddenPanels,
  condCap,
}: DiagnosticsPlotProps) {
  const frame = usePlotFrame();
  const clipBase = safeId('diagnostics-clip', useId());
  const panels = useMemo(
    () => (hiddenPanels && hiddenPanels.length > 0 ? PANELS.filter((p) => !hiddenPanels.includes(p.key)) : PANELS),
    [hiddenPanels],
  );
  const columns = frame.width >= 960 ? 4 : frame.width >= 480 ? 2 : 1;
  const rows = Math.ceil(panels.length / columns);
  const chartHeight = height ?? 60 + rows * 190;
  const progress = useRef<PanelProgress>({ stale: new Set(), cursor: 0 });
  const continuation = `${clipBase}-panels`;
  useEffect(() => () => cancelDraw(continuation), [continuation]);
  useChart<DiagnosticsScales>(
    frame,
    {
      draw: (svg, width) => {
        const layout: Layout = { columns, rows, chartHeight, title, clipBase, panels, condCap };
        progress.current.stale = new Set(panels.keys());
        const scales = drawDiagnostics(svg, width, tracks, layout, progress.current);
        // The panels left for later are drawn in the next frames (or at once by an export's flushDraws).
        const more = () => {
          if (progress.current.stale.size === 0 || !svg.node()?.isConnected) return;
          drawDiagnostics(svg, width, tracks, layout, progress.current);
          if (progress.current.stale.size > 0) scheduleDraw(continuation, more);
        };
        if (progress.current.stale.size > 0) scheduleDraw(continuation, more);
        return scales;
      },
      hover: drawDiagnosticsHover,
      pick: (scales, px) => Math.max(0, Math.min(scales.kMax, Math.round(scales.x.invert(px)))),
    },
    [tracks, chartHeight, columns, rows, title, clipBase, panels, condCap],
    hoveredK,
    onHover,
  );
  return <PlotFrame frame={frame} height={chartHeight} label={title ?? 'Diagnostics'} exportName={exportName} />;
}
