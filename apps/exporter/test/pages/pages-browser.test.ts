import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type RunningSimulator, startSimulator } from '@groqmeter/groq-simulator';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HeadlineHistory } from '../../src/pages/headline-history.js';
import { type ExporterOptions, type RunningExporter, startExporter } from '../../src/start-exporter.js';
import { type Sample, samplesOf, scrape } from '../exposition.js';
import { launchChromium } from './chromium.js';
import { type PageWorkload, pageWorkload } from './page-workload.js';

const PUSH_TOKEN = 'pages-push-token';
const SCRAPE_TOKEN = 'pages-scrape-token';
const AUTH = { authorization: `Bearer ${SCRAPE_TOKEN}` };
const DOCS = fileURLToPath(new URL('../../../../docs/', import.meta.url));
/** Short history steps, so that a test of seconds draws charts of several points. */
const PAGE_HISTORY = { fine: { stepMs: 250, points: 360 }, day: { stepMs: 1000, points: 1440 } };

let browser: Browser;
let simulator: RunningSimulator;
let directory: string;
let exporter: RunningExporter;
let workload: PageWorkload;
let exporterOptions: ExporterOptions;

beforeAll(async () => {
  browser = await launchChromium();
  simulator = await startSimulator();
  directory = mkdtempSync(join(tmpdir(), 'groqmeter-pages-'));
  exporterOptions = {
    otlpPort: 0,
    metricsPort: 0,
    logLevel: 'silent',
    token: PUSH_TOKEN,
    scrapeToken: SCRAPE_TOKEN,
    budgets: [{ scope: 'all', period: 'month', usd: 0.05 }],
    groqApiKey: 'gsk_pagesCatalogueKey',
    groqBaseUrl: simulator.url,
    ledgerDb: `sqlite:${join(directory, 'ledger.db')}`,
    pagesLedger: true,
    pageHistory: PAGE_HISTORY,
  };
  exporter = await startExporter(exporterOptions);
  workload = pageWorkload({
    simulatorUrl: simulator.url,
    otlpUrl: exporter.otlpUrl,
    tracesUrl: exporter.tracesUrl,
    token: PUSH_TOKEN,
  });
  // Rounds a few history steps apart, so that the charts have growth between points.
  for (let index = 0; index < 4; index++) {
    await workload.round(index);
    await workload.push();
    await new Promise((resolve) => setTimeout(resolve, 600));
  }
}, 900_000);

afterAll(async () => {
  await workload?.shutdown();
  await exporter?.close();
  await simulator?.close();
  await browser?.close();
  rmSync(directory, { recursive: true, force: true });
});

/** A logged-in page: opened once with `?token=`, as an operator would. */
async function openPage(
  path: string,
  options: { locale?: string; viewport?: { width: number; height: number } } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    locale: options.locale ?? 'en-US',
    timezoneId: 'Europe/Amsterdam',
    viewport: options.viewport ?? { width: 1280, height: 900 },
    deviceScaleFactor: 1,
  });
  const page = await context.newPage();
  await page.goto(`${exporter.pagesUrl}${path.replace(/^\//, '')}?token=${SCRAPE_TOKEN}`);
  await page.waitForSelector('#status[data-state="live"]');
  return { context, page };
}

function total(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  return samplesOf(samples, name, labels).reduce((sum, sample) => sum + sample.value, 0);
}

const usd = (locale: string, value: number) =>
  new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: 'USD',
    minimumFractionDigits: 4,
    maximumFractionDigits: 4,
  }).format(value);
const count = (locale: string, value: number) =>
  new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(value);

async function fieldText(page: Page, field: string): Promise<string> {
  return (await page.locator(`[data-field="${field}"]`).first().textContent()) ?? '';
}

/** Waits until every chart in `ids` is drawn (a uPlot canvas over at least `points` points). */
async function waitForCharts(page: Page, ids: readonly string[], points: number): Promise<void> {
  for (const id of ids) {
    await page.waitForFunction(
      ([chart, least]) => {
        const figure = document.querySelector<HTMLElement>(`figure[data-chart="${chart}"]`);
        return (
          figure !== null &&
          Number(figure.dataset.points) >= Number(least) &&
          Number(figure.dataset.series) > 0 &&
          figure.querySelector('canvas') !== null
        );
      },
      [id, String(points)],
    );
  }
}

