/**
 * OpenAI list prices, for "what would this cost on OpenAI" comparisons (collected 2026-11; see
 * /work/shared/pricing-sources.md in the project notes). Only the models a Groq workload is usually
 * compared with: the gpt-4o and gpt-4.1 families, Whisper and its successors, and TTS.
 */
import type { PriceFile } from '../price-file.js';

/** `openai/<id>` resolves to the OpenAI model `<id>`; Groq's own `openai/gpt-oss-*` ids match first. */
export const OPENAI_MODEL_PREFIX = 'openai/';

const TIERS = ['default', 'auto'];

const LIST_PRICES =
  'developers.openai.com model pages (undated); llm_cost_tracker prices.json (2026-06-10); pydantic genai-prices (checked 2025-07-04)';
const TRANSCRIBE_PRICES = 'pydantic genai-prices; llm_cost_tracker prices.json (2026-06-10)';
const BATCH = { percentOff: 50, source: 'llm_cost_tracker prices.json (2026-06-10)', date: '2026-06-10' };
const CHAT_RETIREMENT =
  'Per a dev.to post of October 2026 it leaves the API on 2027-01-14; unconfirmed, so no retirement date is applied.';
const AUDIO_RETIREMENT =
  'Per a dev.to post of October 2026 it leaves the API on 2027-02-26; unconfirmed, so no retirement date is applied.';

/** The OpenAI catalogue as a price file. */
export const openaiPrices: PriceFile = {
  models: [
    {
      id: 'gpt-4o',
      provider: 'openai',
      aliases: ['gpt-4o-2024-08-06', 'gpt-4o-2024-11-20'],
      effectiveFrom: '2025-07-04',
      prices: {
        input: { usd: '2.50', per: '1M tokens', source: LIST_PRICES, date: '2026-06-10' },
        cached_input: { usd: '1.25', per: '1M tokens', source: LIST_PRICES, date: '2026-06-10' },
        output: { usd: '10.00', per: '1M tokens', source: LIST_PRICES, date: '2026-06-10' },
      },
      batch: BATCH,
      serviceTiers: TIERS,
      notes: [CHAT_RETIREMENT, 'The dated snapshot gpt-4o-2024-05-13 had other prices and is not an alias.'],
    },
    {
      id: 'gpt-4o-mini',
      provider: 'openai',
      aliases: ['gpt-4o-mini-2024-07-18'],
      effectiveFrom: '2025-07-04',
      prices: {
        input: { usd: '0.15', per: '1M tokens', source: LIST_PRICES, date: '2026-06-10' },
        cached_input: { usd: '0.075', per: '1M tokens', source: LIST_PRICES, date: '2026-06-10' },
        output: { usd: '0.60', per: '1M tokens', source: LIST_PRICES, date: '2026-06-10' },
      },
      serviceTiers: TIERS,
      notes: [CHAT_RETIREMENT, 'No batch price in the sources (they give one for gpt-4o and gpt-4.1 only).'],
    },
    {
      id: 'gpt-4.1',
      provider: 'openai',
      aliases: ['gpt-4.1-2025-04-14'],
      effectiveFrom: '2025-07-04',
      prices: {
        input: { usd: '2.00', per: '1M tokens', source: LIST_PRICES, date: '2026-06-10' },
        cached_input: { usd: '0.50', per: '1M tokens', source: LIST_PRICES, date: '2026-06-10' },
        output: { usd: '8.00', per: '1M tokens', source: LIST_PRICES, date: '2026-06-10' },
      },
      batch: BATCH,
      serviceTiers: TIERS,
      notes: [CHAT_RETIREMENT],
    },
    {
      id: 'gpt-4.1-mini',
      provider: 'openai',
      aliases: ['gpt-4.1-mini-2025-04-14'],
      effectiveFrom: '2025-07-04',
      prices: {
        input: { usd: '0.40', per: '1M tokens', source: LIST_PRICES, date: '2026-06-10' },
        cached_input: { usd: '0.10', per: '1M tokens', source: LIST_PRICES, date: '2026-06-10' },
        output: { usd: '1.60', per: '1M tokens', source: LIST_PRICES, date: '2026-06-10' },
      },
      serviceTiers: TIERS,
      notes: [CHAT_RETIREMENT, 'No batch price in the sources (they give one for gpt-4o and gpt-4.1 only).'],
    },
    {
      id: 'whisper-1',
      provider: 'openai',
      effectiveFrom: '2025-07-04',
      prices: { audio: { usd: '0.006', per: 'minute', source: LIST_PRICES, date: '2026-06-10' } },
      serviceTiers: TIERS,
      notes: [
        'OpenRouter says whisper-1 is "billed to the nearest second"; groqmeter bills every audio model to the millisecond, rounding up.',
        AUDIO_RETIREMENT,
      ],
    },
    {
      id: 'gpt-4o-transcribe',
      provider: 'openai',
      effectiveFrom: '2025-07-04',
      prices: {
        input: {
          usd: '2.50',
          per: '1M tokens',
          source: TRANSCRIBE_PRICES,
          date: '2026-06-10',
          unconfirmed: true,
        },
        output: {
          usd: '10.00',
          per: '1M tokens',
          source: TRANSCRIBE_PRICES,
          date: '2026-06-10',
          unconfirmed: true,
        },
      },
      serviceTiers: TIERS,
      notes: [
        'Text tokens; audio input tokens cost $6 per 1M, which a usage in seconds cannot express, so audio seconds are not priced. The model page labels $2.50 / $10 as audio tokens, a conflict; no per-minute price is confirmed.',
        AUDIO_RETIREMENT,
      ],
    },
    {
      id: 'gpt-4o-mini-transcribe',
      provider: 'openai',
      effectiveFrom: '2025-07-04',
      prices: {
        input: {
          usd: '1.25',
          per: '1M tokens',
          source: TRANSCRIBE_PRICES,
          date: '2026-06-10',
          unconfirmed: true,
        },
        output: {
          usd: '5.00',
          per: '1M tokens',
          source: TRANSCRIBE_PRICES,
          date: '2026-06-10',
          unconfirmed: true,
        },
      },
      serviceTiers: TIERS,
      notes: [
        'Text tokens; the audio-token price and a per-minute price are not confirmed, so audio seconds are not priced.',
        AUDIO_RETIREMENT,
      ],
    },
    {
      id: 'tts-1',
      provider: 'openai',
      effectiveFrom: '2025-07-04',
      prices: { speech: { usd: '15', per: '1M characters', source: LIST_PRICES, date: '2026-06-10' } },
      serviceTiers: TIERS,
    },
    {
      id: 'tts-1-hd',
      provider: 'openai',
      effectiveFrom: '2025-07-04',
      prices: { speech: { usd: '30', per: '1M characters', source: LIST_PRICES, date: '2026-06-10' } },
      serviceTiers: TIERS,
    },
  ],
};
