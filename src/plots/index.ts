// The D3 charts (DESIGN.md "Plots"); each owns an <svg> and draws the props it is given.
export { ApproximationPlot, type ApproximationPlotProps } from './ApproximationPlot';
export { LossPlot, type LossPlotProps } from './LossPlot';
export { ParameterPlot, type ParameterPlotProps } from './ParameterPlot';
export { FunctionSpacePlot, type FunctionSpacePlotProps } from './FunctionSpacePlot';
export { DiagnosticsPlot, type DiagnosticsPlotProps } from './DiagnosticsPlot';
export { Heatmap, type HeatmapProps } from './Heatmap';
export { OPTIMIZER_PALETTE, optimizerColor, presetColor } from './colors';
export { svgToString, downloadSvg, downloadPng } from './exportSvg';
export type { TrackStyle, RecordTrack, HoverProps, ChartProps, TimeAxis } from './types';
