import type { ChartSeries } from '../../../components/TimeChart';
import type { DailyAvailabilityResponse } from './types';

/** Bars of each day's availability in % and the target as a dashed line; days at UTC midnight. */
export function dailySeries(daily: DailyAvailabilityResponse) {
  const times = daily.days.map((day) => Date.parse(`${day.date}T00:00:00Z`));
  const percents = daily.days.map((day) =>
    day.availability === null ? null : Math.floor(day.availability * 100_000) / 1000,
  );
  const target = daily.target * 100;
  const lowest = Math.min(target, ...percents.filter((value) => value !== null));
  const series: ChartSeries[] = [
    { label: 'Availability', values: percents, color: '#2f5bd3', style: 'bars' },
    {
      label: 'Target',
      values: times.map(() => target),
      color: '#b3261e',
      style: 'line',
      dash: [6, 4],
      points: false,
    },
  ];
  // Near 100 % all bars would look alike from zero: the axis starts just below what is shown.
  const range = [Math.max(0, Math.floor(lowest - 0.5)), 100] as const;
  // The whole month, the days still ahead too.
  const [year = 1970, month = 1] = daily.month.split('-').map(Number);
  const span = [Date.UTC(year, month - 1, 1), Date.UTC(year, month, 0)] as const;
  return { times, series, range, span };
}
