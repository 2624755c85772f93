import { formatUsd } from '@groqmeter/pricing';
import type { LedgerEntry } from '../src/index.js';
import { pricingOf } from '../src/pricing-attributes.js';

let sequence = 0;

/**
 * The fields of a successful, non-streamed, on-demand operation with no user, feature, platform,
 * tenant, extra attributes or content: the defaults of the rows tests write and of those they expect.
 */
export function successWithoutAttribution(): Pick<
  LedgerEntry,
  | 'ttftSeconds'
  | 'outcome'
  | 'errorType'
  | 'serviceTier'
  | 'batch'
  | 'userId'
  | 'feature'
  | 'platform'
  | 'tenant'
  | 'functionName'
  | 'attributes'
  | 'content'
> {
  return {
    ttftSeconds: null,
    outcome: 'success',
    errorType: null,
    serviceTier: 'on_demand',
    batch: false,
    userId: null,
    feature: null,
    platform: null,
    tenant: null,
    functionName: null,
    attributes: {},
    content: null,
  };
}

/**
 * A ledger row for tests: a priced gpt-oss-20b chat by default. Costs are given in quanta; the
 * USD strings follow from them, as the ledger writes them.
 */
export function ledgerEntry(fields: Partial<LedgerEntry> = {}): LedgerEntry {
  sequence += 1;
  const entry: LedgerEntry = {
    traceId: sequence.toString(16).padStart(32, '0'),
    spanId: sequence.toString(16).padStart(16, '0'),
    startTime: new Date('2026-11-20T10:00:00.000Z'),
    durationSeconds: 0.5,
    operation: 'chat',
    provider: 'groq',
    operationType: 'chat',
    source: 'groq-sdk',
    serviceName: 'checkout',
    requestModel: 'openai/gpt-oss-20b',
    responseModel: 'openai/gpt-oss-20b',
    inputTokens: 100,
    cachedInputTokens: 0,
    outputTokens: 10,
    reasoningTokens: 0,
    audioSeconds: null,
    characters: null,
    toolCalls: null,
    costKnown: true,
    pricing: 'exact',
    costPartial: false,
    partialReasons: null,
    costStale: false,
    // 100 × 270e9 + 10 × 1080e9
    costQuanta: 37_800_000_000_000n,
    costUsd: null,
    costExact: true,
    baselineModel: 'gpt-4o',
    // 100 × 9e12 + 10 × 36e12
    baselineCostQuanta: 1_260_000_000_000_000n,
    baselineCostUsd: null,
    batchId: null,
    requestId: `req_${sequence}`,
    ...successWithoutAttribution(),
    ...fields,
  };
  // Rows say how they were priced as the ledger derives it, unless the test says otherwise.
  if (fields.pricing === undefined)
    entry.pricing = pricingOf({ ...entry, pricing: null, partial: false, stale: false });
  entry.costUsd = entry.costQuanta === null ? null : formatUsd(entry.costQuanta, 12);
  entry.baselineCostUsd = entry.baselineCostQuanta === null ? null : formatUsd(entry.baselineCostQuanta, 12);
  return entry;
}
