import { createServer } from 'node:net';
import { interpolate } from '@groqmeter/grafana/interpolate';
import { dashboardPanel } from '@groqmeter/grafana/queries';
import { type RunningSimulator, startSimulator } from '@groqmeter/groq-simulator';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type RunningExporter, startExporter } from '../../src/start-exporter.js';
import { samplesOf, scrape } from '../exposition.js';
import { type RunningPrometheus, startPrometheus } from '../prometheus.js';
import { launchChromium } from './chromium.js';
import { type PageWorkload, pageWorkload } from './page-workload.js';

const PUSH_TOKEN = 'pages-push-token';
const SCRAPE_TOKEN = 'pages-scrape-token';
const AUTH = { authorization: `Bearer ${SCRAPE_TOKEN}` };

let browser: Browser;
let simulator: RunningSimulator;
let prometheus: RunningPrometheus;
let exporter: RunningExporter;
let workload: PageWorkload;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

beforeAll(async () => {
  browser = await launchChromium();
  simulator = await startSimulator();
  // Prometheus first, scraping the port the exporter is about to take: the exporter needs its URL.
  const metricsPort = await freePort();
  prometheus = await startPrometheus(inject('prometheusBinary'), [
    {
      jobName: 'groqmeter',
      address: `127.0.0.1:${metricsPort}`,
      honorLabels: true,
      bearerToken: SCRAPE_TOKEN,
    },
  ]);
  exporter = await startExporter({
    otlpPort: 0,
    metricsPort,
    logLevel: 'silent',
    token: PUSH_TOKEN,
    scrapeToken: SCRAPE_TOKEN,
    prometheusUrl: prometheus.url,
    groqApiKey: 'gsk_pagesCatalogueKey',
    groqBaseUrl: simulator.url,
  });
  await prometheus.waitForTargetsUp();
  workload = pageWorkload({
    simulatorUrl: simulator.url,
    otlpUrl: exporter.otlpUrl,
    token: PUSH_TOKEN,
  });
  for (let index = 0; index < 3; index++) {
    await workload.round(index);
    await workload.push();
    await new Promise((resolve) => setTimeout(resolve, 1_500));
  }
}, 900_000);

afterAll(async () => {
  await workload?.shutdown();
  await exporter?.close();
  await prometheus?.stop();
  await simulator?.close();
  await browser?.close();
});

const usd = (value: number) =>
  new Intl.NumberFormat('en-US', {
    style: 'currency',
    currency: 'USD',
    minimumFractionDigits: 4,
    maximumFractionDigits: 4,
  }).format(value);

describe('the exporter pages with --prometheus-url', () => {
  it('chart Prometheus with the dashboards’ PromQL and take month-to-date from the Overview’s query', async () => {
    const { samples } = await scrape(exporter.metricsUrl, AUTH);
    const spend = samplesOf(samples, 'groq_cost_usd_total').reduce((sum, sample) => sum + sample.value, 0);
    await prometheus.waitForQuery(
      'sum(groq_cost_usd_total)',
      (result) =>
        // Summed in another order: equal to a pico-dollar.
        Math.abs((result[0]?.value ?? 0) - spend) < 1e-12,
    );
    // Until Prometheus has two scrapes of the growth in each rate window, its charts are empty.
    const charted = [
      'spend_rate',
      'tokens_rate',
      'duration',
      'p95_by_model',
      'errors',
      'headroom',
      'tts_characters',
    ];
    const deadline = Date.now() + 60_000;
    for (;;) {
      const { charts } = (await (
        await fetch(`${exporter.pagesUrl}api/charts?range=1h`, { headers: AUTH })
      ).json()) as {
        charts: { id: string; source: string; series: { values: (number | null)[] }[] }[];
      };
      const drawn = charts.filter(
        (chart) =>
          chart.source === 'prometheus' &&
          chart.series.some((series) => series.values.some((value) => value !== null)),
      );
      if (charted.every((id) => drawn.some((chart) => chart.id === id))) break;
      if (Date.now() > deadline) {
        const missing = charted.filter((id) => !drawn.some((chart) => chart.id === id));
        throw new Error(`Prometheus charts still without data after a minute: ${missing.join(', ')}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${exporter.pagesUrl}detail?token=${SCRAPE_TOKEN}`);
    await page.waitForSelector('#status[data-state="live"]');
    // The card's current values come from the exporter's store, as /metrics serves them.
    await page.waitForFunction(
      (expected) => document.querySelector('[data-field="card.spendUsd"]')?.textContent === expected,
      usd(spend),
    );
    for (const id of charted) {
      await page.waitForFunction(
        (chart) => {
          const figure = document.querySelector<HTMLElement>(`figure[data-chart="${chart}"]`);
          return (
            figure?.dataset.source === 'prometheus' &&
            Number(figure.dataset.values) > 0 &&
            figure.querySelector('canvas') !== null
          );
        },
        id,
        { timeout: 20_000 },
      );
    }
    // The query run is the Spend dashboard's, its variables set to All over the last hour.
    const shown = await page.locator('figure[data-chart="spend_rate"] .queries code').first().textContent();
    expect(shown).toBe(
      interpolate(dashboardPanel('groqmeter-spend', 'Spend per hour by model').targets[0]?.expr ?? '', {
        filters: { job: '.*', model: '.*', operation: '.*', feature: '.*' },
        rangeSeconds: 3600,
        rateIntervalSeconds: 60,
        intervalSeconds: 15,
      }),
    );
    const legend = await page.locator('figure[data-chart="spend_rate"] .u-legend .u-label').allTextContents();
    expect(legend).toContain('openai/gpt-oss-20b');
    const summary = (await (await fetch(`${exporter.pagesUrl}api/summary`, { headers: AUTH })).json()) as {
      card: { monthSource: string; spendMonthUsd: number };
    };
    expect(summary.card.monthSource).toBe('prometheus');
    expect(summary.card.spendMonthUsd).toBeCloseTo(spend, 12);
    expect(await page.locator('#source-line').textContent()).toContain('charts from Prometheus');
    await context.close();
  }, 90_000);
});
