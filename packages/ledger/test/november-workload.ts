import type { LedgerEntry } from '../src/index.js';
import { ledgerEntry } from './entries.js';

/**
 * A gpt-oss-120b chat of 1 000 input (500 cached), 100 output and 40 reasoning tokens:
 * $0.0001725, $0.002875 on the gpt-4o baseline.
 */
export function gptOss120bChat(fields: Partial<LedgerEntry>): LedgerEntry {
  return ledgerEntry({
    requestModel: 'openai/gpt-oss-120b',
    responseModel: 'openai/gpt-oss-120b',
    inputTokens: 1000,
    cachedInputTokens: 500,
    outputTokens: 100,
    reasoningTokens: 40,
    // 500 × 540e9 + 500 × 270e9 + 100 × 2 160e9
    costQuanta: 621_000_000_000_000n,
    // 500 × 9e12 + 500 × 4.5e12 + 100 × 36e12
    baselineCostQuanta: 10_350_000_000_000_000n,
    ...fields,
  });
}

/** 30 s on whisper-large-v3 at $0.111 per hour = 3 330e12 quanta; on the whisper-1 baseline 30 × 1e-4 USD. */
export function whisperTranscription(fields: Partial<LedgerEntry>): LedgerEntry {
  return ledgerEntry({
    operation: 'transcription',
    requestModel: 'whisper-large-v3',
    responseModel: null,
    inputTokens: null,
    cachedInputTokens: null,
    outputTokens: null,
    reasoningTokens: null,
    audioSeconds: 30,
    costQuanta: 3_330_000_000_000_000n,
    baselineModel: 'whisper-1',
    baselineCostQuanta: 10_800_000_000_000_000n,
    ...fields,
  });
}

/**
 * Six operations in November and one in October (the last row). A gpt-oss-20b chat of 100 input /
 * 10 output tokens costs 37 800e9 quanta ($0.0000105), 1 260e12 on gpt-4o ($0.00035).
 *
 * - two gpt-oss-20b chats of u-1 (search), `req_a` and `req_b`;
 * - a gpt-oss-120b chat of u-2 (chat, {@link gptOss120bChat}), `req_c`;
 * - an unpriced chat of u-2: counted, not costed;
 * - a failed call without a user: no usage, nothing to price;
 * - a whisper transcription of u-3 (voice, {@link whisperTranscription}), `req_d`.
 */
export const NOVEMBER_WORKLOAD: readonly LedgerEntry[] = [
  ledgerEntry({
    userId: 'u-1',
    feature: 'search',
    startTime: new Date('2026-11-02T09:00:00Z'),
    requestId: 'req_a',
  }),
  ledgerEntry({
    userId: 'u-1',
    feature: 'search',
    startTime: new Date('2026-11-02T23:59:59.999Z'),
    requestId: 'req_b',
  }),
  gptOss120bChat({
    userId: 'u-2',
    feature: 'chat',
    startTime: new Date('2026-11-03T00:00:00Z'),
    requestId: 'req_c',
  }),
  ledgerEntry({
    userId: 'u-2',
    feature: 'chat',
    startTime: new Date('2026-11-03T08:00:00Z'),
    requestModel: 'acme/private-model',
    responseModel: 'acme/private-model',
    costKnown: false,
    costQuanta: null,
    costExact: null,
    baselineModel: null,
    baselineCostQuanta: null,
  }),
  ledgerEntry({
    userId: null,
    startTime: new Date('2026-11-04T00:00:00Z'),
    outcome: 'error',
    errorType: 'RateLimitError',
    inputTokens: null,
    cachedInputTokens: null,
    outputTokens: null,
    reasoningTokens: null,
    costKnown: null,
    costQuanta: null,
    costExact: null,
    baselineModel: null,
    baselineCostQuanta: null,
  }),
  whisperTranscription({
    userId: 'u-3',
    feature: 'voice',
    startTime: new Date('2026-11-05T12:00:00Z'),
    requestId: 'req_d',
  }),
  ledgerEntry({ userId: 'u-1', feature: 'search', startTime: new Date('2026-10-31T23:59:59.999Z') }),
];

/** The November range of {@link NOVEMBER_WORKLOAD}, `to` exclusive. */
export const NOVEMBER = { from: new Date('2026-11-01T00:00:00Z'), to: new Date('2026-12-01T00:00:00Z') };