describe('the exporter pages in Chromium', () => {
  it('are guarded by the scrape token, and a page opened with ?token= keeps a cookie, not the token', async () => {
    const denied = await fetch(exporter.pagesUrl);
    expect([denied.status, denied.headers.get('www-authenticate')]).toEqual([401, 'Bearer']);
    expect((await fetch(`${exporter.pagesUrl}api/summary`)).status).toBe(401);
    const wrong = await fetch(`${exporter.pagesUrl}?token=not-it`, { redirect: 'manual' });
    expect(wrong.status).toBe(401);
    const admitted = await fetch(`${exporter.pagesUrl}detail?token=${SCRAPE_TOKEN}`, { redirect: 'manual' });
    expect([admitted.status, admitted.headers.get('location')]).toEqual([303, '/detail']);
    const cookie = admitted.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^groqmeter_pages=[0-9a-f]{64}; Path=\/; HttpOnly; SameSite=Strict$/);
    expect(cookie).not.toContain(SCRAPE_TOKEN);
    const withCookie = await fetch(`${exporter.pagesUrl}api/summary`, {
      headers: { cookie: cookie.split(';')[0] ?? '' },
    });
    expect(withCookie.status).toBe(200);
    expect((await fetch(`${exporter.pagesUrl}api/summary`, { headers: AUTH })).status).toBe(200);
  });

  it('answers only GET and HEAD, with a strict content security policy, and says what it does not serve', async () => {
    const page = await fetch(exporter.pagesUrl, { headers: AUTH });
    expect(page.headers.get('content-security-policy')).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    );
    const post = await fetch(exporter.pagesUrl, { method: 'POST', headers: AUTH });
    expect([post.status, post.headers.get('allow')]).toEqual([405, 'GET, HEAD']);
    const head = await fetch(`${exporter.pagesUrl}api/summary`, { method: 'HEAD', headers: AUTH });
    expect([head.status, head.headers.get('content-type'), await head.text()]).toEqual([
      200,
      'application/json',
      '',
    ]);
    const range = await fetch(`${exporter.pagesUrl}api/charts?range=7d`, { headers: AUTH });
    expect([range.status, await range.json()]).toEqual([
      400,
      { error: 'bad_range', message: 'range must be one of 1h, 24h' },
    ]);
    expect((await fetch(`${exporter.pagesUrl}api/nope`, { headers: AUTH })).status).toBe(404);
    expect((await fetch(`${exporter.pagesUrl}assets/nope.js`, { headers: AUTH })).status).toBe(404);
    expect(
      (await fetch(`${exporter.pagesUrl}assets/uPlot.iife.min.js`, { headers: AUTH })).headers.get(
        'content-type',
      ),
    ).toBe('text/javascript; charset=utf-8');
  });

  it('overview: the card shows what /metrics serves, the charts draw the history, in the reader’s locale', async () => {
    const { context, page } = await openPage('/');
    const { samples } = await scrape(exporter.metricsUrl, AUTH);
    const spend = total(samples, 'groq_cost_usd_total');
    const input = total(samples, 'groq_tokens_total', { type: 'input' });
    const output = total(samples, 'groq_tokens_total', { type: 'output' });
    const requests = total(samples, 'groq_requests_total');
    const errors = total(samples, 'groq_requests_total', { outcome: 'error' });
    // 4 rounds of 6 operations: 2 chats, a 429, a compound call, a transcription, speech.
    expect([requests, errors]).toEqual([24, 4]);
    expect(spend).toBeGreaterThan(0);
    expect(await fieldText(page, 'card.spendUsd')).toBe(usd('en-US', spend));
    // Nothing was pushed before this month: month-to-date is everything the exporter counted.
    expect(await fieldText(page, 'card.spendMonthUsd')).toBe(usd('en-US', spend));
    expect(await fieldText(page, 'card.inputTokens')).toBe(count('en-US', input));
    expect(await fieldText(page, 'card.outputTokens')).toBe(count('en-US', output));
    expect(await fieldText(page, 'card.requests')).toBe(count('en-US', requests));
    expect(await fieldText(page, 'card.errors')).toBe('4');
    expect(await fieldText(page, 'card.errorRate')).toBe('16.7%');
    // The budget of $0.05 this month: its use to the displayed precision.
    expect(await page.locator('#budget-line').textContent()).toBe(
      `${new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 }).format(spend / 0.05)} of all-month (all, $0.0500 per month)`,
    );
    // The Overview's forecast: month-to-date × month length ÷ time elapsed, at least what was spent.
    const forecast = Number((await fieldText(page, 'card.forecastMonthUsd')).replace(/[$,]/g, ''));
    expect(forecast).toBeGreaterThanOrEqual(Number(spend.toFixed(4)));
    // 20 of 24 finished operations succeeded: under the Availability panel's red threshold of 99%.
    expect(await page.locator('#availability-state').textContent()).toBe('Poor');
    expect(await page.locator('#availability-line').textContent()).toMatch(
      /^83\.3% succeeded, p95 \d+ ms \(last 5 min\)$/,
    );
    expect(await page.locator('#headroom-line').textContent()).toMatch(
      /^[\w./-]+, (requests per day|tokens per minute)$/,
    );
    await waitForCharts(page, ['spend_rate', 'tokens_rate', 'duration', 'errors'], 4);
    expect(await page.locator('figure[data-chart="spend_rate"] .caption').textContent()).toBe(
      'Spend per hour',
    );
    mkdirSync(DOCS, { recursive: true });
    await page.screenshot({ path: join(DOCS, 'exporter-pages-overview.png'), fullPage: true });
    await context.close();
  });

  it('formats units by the reader’s locale', async () => {
    const { context, page } = await openPage('/', { locale: 'de-DE' });
    const { samples } = await scrape(exporter.metricsUrl, AUTH);
    expect(await fieldText(page, 'card.spendUsd')).toBe(usd('de-DE', total(samples, 'groq_cost_usd_total')));
    expect(await fieldText(page, 'card.inputTokens')).toBe(
      count('de-DE', total(samples, 'groq_tokens_total', { type: 'input' })),
    );
    await context.close();
  });

  it('detail: model analytics, audio, tools, rate limits, the models Groq serves and the ledger', async () => {
    const { context, page } = await openPage('/detail');
    const { samples } = await scrape(exporter.metricsUrl, AUTH);
    await page.waitForSelector('#ledger-table tbody tr td:not(.empty)');
    const modelRows = await page.locator('#models-table tbody tr').allTextContents();
    expect(modelRows.map((row) => row.split(/\d/)[0])).toEqual([
      'canopylabs/orpheus-v',
      'groq/compound',
      'openai/gpt-oss-',
      'openai/gpt-oss-',
      'qwen/qwen',
      'whisper-large-v',
    ]);
    const gptOss20b = page.locator('#models-table tbody tr', { hasText: 'openai/gpt-oss-20b' }).locator('td');
    expect(await gptOss20b.nth(1).textContent()).toBe(
      count('en-US', total(samples, 'groq_requests_total', { model: 'openai/gpt-oss-20b' })),
    );
    expect(await gptOss20b.nth(5).textContent()).toBe(
      usd('en-US', total(samples, 'groq_cost_usd_total', { model: 'openai/gpt-oss-20b' })),
    );
    expect(await page.locator('#speech-table tbody tr').allTextContents()).toEqual([
      `canopylabs/orpheus-v1-english${count('en-US', total(samples, 'groq_speech_characters_total'))}`,
    ]);
    expect(await page.locator('#audio-table tbody tr td').first().textContent()).toBe(
      'whisper-large-v3-turbo',
    );
    const tools = await page.locator('#tools-table tbody tr td:first-child').allTextContents();
    expect(tools.length).toBeGreaterThan(0);
    expect(await page.locator('#ratelimits-table tbody tr').count()).toBe(
      samplesOf(samples, 'groq_ratelimit_limit').length,
    );
    // Each row's last cell: the model's 429 responses.
    for (const row of await page.locator('#ratelimits-table tbody tr').all()) {
      const model = (await row.locator('td').first().textContent()) ?? '';
      expect(await row.locator('td').last().textContent()).toBe(
        count('en-US', total(samples, 'groq_ratelimit_hits_total', { model })),
      );
    }
    expect(total(samples, 'groq_ratelimit_hits_total', { model: 'openai/gpt-oss-120b' })).toBe(4);
    // GET /models of the simulator, through the exporter's catalogue poll.
    await page.waitForSelector('#catalogue-table tbody tr td:text("whisper-large-v3-turbo")');
    const catalogue = await page.locator('#catalogue-table tbody tr td:first-child').allTextContents();
    expect(catalogue).toContain('openai/gpt-oss-20b');
    expect(catalogue).toHaveLength(samplesOf(samples, 'groq_model_info').length);
    // The ledger view is on: the newest operations, with the user the app attributed.
    console.log(
      'LEDGER',
      JSON.stringify(await (await fetch(`${exporter.pagesUrl}api/ledger`, { headers: AUTH })).json()).slice(
        0,
        3000,
      ),
    );
    const ledger = page.locator('#ledger-table tbody tr');
    expect(await ledger.count()).toBe(24);
    expect(await ledger.first().locator('td').nth(2).textContent()).toBe('speech');
    expect(await page.locator('#ledger-table tbody').textContent()).toContain('customer-3');
    await waitForCharts(page, ['tokens_rate', 'cumulative_spend', 'duration', 'headroom'], 4);
    expect(await page.locator('figure[data-chart="ttft"] .note').textContent()).toBe(
      'Charted with --prometheus-url; the table shows the current totals.',
    );
    const html = await page.content();
    expect(html).not.toContain('gsk_');
    expect(html).not.toContain('Where is my order');
    await page.screenshot({ path: join(DOCS, 'exporter-pages-detail.png'), fullPage: true });
    await context.close();
  });

  it('stays readable on a phone: nothing wider than the screen', async () => {
    const { context, page } = await openPage('/', { viewport: { width: 390, height: 844 } });
    await waitForCharts(page, ['spend_rate'], 2);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(DOCS, 'exporter-pages-phone.png'), fullPage: false });
    await context.close();
  });

  it('costs the exporter little: the history’s memory, CPU per page load and per poll', async () => {
    // The history's typed arrays, allocated once: measured on the process's ArrayBuffer memory.
    const before = process.memoryUsage().arrayBuffers;
    const histories = Array.from({ length: 20 }, () => new HeadlineHistory());
    const historyBytes = (process.memoryUsage().arrayBuffers - before) / histories.length;
    expect(histories[0]?.byteLength).toBe(432_000);
    expect(historyBytes).toBeGreaterThan(400_000);
    expect(historyBytes).toBeLessThan(480_000);

    // A page load in Chromium: the page, its 9 files, /api/summary and /api/charts, drawn. The
    // exporter shares this process with the test's Playwright driver: an upper bound.
    const { context, page } = await openPage('/');
    const loads = 10;
    const cpuBefore = process.cpuUsage();
    for (let load = 0; load < loads; load++) {
      await page.reload();
      await page.waitForSelector('#status[data-state="live"]');
      await waitForCharts(page, ['spend_rate'], 2);
    }
    const loadCpu = process.cpuUsage(cpuBefore);
    await context.close();

    // One poll of an open page: /api/summary and /api/charts, fetched from this process.
    const polls = 100;
    const pollBefore = process.cpuUsage();
    for (let poll = 0; poll < polls; poll++) {
      await (await fetch(`${exporter.pagesUrl}api/summary`, { headers: AUTH })).arrayBuffer();
      await (await fetch(`${exporter.pagesUrl}api/charts?range=1h`, { headers: AUTH })).arrayBuffer();
    }
    const pollCpu = process.cpuUsage(pollBefore);
    // The same two requests to /healthz: what HTTP and the fetch client cost by themselves.
    const baseBefore = process.cpuUsage();
    for (let poll = 0; poll < polls; poll++) {
      await (await fetch(exporter.metricsUrl.replace('/metrics', '/healthz'))).arrayBuffer();
      await (await fetch(exporter.metricsUrl.replace('/metrics', '/healthz'))).arrayBuffer();
    }
    const baseCpu = process.cpuUsage(baseBefore);
    const ms = (usage: NodeJS.CpuUsage, count: number) => (usage.user + usage.system) / 1000 / count;
    const cost = {
      historyBytes: Math.round(historyBytes),
      cpuMsPerPageLoad: Number(ms(loadCpu, loads).toFixed(1)),
      cpuMsPerPoll: Number(ms(pollCpu, polls).toFixed(2)),
      cpuMsPerPollBeyondHttp: Number((ms(pollCpu, polls) - ms(baseCpu, polls)).toFixed(2)),
    };
    console.log(`pages cost: ${JSON.stringify(cost)}`);
    expect(cost.cpuMsPerPageLoad).toBeLessThan(250);
    expect(cost.cpuMsPerPoll).toBeLessThan(50);
  });

  it('survives the exporter restarting: says so, then shows the new exporter’s numbers without a reload', async () => {
    const { context, page } = await openPage('/');
    const port = new URL(exporter.pagesUrl).port;
    await exporter.close();
    await page.waitForSelector('#status[data-state="failing"]', { timeout: 15_000 });
    expect(await page.locator('#status').textContent()).toMatch(/^exporter unreachable since /);
    exporter = await startExporter({
      ...exporterOptions,
      metricsPort: Number(port),
      otlpPort: Number(new URL(exporter.otlpUrl).port),
    });
    // The app's next push carries its cumulative totals to the new exporter, plus one more round.
    await workload.round(4);
    await workload.push();
    await page.waitForSelector('#status[data-state="live"]', { timeout: 15_000 });
    const { samples } = await scrape(exporter.metricsUrl, AUTH);
    expect(total(samples, 'groq_requests_total')).toBe(30);
    await page.waitForFunction(
      (expected) => document.querySelector('[data-field="card.requests"]')?.textContent === expected,
      count('en-US', 30),
    );
    expect(await fieldText(page, 'card.spendUsd')).toBe(usd('en-US', total(samples, 'groq_cost_usd_total')));
    await context.close();
  });
});
