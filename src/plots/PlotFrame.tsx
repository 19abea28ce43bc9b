// The React-owned container of every chart: a measured <figure> holding the <svg> that D3 draws into,
// plus optional SVG/PNG export buttons (outside the svg, so they are not exported; in flow above it, so
// legends never run under them).

import { useEffect, useRef, useState, type ReactNode, type RefObject } from 'react';
import { flushDraws } from './frameScheduler';
import { downloadPng, downloadSvg } from './exportSvg';

export interface PlotFrameHandles {
  containerRef: RefObject<HTMLElement | null>;
  svgRef: RefObject<SVGSVGElement | null>;
  /** Measured width in CSS pixels (0 before the first measurement). */
  width: number;
}

/** The content-box width of an element, tracked with a ResizeObserver (0 until measured). */
export function useElementWidth(ref: RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    setWidth(Math.floor(element.getBoundingClientRect().width));
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver((entries) => {
      const entry = entries[entries.length - 1];
      const next = Math.floor(entry.contentRect.width);
      setWidth((previous) => (previous === next ? previous : next));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

/** Refs and measured width for a chart; pass them to <PlotFrame>. */
export function usePlotFrame(): PlotFrameHandles {
  const containerRef = useRef<HTMLElement | null>(null);
  const svgRef = useRef<SVGSVGElement | null>(null);
  const width = useElementWidth(containerRef);
  return { containerRef, svgRef, width };
}

export interface PlotFrameProps {
  frame: PlotFrameHandles;
  height: number;
  /** Accessible description of the chart. */
  label: string;
  /** When given, SVG and PNG export buttons save files named `${exportName}.svg|png`. */
  exportName?: string;
  className?: string;
  /** Extra controls rendered under the chart. */
  children?: ReactNode;
}

const buttonStyle = {
  font: '12px system-ui, sans-serif',
  padding: '2px 6px',
  marginLeft: 4,
  background: '#fff',
  border: '1px solid #bbb',
  borderRadius: 3,
  cursor: 'pointer',
} as const;

export function PlotFrame({ frame, height, label, exportName, className, children }: PlotFrameProps) {
  const { containerRef, svgRef, width } = frame;
  return (
    <figure
      ref={(element) => {
        containerRef.current = element;
      }}
      className={className ? `plot ${className}` : 'plot'}
      // Containment: a chart's redraw invalidates layout and paint of its own box only.
      style={{ margin: 0, position: 'relative', width: '100%', minWidth: 0, contain: 'layout paint' }}
    >
      {exportName ? (
        <div style={{ display: 'flex', justifyContent: 'flex-end', minHeight: 22 }} className="plot-export">
          <button
            type="button"
            style={buttonStyle}
            aria-label={`Export ${label} as SVG`}
            onClick={() => {
              // Draws the frame budget postponed first: the file shows the data the page holds now.
              flushDraws();
              if (svgRef.current) downloadSvg(svgRef.current, `${exportName}.svg`);
            }}
          >
            SVG
          </button>
          <button
            type="button"
            style={buttonStyle}
            aria-label={`Export ${label} as PNG`}
            onClick={() => {
              flushDraws();
              if (svgRef.current) void downloadPng(svgRef.current, 2, `${exportName}.png`);
            }}
          >
            PNG
          </button>
        </div>
      ) : null}
      <svg
        ref={svgRef}
        width={Math.max(width, 1)}
        height={height}
        role="img"
        aria-label={label}
        style={{ display: 'block', maxWidth: '100%', userSelect: 'none', touchAction: 'none' }}
      />
      {children}
    </figure>
  );
}
