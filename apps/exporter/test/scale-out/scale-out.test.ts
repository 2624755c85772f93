import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type OtelApp, otelApp } from '../otel-app.js';
import { type RunningPrometheus, startPrometheus } from '../prometheus.js';
import {
  type ExporterReplica,
  ensureBinary,
  INSTANCE_HEADER,
  type LoadBalancer,
  startNginx,
  startReplica,
  startVictoriaMetrics,
  type VictoriaMetrics,
} from './components.js';

/**
 * Scale-out with real parts on loopback: three exporter replicas (the built CLI, one process
 * each) behind Debian's nginx, scraped by one Prometheus (1 s) that remote-writes into Debian's
 * victoria-metrics. Apps are the real OTel SDK with the real OTLP/HTTP exporter. The topologies
 * and their limits are in the exporter README ("Running more than one exporter").
 */
let replicas: ExporterReplica[];
let nginx: LoadBalancer;
let victoria: VictoriaMetrics;
let prometheus: RunningPrometheus;
const SCRAPE_INTERVAL_S = 1;

beforeAll(async () => {
  const nginxBinary = ensureBinary('nginx', 'nginx');
  const victoriaBinary = ensureBinary('victoria-metrics', 'victoria-metrics');
  victoria = await startVictoriaMetrics(victoriaBinary);
  replicas = await Promise.all(['r1', 'r2', 'r3'].map((name) => startReplica(name)));
  nginx = await startNginx(nginxBinary, replicas);
  prometheus = await startPrometheus(
    inject('prometheusBinary'),
    replicas.map((replica) => ({
      jobName: `exporter-${replica.name}`,
      address: replica.metricsAddress,
      honorLabels: true,
      labels: { replica: replica.name },
    })),
    { remoteWriteUrl: victoria.remoteWriteUrl },
  );
  await prometheus.waitForTargetsUp();
}, 300_000);

afterAll(async () => {
  await prometheus?.stop();
  await nginx?.stop();
  await Promise.all((replicas ?? []).map((replica) => replica.stop()));
  await victoria?.stop();
});

const MODELS = ['openai/gpt-oss-20b', 'llama-3.3-70b-versatile'];

/** An app instance recording one request and $0.25 per round on its model, pushing each round. */
function app(job: string, instance: string, url: string, temporality: 'delta' | 'cumulative', headers = {}) {
  const telemetry: OtelApp = otelApp({
    url,
    protocol: 'protobuf',
    resource: { 'service.name': job, 'service.instance.id': instance },
    temporality,
    headers,
  });
  const requests = telemetry.meter.createCounter('groq.requests', { description: 'Requests' });
  const cost = telemetry.meter.createCounter('groq.cost.usd', { description: 'Cost in USD' });
  return {
    telemetry,
    async round(model: string): Promise<void> {
      requests.add(1, { model, operation: 'chat' });
      cost.add(0.25, { model, operation: 'chat' });
      await telemetry.flush();
    },
  };
}

const total = async (expr: string, expected: number) =>
  (await prometheus.waitForQuery(expr, (result) => result[0]?.value === expected, 20_000))[0]!.value;

