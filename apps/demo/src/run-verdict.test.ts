import { describe, expect, it } from 'vitest';
import { type MetricsSummary, summarizeMetrics } from './metrics-summary.js';
import { judgeRun } from './run-verdict.js';
import type { WorkloadExit } from './workload-processes.js';

const counts = { sent: 12, succeeded: 11, failed: 1 };
const cleanExits: WorkloadExit[] = [
  { sdk: 'groq-sdk', exit: 0, counts },
  { sdk: 'langchain', exit: 0, counts },
];
const services = ['demo-groq-sdk', 'demo-langchain'];
const metricsUrl = 'http://127.0.0.1:9464/metrics';

function spending(byService: Record<string, number>): MetricsSummary {
  return summarizeMetrics(
    Object.entries(byService).map(([job, value]) => ({
      name: 'groq_cost_usd_total',
      labels: { job },
      value,
    })),
  );
}

describe('judgeRun', () => {
  it('passes a run where every service spent something', () => {
    const summary = spending({ 'demo-groq-sdk': 0.002, 'demo-langchain': 0.001 });
    expect(judgeRun({ summary, exits: cleanExits, services, metricsUrl, durationSeconds: 20 })).toEqual({
      exitCode: 0,
    });
  });

  it('fails a --duration run whose exporter served zero spend', () => {
    expect(
      judgeRun({ summary: spending({}), exits: cleanExits, services, metricsUrl, durationSeconds: 20 }),
    ).toEqual({
      exitCode: 1,
      problem:
        'the exporter at http://127.0.0.1:9464/metrics served zero spend (groq_cost_usd_total) after 20 s; ' +
        'expected cost from every SDK. Check the workload output above for failed requests or export errors.',
    });
  });

  it('lets an interrupted run without spend exit 0, with a warning', () => {
    expect(judgeRun({ summary: spending({}), exits: cleanExits, services, metricsUrl })).toEqual({
      exitCode: 0,
      warning:
        'no spend recorded yet for demo-groq-sdk, demo-langchain (a short run, or failing requests: see above)',
    });
  });

  it('warns about one silent service without failing the run', () => {
    const summary = spending({ 'demo-groq-sdk': 0.002 });
    expect(judgeRun({ summary, exits: cleanExits, services, metricsUrl, durationSeconds: 20 })).toEqual({
      exitCode: 0,
      warning: 'no spend recorded yet for demo-langchain (a short run, or failing requests: see above)',
    });
  });

  it('fails when a workload process crashed, whatever the spend', () => {
    const summary = spending({ 'demo-groq-sdk': 0.002, 'demo-langchain': 0.001 });
    const exits: WorkloadExit[] = [
      cleanExits[0] as WorkloadExit,
      { sdk: 'langchain', exit: 'SIGKILL', counts },
    ];
    expect(judgeRun({ summary, exits, services, metricsUrl, durationSeconds: 20 })).toEqual({
      exitCode: 1,
      problem:
        'workload process(es) ended abnormally: langchain exited with SIGKILL after sending 12 requests. See their output above.',
    });
  });
});
