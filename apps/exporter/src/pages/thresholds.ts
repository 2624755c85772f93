import type { DashboardPanel } from '@groqmeter/grafana/queries';

/** One threshold step of a dashboard panel. */
export type ThresholdStep = DashboardPanel['thresholds'][number];

/** The colour the dashboards' threshold steps give `value`: that of the last step at or below it. */
export function thresholdColor(steps: readonly ThresholdStep[], value: number): ThresholdStep['color'] {
  let color: ThresholdStep['color'] = steps[0]?.color ?? 'text';
  for (const step of steps) {
    if (step.value === null || value >= step.value) color = step.color;
  }
  return color;
}