describe('scale-out: three replicas behind nginx, one Prometheus, victoria-metrics', () => {
  it('(a) delta temporality, round-robin: the replicas each hold a part, the sums are exact', async () => {
    const apps = [1, 2, 3, 4].map((n) => app('delta-app', `d${n}`, nginx.roundRobinUrl, 'delta'));
    for (let round = 0; round < 10; round++) {
      await Promise.all(apps.map((instance, n) => instance.round(MODELS[n % 2]!)));
    }
    expect(await total('sum(groq_requests_total{job="delta-app"})', 40)).toBe(40);
    expect(await total('sum(groq_cost_usd_total{job="delta-app"})', 10)).toBe(10);
    const byModel = await prometheus.query('sum by (model) (groq_requests_total{job="delta-app"})');
    expect(Object.fromEntries(byModel.map(({ metric, value }) => [metric.model, value]))).toEqual({
      [MODELS[0]!]: 20,
      [MODELS[1]!]: 20,
    });
    // Round-robin did spread the pushes: every replica holds a part of the total.
    const byReplica = await prometheus.query('sum by (replica) (groq_requests_total{job="delta-app"})');
    expect(byReplica.map(({ metric }) => metric.replica).sort()).toEqual(['r1', 'r2', 'r3']);
    await Promise.all(apps.map((instance) => instance.telemetry.shutdown()));
  }, 60_000);

  it('(b) cumulative temporality, routed by app instance: each stream on one replica, the sums are exact', async () => {
    const apps = [1, 2, 3, 4].map((n) =>
      app('cumulative-app', `c${n}`, nginx.byInstanceUrl, 'cumulative', { [INSTANCE_HEADER]: `c${n}` }),
    );
    for (let round = 0; round < 10; round++) {
      await Promise.all(apps.map((instance, n) => instance.round(MODELS[n % 2]!)));
    }
    expect(await total('sum(groq_requests_total{job="cumulative-app"})', 40)).toBe(40);
    expect(await total('sum(groq_cost_usd_total{job="cumulative-app"})', 10)).toBe(10);
    const replicasPerInstance = await prometheus.query(
      'count by (instance) (groq_requests_total{job="cumulative-app"})',
    );
    expect(replicasPerInstance.map(({ value }) => value)).toEqual([1, 1, 1, 1]);
    await Promise.all(apps.map((instance) => instance.telemetry.shutdown()));
  }, 60_000);

  it('the limit of (b): cumulative through round-robin over-counts (each replica serves the last cumulative it saw)', async () => {
    const lone = app('cumulative-rr-app', 'x1', nginx.roundRobinUrl, 'cumulative');
    for (let round = 0; round < 6; round++) await lone.round(MODELS[0]!);
    const served = await prometheus.waitForQuery(
      'count(groq_requests_total{job="cumulative-rr-app"})',
      (result) => result[0]?.value === 3,
    );
    expect(served[0]!.value).toBe(3);
    const sum = (await prometheus.query('sum(groq_requests_total{job="cumulative-rr-app"})'))[0]!.value;
    expect(sum).toBeGreaterThan(6);
    await lone.telemetry.shutdown();
  }, 60_000);

  it('(c) a replica killed mid-run (delta, round-robin): what is lost is bounded by one scrape interval', async () => {
    const apps = [1, 2, 3].map((n) => app('kill-app', `k${n}`, nginx.roundRobinUrl, 'delta'));
    const flushedAt: number[][] = [];
    const runRounds = async (rounds: number) => {
      for (let round = 0; round < rounds; round++) {
        await Promise.all(apps.map((instance, n) => instance.round(MODELS[n % 2]!)));
        flushedAt.push([Date.now(), apps.length]);
        await sleep(100);
      }
    };
    await runRounds(15);
    const killedAt = Date.now();
    await replicas[2]!.kill();
    await runRounds(15);
    const sent = flushedAt.reduce((sum, [, count]) => sum + count!, 0);
    // Counters of a dead replica stay in Prometheus up to its last scrape: the last value of every
    // series, the dead replica's included, is what Prometheus holds.
    // Two scrape intervals: the survivors' last pushes are scraped.
    await sleep(2 * SCRAPE_INTERVAL_S * 1000 + 500);
    const held = await prometheus.query('sum(last_over_time(groq_requests_total{job="kill-app"}[10m]))');
    const lost = sent - held[0]!.value;
    const bound = boundOf(flushedAt, killedAt);
    console.info(`scale-out (c): sent ${sent}, held ${held[0]!.value}, lost ${lost}, bound ${bound}`);
    expect(lost).toBeGreaterThanOrEqual(0);
    expect(lost).toBeLessThanOrEqual(bound);
    await Promise.all(apps.map((instance) => instance.telemetry.shutdown()));
  }, 60_000);

  it('(d) remote-written into victoria-metrics, the same queries give the same numbers there', async () => {
    const queries = [
      'sum(groq_requests_total{job="delta-app"})',
      'sum by (model) (groq_cost_usd_total{job="delta-app"})',
      'sum by (model) (groq_requests_total{job="cumulative-app"})',
      'sum by (model, operation) (groq_cost_usd_total{job=~"delta-app|cumulative-app"})',
      'sum(last_over_time(groq_requests_total{job="kill-app"}[10m]))',
    ];
    await sleep(2 * SCRAPE_INTERVAL_S * 1000);
    const at = Math.floor(Date.now() / 1000) - 1;
    const normalise = (result: { metric: Record<string, string>; value: number }[]) =>
      result.map(({ metric, value }) => [JSON.stringify(metric), value]).sort();
    for (const expr of queries) {
      const fromPrometheus = normalise(await prometheus.query(expr, at));
      expect(fromPrometheus.length).toBeGreaterThan(0);
      const deadline = Date.now() + 20_000;
      let fromVictoria = normalise(await victoria.query(expr, at));
      while (JSON.stringify(fromVictoria) !== JSON.stringify(fromPrometheus) && Date.now() < deadline) {
        await sleep(250);
        fromVictoria = normalise(await victoria.query(expr, at));
      }
      expect([expr, fromVictoria]).toEqual([expr, fromPrometheus]);
    }
  }, 120_000);
});

/**
 * The most a killed replica can take with it: the increments pushed during the last scrape
 * interval before the kill (plus one push period of slack), all replicas' share together; a
 * third of that is the replica's expected share.
 */
function boundOf(flushedAt: number[][], killedAt: number): number {
  const since = killedAt - SCRAPE_INTERVAL_S * 1000 - 200;
  return flushedAt
    .filter(([at]) => at! > since && at! <= killedAt)
    .reduce((sum, [, count]) => sum + count!, 0);
}
