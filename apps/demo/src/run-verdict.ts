import type { MetricsSummary } from './metrics-summary.js';
import type { WorkloadExit } from './workload-processes.js';

/** What the end of a run means for the exit code, and what to tell the user. */
export interface RunVerdict {
  exitCode: 0 | 1;
  /** Why the run failed (printed as an error). */
  problem?: string;
  /** Something worth knowing that does not fail the run. */
  warning?: string;
}

/** What {@link judgeRun} looks at. */
export interface RunOutcome {
  summary: MetricsSummary;
  exits: readonly WorkloadExit[];
  /** The services that should have spent something (`service.name` of each workload). */
  services: readonly string[];
  metricsUrl: string;
  /** Set for `--duration` runs, whose contract (checked by CI) is non-zero spend on the exporter. */
  durationSeconds?: number;
}

/**
 * Decides the exit code of a finished run: a workload process that crashed fails it; a
 * `--duration` run whose exporter served zero spend fails it; a service without spend is a warning.
 */
export function judgeRun(outcome: RunOutcome): RunVerdict {
  const crashed = outcome.exits.filter((exit) => exit.exit !== 0);
  if (crashed.length > 0) {
    const described = crashed
      .map((exit) => `${exit.sdk} exited with ${exit.exit} after sending ${exit.counts.sent} requests`)
      .join('; ');
    return {
      exitCode: 1,
      problem: `workload process(es) ended abnormally: ${described}. See their output above.`,
    };
  }
  if (outcome.durationSeconds !== undefined && !(outcome.summary.totalSpendUsd > 0)) {
    return {
      exitCode: 1,
      problem:
        `the exporter at ${outcome.metricsUrl} served zero spend (groq_cost_usd_total) after ${outcome.durationSeconds} s; ` +
        'expected cost from every SDK. Check the workload output above for failed requests or export errors.',
    };
  }
  const spenders = new Set(
    outcome.summary.spendByService.filter((share) => share.value > 0).map((share) => share.key),
  );
  const silent = outcome.services.filter((service) => !spenders.has(service));
  return silent.length === 0
    ? { exitCode: 0 }
    : {
        exitCode: 0,
        warning: `no spend recorded yet for ${silent.join(', ')} (a short run, or failing requests: see above)`,
      };
}
