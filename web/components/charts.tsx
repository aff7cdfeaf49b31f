/**
 * Server-rendered SVG charts for the overview page. Each chart is an image with a text alternative
 * (role="img" and a label that says what it shows); its numbers are in a table beside it, and the
 * series differ by more than colour (hatching, labels). Colours come from CSS classes, so the NL
 * Design System tokens and the print style apply; no inline styles (CSP).
 *
 * The scales are a few lines of our own: a linear scale from zero with round tick steps and equal
 * bands are all these charts need (smaller and cheaper per request than d3-scale and d3-shape).
 */
import type { ReactNode } from 'react';

/** Round steps for a count axis from 0 to at least `max`: 1, 2 or 5 × 10ⁿ, whole numbers. */
export function countAxis(max: number, approxTicks = 4): { top: number; ticks: number[] } {
  if (max <= 0) return { top: 1, ticks: [0, 1] };
  const raw = max / approxTicks;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = Math.max(1, [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? 10 * magnitude);
  const top = Math.ceil(max / step) * step;
  const ticks: number[] = [];
  for (let v = 0; v <= top + step / 2; v += step) ticks.push(v);
  return { top, ticks };
}

/** The width of a chart in SVG units: a half column's; ShareBars spans a whole one. */
const W = 640;
/**
 * Whether a number fits as a label over a bar `width` units wide: about 8 units a digit at the
 * charts' 12 px, with room for wider letter spacing (WCAG 1.4.12). A number that does not fit is
 * left to the table beside the chart rather than drawn over its neighbour.
 */
const fits = (n: number, width: number) => String(n).length * 8 + 4 <= width;

/** Numbers in SVG coordinates, rounded: shorter markup, and no sub-pixel noise. */
const r = (n: number) => Math.round(n * 10) / 10;

function Svg({ label, height, width = W, children }: { label: string; height: number; width?: number; children: ReactNode }) {
  return (
    <svg className="ww-chart__svg" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label} focusable="false" preserveAspectRatio="xMinYMin meet">
      <title>{label}</title>
      {children}
    </svg>
  );
}

/** Diagonal hatching over a base colour: the second series is told apart without colour. */
function Hatch({ id, className }: { id: string; className: string }) {
  return (
    <defs>
      <pattern id={id} patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">
        <rect width="6" height="6" className={className} />
        <line x1="0" y1="0" x2="0" y2="6" className="ww-chart__hatch-line" />
      </pattern>
    </defs>
  );
}

function YAxis({ ticks, y, left, right }: { ticks: number[]; y: (v: number) => number; left: number; right: number }) {
  return (
    <g className="ww-chart__axis">
      {ticks.map((t) => (
        <g key={t}>
          <line x1={left} x2={right} y1={r(y(t))} y2={r(y(t))} className={t === 0 ? 'ww-chart__baseline' : 'ww-chart__grid'} />
          <text x={left - 6} y={r(y(t)) + 4} textAnchor="end">
            {t}
          </text>
        </g>
      ))}
    </g>
  );
}

export type ShareSegment = { key: string; label: string; value: number; className: string };
export type ShareRow = { name: string; segments: ShareSegment[]; emptyText: string };

/** One horizontal bar per row, split into the shares of its segments (100% each), with percentages on wide parts. */
export function ShareBars({ label, rows }: { label: string; rows: ShareRow[] }) {
  const width = 960;
  const rowHeight = 28;
  const gap = 10;
  const left = 250;
  const right = width - 10;
  const height = rows.length * (rowHeight + gap) + 8;
  return (
    <Svg label={label} height={height} width={width}>
      {rows.map((row, i) => {
        const y = 4 + i * (rowHeight + gap);
        const total = row.segments.reduce((sum, s) => sum + s.value, 0);
        let x = left;
        const name = row.name.length > 30 ? `${row.name.slice(0, 29)}…` : row.name;
        return (
          <g key={row.name + i}>
            <text x={left - 8} y={y + rowHeight / 2 + 4} textAnchor="end" className="ww-chart__label">
              {name}
            </text>
            {total === 0 ? (
              <>
                <rect x={left} y={y} width={right - left} height={rowHeight} className="ww-chart__empty" />
                <text x={left + 8} y={y + rowHeight / 2 + 4} className="ww-chart__label">
                  {row.emptyText}
                </text>
              </>
            ) : (
              row.segments.map((s) => {
                const width = ((right - left) * s.value) / total;
                const share = Math.round((s.value / total) * 100);
                const at = x;
                x += width;
                return s.value === 0 ? null : (
                  <g key={s.key}>
                    <rect x={r(at)} y={y} width={r(width)} height={rowHeight} className={`ww-chart__segment ${s.className}`}>
                      <title>{`${s.label}: ${s.value} (${share}%)`}</title>
                    </rect>
                    {width >= 48 && (
                      <text x={r(at + width / 2)} y={y + rowHeight / 2 + 4} textAnchor="middle" className="ww-chart__on-dark">
                        {`${share}%`}
                      </text>
                    )}
                  </g>
                );
              })
            )}
          </g>
        );
      })}
    </Svg>
  );
}

export type PairRow = { label: string; sublabel?: string; a: number; b: number };

/**
 * Two bars per band (received, sent): the first solid, the second hatched, each with its number
 * above it while the bands are wide enough to read one.
 */
