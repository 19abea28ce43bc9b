// A card's small picture: for exact-space toys the schematic of the paper's figures (level sets of the
// loss, the manifold, start and target), computed from the preset's scenario; for the other groups a
// static glyph of the kind of problem.

import { memo, useMemo } from 'react';
import type { ScenarioPreset } from '../../engine/scenario/presets';
import { toySketch, type Point, type ToySketch } from '../../engine/views/toySketch';
import { presetGlyph } from './presetGlyphs';

export const THUMBNAIL_WIDTH = 120;
export const THUMBNAIL_HEIGHT = 90;

function pathOf(points: Point[], x: (v: number) => number, y: (v: number) => number): string {
  let d = '';
  for (let i = 0; i < points.length; i++) {
    const [px, py] = points[i];
    if (!Number.isFinite(px) || !Number.isFinite(py)) continue;
    d += `${d === '' ? 'M' : 'L'}${x(px).toFixed(1)},${y(py).toFixed(1)}`;
  }
  return d;
}

function ToyPicture({ sketch, clipId }: { sketch: ToySketch; clipId: string }) {
  const [[x0, x1], [y0, y1]] = sketch.box;
  // Keep the aspect ratio: the square box is centred in the wider thumbnail.
  const scale = Math.min(THUMBNAIL_WIDTH / (x1 - x0), THUMBNAIL_HEIGHT / (y1 - y0));
  const offsetX = (THUMBNAIL_WIDTH - scale * (x1 - x0)) / 2;
  const offsetY = (THUMBNAIL_HEIGHT - scale * (y1 - y0)) / 2;
  const x = (v: number) => offsetX + (v - x0) * scale;
  const y = (v: number) => THUMBNAIL_HEIGHT - offsetY - (v - y0) * scale;
  return (
    <>
      <clipPath id={clipId}>
        <rect width={THUMBNAIL_WIDTH} height={THUMBNAIL_HEIGHT} />
      </clipPath>
      <g clipPath={`url(#${clipId})`}>
        {sketch.levels.map((level, i) => (
          <path key={`level-${i}`} d={pathOf(level, x, y)} fill="none" stroke="#9db4d3" strokeWidth={1} />
        ))}
        {sketch.manifold.map((line, i) => (
          <path
            key={`line-${i}`}
            d={pathOf(line, x, y)}
            fill="none"
            stroke="#555"
            strokeWidth={sketch.manifold.length === 1 ? 2 : 0.8}
            strokeOpacity={sketch.manifold.length === 1 ? 0.9 : 0.55}
          />
        ))}
        <circle cx={x(sketch.start[0])} cy={y(sketch.start[1])} r={3.5} fill="#fff" stroke="#333" strokeWidth={1.5} />
        <path
          d={`M${x(sketch.target[0]) - 4},${y(sketch.target[1]) - 4}l8,8m0,-8l-8,8`}
          stroke="#c0392b"
          strokeWidth={2.2}
        />
      </g>
    </>
  );
}

/** Static pictures of the non-toy groups. */
function GroupGlyph({ group }: { group: ScenarioPreset['group'] }) {
  const stroke = { fill: 'none', stroke: '#2c6fbb', strokeWidth: 2 } as const;
  const faint = { fill: 'none', stroke: '#999', strokeWidth: 1.2, strokeDasharray: '4 3' } as const;
  switch (group) {
    case 'regression':
      return (
        <>
          <path d="M8,60 C30,10 45,10 60,45 S90,80 112,30" {...faint} />
          <path d="M8,62 C28,16 46,14 60,46 S92,78 112,32" {...stroke} />
          {[14, 30, 46, 62, 78, 94, 108].map((cx, i) => (
            <circle key={cx} cx={cx} cy={[50, 22, 20, 50, 72, 62, 36][i]} r={2.2} fill="#333" />
          ))}
        </>
      );
    case 'pde':
      return (
        <>
          <line x1={10} y1={78} x2={110} y2={78} stroke="#bbb" />
          <path d="M10,78 C40,70 70,55 92,30 Q104,18 110,78" {...stroke} />
          <circle cx={10} cy={78} r={3.5} fill="#c0392b" />
          <circle cx={110} cy={78} r={3.5} fill="#c0392b" />
          <text x={14} y={20} fontSize={13} fill="#555" fontFamily="serif" fontStyle="italic">
            −u″ = f
          </text>
        </>
      );
    case 'classification':
      return (
        <>
          <rect x={10} y={8} width={50} height={37} fill="#e8f0fa" />
          <rect x={60} y={45} width={50} height={37} fill="#e8f0fa" />
          <rect x={60} y={8} width={50} height={37} fill="#fbeaea" />
          <rect x={10} y={45} width={50} height={37} fill="#fbeaea" />
          {[
            [22, 20],
            [40, 34],
            [80, 62],
            [96, 74],
            [30, 28],
            [88, 56],
          ].map(([cx, cy]) => (
            <circle key={`a${cx}`} cx={cx} cy={cy} r={2.6} fill="#2c6fbb" />
          ))}
          {[
            [78, 22],
            [96, 34],
            [24, 62],
            [40, 72],
            [86, 18],
            [32, 56],
          ].map(([cx, cy]) => (
            <circle key={`b${cx}`} cx={cx} cy={cy} r={2.6} fill="#c0392b" />
          ))}
        </>
      );
    case 'time-series':
      return (
        <>
          <path d="M6,50 L16,30 L24,62 L34,24 L44,58 L52,40 L62,66 L70,28 L80,52 L88,34" {...stroke} />
          <path d="M88,34 L96,60 L104,30 L114,48" {...faint} />
          <line x1={88} y1={8} x2={88} y2={84} stroke="#bbb" />
        </>
      );
    case '2d':
      return (
        <>
          {Array.from({ length: 6 }, (_, i) =>
            Array.from({ length: 8 }, (_, j) => {
              const value =
                Math.exp(-((j - 2.5) ** 2) / 6 - (i - 2) ** 2 / 4) +
                0.5 * Math.exp(-((j - 6) ** 2) / 3 - (i - 4) ** 2 / 3);
              const shade = Math.round(240 - 150 * Math.min(1, value));
              return (
                <rect
                  key={`${i}-${j}`}
                  x={12 + j * 12}
                  y={9 + i * 12}
                  width={12}
                  height={12}
                  fill={`rgb(${shade},${shade},255)`}
                />
              );
            }),
          )}
        </>
      );
    default:
      return null;
  }
}

export const Thumbnail = memo(function Thumbnail({ preset }: { preset: ScenarioPreset }) {
  const sketch = useMemo(() => toySketch(preset.scenario), [preset]);
  return (
    <svg
      className="gallery-thumbnail"
      width={THUMBNAIL_WIDTH}
      height={THUMBNAIL_HEIGHT}
      viewBox={`0 0 ${THUMBNAIL_WIDTH} ${THUMBNAIL_HEIGHT}`}
      aria-hidden="true"
      data-kind={sketch ? 'toy' : preset.group}
    >
      <rect width={THUMBNAIL_WIDTH} height={THUMBNAIL_HEIGHT} fill="#fff" />
      {sketch ? (
        <ToyPicture sketch={sketch} clipId={`thumb-clip-${preset.key}`} />
      ) : (
        (presetGlyph(preset.key, <GroupGlyph group={preset.group} />) ?? <GroupGlyph group={preset.group} />)
      )}
    </svg>
  );
});
