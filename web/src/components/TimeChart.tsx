import { useEffect, useId, useRef, type ReactNode } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import './TimeChart.css';

export interface ChartSeries {
  label: string;
  /** One value per instant of `times`; null leaves a gap. */
  values: readonly (number | null)[];
  /** A CSS colour (canvas cannot read the stylesheet's variables). */
  color: string;
  style: 'bars' | 'line';
  dash?: number[];
  /** Marks on each value of a line (default: uPlot's, where the points are sparse). */
  points?: boolean;
}

interface TimeChartProps {
  /** Visible caption, and the figure's accessible name. */
  caption: string;
  /** Instants of the points, epoch milliseconds, ascending. */
  times: readonly number[];
  series: readonly ChartSeries[];
  /** How a value reads on the axis and in the legend, such as "99.95 %" or "12 ms". */
  format: (value: number) => string;
  /** Fixed bounds of the value axis; by default they fit the data. */
  range?: readonly [number, number];
  /** The instants the time axis spans, epoch milliseconds; by default the data's. */
  span?: readonly [number, number];
  /** The zone of the time axis (default: the browser's). */
  timeZone?: string;
  height?: number;
  /** The same data for those who cannot see the canvas: a table or a few sentences. */
  children: ReactNode;
}

const FALLBACK_WIDTH = 600;

type Drawn = Pick<TimeChartProps, 'times' | 'series' | 'format' | 'range' | 'span' | 'timeZone'> & {
  height: number;
};

function optionsOf(drawn: Drawn, measuredWidth: number): uPlot.Options {
  const { times, series, format, range, span, timeZone, height } = drawn;
  const width = measuredWidth > 0 ? measuredWidth : FALLBACK_WIDTH;
  const bars = uPlot.paths.bars?.({ size: [0.7, 40] });
  // Bars are centred on their instant: widen the time scale by half a step on each side.
  const step = times.length > 1 ? ((times[1] ?? 0) - (times[0] ?? 0)) / 1000 : 86_400;
  const pad = series.some((s) => s.style === 'bars') ? step / 2 : 0;
  return {
    width,
    height,
    ...(timeZone === undefined
      ? {}
      : { tzDate: (ts: number) => uPlot.tzDate(new Date(ts * 1000), timeZone) }),
    scales: {
      x: {
        time: true,
        range: (_u, min, max): uPlot.Range.MinMax =>
          span === undefined ? [min - pad, max + pad] : [span[0] / 1000 - pad, span[1] / 1000 + pad],
      },
      y: range === undefined ? {} : { range: [range[0], range[1]] },
    },
    axes: [{}, { size: 72, values: (_u, splits) => splits.map((value) => format(value)) }],
    series: [
      {},
      ...series.map((s): uPlot.Series => ({
        label: s.label,
        stroke: s.color,
        width: s.style === 'bars' ? 0 : 1.5,
        ...(s.style === 'bars' ? { fill: s.color, paths: bars, points: { show: false } } : {}),
        ...(s.dash === undefined ? {} : { dash: s.dash }),
        ...(s.points === undefined ? {} : { points: { show: s.points } }),
        value: (_u, value: number | null) => (value === null ? '—' : format(value)),
      })),
    ],
  };
}

/**
 * A time series drawn by uPlot on a canvas that follows its container's width. Canvas says
 * nothing to a screen reader: the canvas is hidden from it and `children` (a table or a
 * summary) says the same in words.
 */
export function TimeChart(props: TimeChartProps) {
  const { caption, times, series, format, range, span, timeZone, height = 220, children } = props;
  const captionId = useId();
  const container = useRef<HTMLDivElement>(null);

  // Drawn again only when what it shows changes: callers memoise their series.
  useEffect(() => {
    const element = container.current;
    if (element === null) return;
    const data: uPlot.AlignedData = [times.map((t) => t / 1000), ...series.map((s) => [...s.values])];
    const options = optionsOf({ times, series, format, range, span, timeZone, height }, element.clientWidth);
    const chart = new uPlot(options, data, element);
    const observer = new ResizeObserver(() => {
      const width = element.clientWidth;
      if (width > 0 && width !== chart.width) chart.setSize({ width, height });
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
      chart.destroy();
    };
  }, [times, series, format, range, span, timeZone, height]);

  return (
    <figure className="time-chart" aria-labelledby={captionId}>
      <figcaption id={captionId}>{caption}</figcaption>
      <div ref={container} className="time-chart-canvas" aria-hidden="true" />
      {children}
    </figure>
  );
}