export function PairBars({ id, label, rows, classA, classB }: { id: string; label: string; rows: PairRow[]; classA: string; classB: string }) {
  const height = 230;
  const top = 16;
  const bottom = height - 40;
  const left = 40;
  const right = W - 8;
  const { top: max, ticks } = countAxis(Math.max(1, ...rows.map((x) => Math.max(x.a, x.b))));
  const y = (v: number) => bottom - ((bottom - top) * v) / max;
  const band = (right - left) / Math.max(1, rows.length);
  const bar = Math.min(28, band * 0.38);
  const hatch = `${id}-hatch`;
  return (
    <Svg label={label} height={height}>
      <Hatch id={hatch} className={classB} />
      <YAxis ticks={ticks} y={y} left={left} right={right} />
      {rows.map((row, i) => {
        const mid = left + band * i + band / 2;
        const every = Math.ceil(rows.length / 13);
        return (
          <g key={row.label + i}>
            <rect x={r(mid - bar - 1)} y={r(y(row.a))} width={r(bar)} height={r(bottom - y(row.a))} className={`ww-chart__bar ${classA}`} />
            <rect x={r(mid + 1)} y={r(y(row.b))} width={r(bar)} height={r(bottom - y(row.b))} fill={`url(#${hatch})`} className="ww-chart__bar ww-chart__bar--hatched" />
            {row.a > 0 && fits(row.a, bar + 2) && (
              <text x={r(mid - bar / 2 - 1)} y={r(y(row.a)) - 3} textAnchor="middle" className="ww-chart__value">
                {row.a}
              </text>
            )}
            {row.b > 0 && fits(row.b, bar + 2) && (
              <text x={r(mid + bar / 2 + 1)} y={r(y(row.b)) - 3} textAnchor="middle" className="ww-chart__value">
                {row.b}
              </text>
            )}
            {i % every === 0 && (
              <text x={r(mid)} y={bottom + 15} textAnchor="middle" className="ww-chart__label">
                {row.label}
                {row.sublabel && (
                  <tspan x={r(mid)} dy="13">
                    {row.sublabel}
                  </tspan>
                )}
              </text>
            )}
          </g>
        );
      })}
    </Svg>
  );
}

export type StackBucket = { label: string; onTime: number; late: number };

/**
 * The distribution of days to answer: one bar per bucket of days, on time (solid) below late
 * (hatched), and a dashed line where the term ends (`termAt`: the position in buckets, fractional).
 */
export function DurationBars(props: { id: string; label: string; buckets: StackBucket[]; termAt: number; termLabel: string; axisLabel: string; classOnTime: string; classLate: string }) {
  const { buckets } = props;
  const height = 250;
  // The term's label sits above the bars (and their numbers), never among them.
  const top = 36;
  const bottom = height - 44;
  const left = 40;
  const right = W - 8;
  const { top: max, ticks } = countAxis(Math.max(1, ...buckets.map((b) => b.onTime + b.late)));
  const y = (v: number) => bottom - ((bottom - top) * v) / max;
  const band = (right - left) / Math.max(1, buckets.length);
  const bar = band * 0.72;
  const termX = left + band * props.termAt;
  const hatch = `${props.id}-hatch`;
  return (
    <Svg label={props.label} height={height}>
      <Hatch id={hatch} className={props.classLate} />
      <YAxis ticks={ticks} y={y} left={left} right={right} />
      {buckets.map((b, i) => {
        const x = left + band * i + (band - bar) / 2;
        const total = b.onTime + b.late;
        return (
          <g key={b.label}>
            <rect x={r(x)} y={r(y(b.onTime))} width={r(bar)} height={r(bottom - y(b.onTime))} className={`ww-chart__bar ${props.classOnTime}`} />
            <rect x={r(x)} y={r(y(total))} width={r(bar)} height={r(y(b.onTime) - y(total))} fill={`url(#${hatch})`} className="ww-chart__bar ww-chart__bar--hatched" />
            {total > 0 && fits(total, bar) && (
              <text x={r(x + bar / 2)} y={r(y(total)) - 3} textAnchor="middle" className="ww-chart__value">
                {total}
              </text>
            )}
            <text x={r(left + band * i + band / 2)} y={bottom + 15} textAnchor="middle" className="ww-chart__label">
              {b.label}
            </text>
          </g>
        );
      })}
      <line x1={r(termX)} x2={r(termX)} y1={4} y2={bottom} className="ww-chart__term" />
      <text x={r(termX) + 4} y={16} className="ww-chart__label ww-chart__term-label">
        {props.termLabel}
      </text>
      <text x={r((left + right) / 2)} y={height - 6} textAnchor="middle" className="ww-chart__label">
        {props.axisLabel}
      </text>
    </Svg>
  );
}

/** A legend in HTML (it reflows; the swatches are decoration, the words carry the meaning). */
export function Legend({ items }: { items: { label: string; className: string; hatched?: boolean }[] }) {
  return (
    <ul className="ww-legend">
      {items.map((item) => (
        <li key={item.label} className="ww-legend__item">
          <span className={`ww-legend__swatch ${item.className}${item.hatched ? ' ww-legend__swatch--hatched' : ''}`} aria-hidden="true" />
          {item.label}
        </li>
      ))}
    </ul>
  );
}
