import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningExporter, startExporter } from '@groqmeter/exporter';
import { useTelemetryHarness } from '@groqmeter/recorder/testing';
import Groq from 'groq-sdk';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  API_KEY,
  type ProxyUnderTest,
  pointValue,
  spansEnded,
  startProxyUnderTest,
} from './proxy-under-test.js';

const telemetry = useTelemetryHarness({ beforeAll, beforeEach, afterAll }, { pointOrder: 'attributes' });

const HELLO = { model: 'openai/gpt-oss-20b', messages: [{ role: 'user' as const, content: 'Hello there' }] };
/** What HELLO costs: 7 input tokens at $0.075/M + 32 output tokens at $0.30/M. */
const HELLO_USD = 0.000010125;

/** Support chat may spend $0.00002 a day: two HELLOs use it up. */
const BUDGETS = `timezone: UTC
budgets:
  - { name: support-daily, scope: { feature: support-chat }, period: day, usd: 0.00002, enforce: true }
  - { name: all-monthly, scope: {}, period: month, usd: 0.00001 }
`;

let under: ProxyUnderTest | undefined;
let exporter: RunningExporter | undefined;
afterEach(async () => {
  await under?.close();
  await exporter?.close();
  under = undefined;
  exporter = undefined;
});

function budgetsFile(): string {
  const path = join(mkdtempSync(join(tmpdir(), 'proxy-budgets-')), 'budgets.yaml');
  writeFileSync(path, BUDGETS);
  return path;
}

function client(proxy: ProxyUnderTest, feature: string): Groq {
  return new Groq({
    apiKey: API_KEY,
    baseURL: proxy.proxy.url,
    defaultHeaders: { 'x-groqmeter-feature': feature },
  });
}

/** The next midnight UTC: when a day budget resets. */
function nextUtcMidnight(): Date {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1));
}

async function raw(proxy: ProxyUnderTest, feature: string) {
  const response = await fetch(`${proxy.proxy.baseURL}/chat/completions`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${API_KEY}`,
      'content-type': 'application/json',
      'x-groqmeter-feature': feature,
    },
    body: JSON.stringify(HELLO),
  });
  return { status: response.status, headers: response.headers, body: await response.text() };
}

describe('a budget with enforce: true at the proxy', () => {
  it('refuses its scope with a Groq-shaped 429 naming the budget and its reset, once its own metering reaches usd', async () => {
    under = await startProxyUnderTest(telemetry, { budgetsFile: budgetsFile() });
    const support = client(under, 'support-chat');
    await support.chat.completions.create(HELLO);
    await support.chat.completions.create(HELLO);
    await spansEnded(telemetry, 2);

    const refused = await raw(under, 'support-chat');
    const resetsAt = nextUtcMidnight();
    expect(refused.status).toBe(429);
    expect(JSON.parse(refused.body)).toEqual({
      error: {
        message: `Budget support-daily (feature=support-chat, per day) is used up: $0.00002025 spent of $0.00002. The groqmeter proxy refuses its requests until the budget resets at ${resetsAt.toISOString()}; nothing was sent to Groq.`,
        type: 'budget_exceeded',
        code: 'budget_exceeded',
        budget: 'support-daily',
        resets_at: resetsAt.toISOString(),
      },
    });
    expect(refused.headers.get('x-should-retry')).toBe('false');
    expect(refused.headers.get('x-groqmeter-budget')).toBe('support-daily');
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(Math.abs(retryAfter - (resetsAt.getTime() - Date.now()) / 1000)).toBeLessThan(5);

    // groq-sdk sees a RateLimitError and, told not to, does not retry it.
    await expect(support.chat.completions.create(HELLO)).rejects.toMatchObject({ status: 429 });
    // Another scope, and the budget that is only watched (all-monthly is over too), still go to Groq.
    await expect(client(under, 'search').chat.completions.create(HELLO)).resolves.toMatchObject({
      usage: { prompt_tokens: 7, completion_tokens: 32 },
    });
    await spansEnded(telemetry, 3);
    // Two refusals, the groq-sdk one counted once: nothing was retried.
    expect(
      pointValue(await telemetry.points('groqmeter.proxy.budget.refusals'), { budget: 'support-daily' }),
    ).toBe(2);
    expect(telemetry.spans()).toHaveLength(3);
    // The proxy's own metering is the recorder's: two HELLOs of support chat, $0.00002025.
    const supportCost = (await telemetry.points('groq.cost.usd'))
      .filter((point) => point.attributes.feature === 'support-chat')
      .reduce((total, point) => total + Number(point.value), 0);
    expect(supportCost).toBeCloseTo(2 * HELLO_USD, 15);
  });

  it("also counts the exporter's view, so that several proxies agree", async () => {
    const file = budgetsFile();
    exporter = await startExporter({ otlpPort: 0, metricsPort: 0, logLevel: 'silent', budgetsFile: file });
    // Another proxy's support-chat spend, as it reached the exporter: $0.00003 already.
    const body = {
      resourceMetrics: [
        {
          resource: { attributes: [{ key: 'service.name', value: { stringValue: 'proxy-b' } }] },
          scopeMetrics: [
            {
              scope: { name: 'test' },
              metrics: [
                {
                  name: 'groq.cost.usd',
                  sum: {
                    aggregationTemporality: 2,
                    isMonotonic: true,
                    dataPoints: [
                      {
                        attributes: [
                          { key: 'feature', value: { stringValue: 'support-chat' } },
                          { key: 'model', value: { stringValue: 'openai/gpt-oss-20b' } },
                        ],
                        // A run that began after the exporter (the earlier total of one begun
                        // before is the exporter's to leave out of its period spend).
                        startTimeUnixNano: String(BigInt(Date.now()) * 1_000_000n),
                        timeUnixNano: String(BigInt(Date.now() + 1000) * 1_000_000n),
                        asDouble: 0.00003,
                      },
                    ],
                  },
                },
              ],
            },
          ],
        },
      ],
    };
    const pushed = await fetch(exporter.otlpUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(pushed.status).toBe(200);
    under = await startProxyUnderTest(telemetry, {
      budgetsFile: file,
      budgetsExporterUrl: exporter.metricsUrl,
    });
    // The proxy reads the exporter as it starts; this one has metered nothing itself.
    const deadline = Date.now() + 5_000;
    let refused = await raw(under, 'support-chat');
    while (refused.status !== 429 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      refused = await raw(under, 'support-chat');
    }
    expect(refused.status).toBe(429);
    expect(JSON.parse(refused.body).error.message).toContain('is used up: $0.00003 spent of $0.00002.');
  });
});
