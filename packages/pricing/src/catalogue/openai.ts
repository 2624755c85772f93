/**
 * OpenAI's prices, with the source and date of every figure (collected 2026-12): what groqmeter
 * meters calls to OpenAI itself with, and what "the same traffic on OpenAI" (the baseline) costs.
 * The primary source is OpenAI's pricing page, developers.openai.com/api/docs/pricing, read
 * through dated public transcriptions of it; conflicts between sources are named in the notes
 * and in /work/notes/issue17-closing.md of the project notes.
 */
import type { PriceFile, PriceFileModel, PriceFilePrice } from '../price-file.js';

/** `openai/<id>` resolves to the OpenAI model `<id>`; Groq's own `openai/gpt-oss-*` ids match first. */
export const OPENAI_MODEL_PREFIX = 'openai/';

/** OpenAI's `service_tier` values priced at list price; `flex` is added where it has its discount. */
const TIERS = ['default', 'auto'];
const FLEX_TIERS = [...TIERS, 'flex'];

/** The pricing page's Standard tab, transcribed 2026-02-07 (karstenheld3/SharePoint-GPT-Middleware, pricing-sources). */
const PAGE_2026_02_07 =
  'developers.openai.com/api/docs/pricing, Standard tab (public transcription dated 2026-02-07)';
/** The GPT-5.4/5.5 rows: a pricing-page read of 2026-05-04, and a price table of June 2026 that agrees. */
const PAGE_2026_05_04 =
  'developers.openai.com/api/docs/pricing as read by api-evangelist/openai plans/openai-plans-pricing.yml (2026-05-04); morphllm.com "OpenAI API pricing" (June 2026) agrees';
const EARLIER_LIST =
  'developers.openai.com model pages (undated); llm_cost_tracker prices.json (2026-06-10); pydantic genai-prices (checked 2025-07-04)';

const BATCH_SOURCE =
  'developers.openai.com/api/docs/pricing, Batch tab (50% off inputs and outputs; its 2026-03-10 transcription shows every row at half the Standard price); offpeak 0.2.1 release notes (2026-08-22): the -50% batch rule reproduces the batch tab';
/** The Batch tab halves the gpt-5 family's cached price too (0.125 → 0.0625); older models show no cached batch price. */
const BATCH: NonNullable<PriceFileModel['batch']> = {
  percentOff: 50,
  source: BATCH_SOURCE,
  date: '2026-03-10',
};
const BATCH_STACKING: NonNullable<PriceFileModel['batch']> = { ...BATCH, stacksWithCaching: true };
const FLEX = {
  flex: {
    percentOff: 50,
    source:
      'dev.classmethod.jp "OpenAI API Flex processing at the same price as the Batch API" (2026-08-28: half the standard price, prompt-caching discounts combine); OpenAI flex-processing guide (gpt-5 family, o3, o4-mini)',
    date: '2026-08-28',
  },
};

const REASONING_NOTE =
  'Reasoning tokens are billed as output tokens ("billed as output tokens", pricing page 2026-02-07); they are part of completion_tokens.';
const PRIORITY_NOTE =
  'service_tier "priority" costs more (openai.com/api-priority-processing lists about 2x the Standard price) and is not priced here: add it in a price file with serviceTiers ["priority"].';
const CHAT_RETIREMENT =
  'Per a dev.to post of October 2026 it leaves the API on 2027-01-14; unconfirmed, so no retirement date is applied.';
const AUDIO_RETIREMENT =
  'Per a dev.to post of October 2026 it leaves the API on 2027-02-26; unconfirmed, so no retirement date is applied.';

type TokenPrices = readonly [input: string, cached: string | undefined, output: string];

/** Input, cached input (when the model has a cached price) and output, per 1M tokens, from one source. */
function tokenPrices([input, cached, output]: TokenPrices, source: string, date: string) {
  const price = (usd: string): PriceFilePrice => ({ usd, per: '1M tokens', source, date });
  return {
    input: price(input),
    ...(cached === undefined ? {} : { cached_input: price(cached) }),
    output: price(output),
  };
}

interface TextModel {
  id: string;
  aliases?: string[];
  effectiveFrom: string;
  prices: TokenPrices;
  source: string;
  date: string;
  /** The gpt-5 family: batch halves the cached price too, and the flex tier is offered. */
  gpt5?: boolean;
  flex?: boolean;
  notes?: string[];
}

/** A chat model (Chat Completions, the Responses API, the Assistants API run on it). */
function textModel(model: TextModel): PriceFileModel {
  const flex = model.flex ?? model.gpt5 === true;
  return {
    id: model.id,
    provider: 'openai',
    ...(model.aliases ? { aliases: model.aliases } : {}),
    effectiveFrom: model.effectiveFrom,
    prices: tokenPrices(model.prices, model.source, model.date),
    batch: model.gpt5 ? BATCH_STACKING : BATCH,
    ...(flex ? { serviceTierDiscounts: FLEX } : {}),
    serviceTiers: flex ? FLEX_TIERS : TIERS,
    notes: [...(model.notes ?? []), PRIORITY_NOTE],
  };
}

const GPT_5_FAMILY: TextModel[] = [
  {
    id: 'gpt-5.5',
    prices: ['5.00', '0.50', '30.00'],
    source: PAGE_2026_05_04,
    date: '2026-05-04',
    effectiveFrom: '2026-05-04',
    gpt5: true,
  },
  {
    id: 'gpt-5.4',
    prices: ['2.50', '0.25', '15.00'],
    source: PAGE_2026_05_04,
    date: '2026-05-04',
    effectiveFrom: '2026-03-10',
    gpt5: true,
    notes: [
      'Short-context price (prompts under 272K tokens); longer prompts cost more and are not priced apart.',
    ],
  },
  {
    id: 'gpt-5.4-mini',
    prices: ['0.75', '0.075', '4.50'],
    source: PAGE_2026_05_04,
    date: '2026-05-04',
    effectiveFrom: '2026-05-04',
    gpt5: true,
  },
  {
    id: 'gpt-5.4-nano',
    prices: ['0.20', '0.02', '1.25'],
    source: PAGE_2026_05_04,
    date: '2026-05-04',
    effectiveFrom: '2026-05-04',
    gpt5: true,
  },
  {
    id: 'gpt-5.2',
    aliases: ['gpt-5.2-chat-latest'],
    prices: ['1.75', '0.175', '14.00'],
    source: PAGE_2026_02_07,
    date: '2026-02-07',
    effectiveFrom: '2026-02-07',
    gpt5: true,
  },
  {
    id: 'gpt-5.1',
    aliases: ['gpt-5.1-chat-latest'],
    prices: ['1.25', '0.125', '10.00'],
    source: PAGE_2026_02_07,
    date: '2026-02-07',
    effectiveFrom: '2026-02-07',
    gpt5: true,
  },
  {
    id: 'gpt-5',
    aliases: ['gpt-5-chat-latest', 'gpt-5-2025-08-07'],
    prices: ['1.25', '0.125', '10.00'],
    source: PAGE_2026_02_07,
    date: '2026-02-07',
    effectiveFrom: '2026-02-07',
    gpt5: true,
    notes: [
      'chatgptpricing-akr.pages.dev lists a cached price of $0.625, which is the batch input price; the pricing page gives $0.125.',
    ],
  },
  {
    id: 'gpt-5-mini',
    aliases: ['gpt-5-mini-2025-08-07'],
    prices: ['0.25', '0.025', '2.00'],
    source: PAGE_2026_02_07,
    date: '2026-02-07',
    effectiveFrom: '2026-02-07',
    gpt5: true,
  },
  {
    id: 'gpt-5-nano',
    aliases: ['gpt-5-nano-2025-08-07'],
    prices: ['0.05', '0.005', '0.40'],
    source: PAGE_2026_02_07,
    date: '2026-02-07',
    effectiveFrom: '2026-02-07',
    gpt5: true,
  },
  {
    id: 'gpt-5-pro',
    prices: ['15.00', undefined, '120.00'],
    source: PAGE_2026_02_07,
    date: '2026-02-07',
    effectiveFrom: '2026-02-07',
    gpt5: true,
    flex: false,
    notes: ['No cached price: cache hits are billed at the input price.'],
  },
];

const GPT_4_FAMILY: TextModel[] = [
  {
    id: 'gpt-4.1',
    aliases: ['gpt-4.1-2025-04-14'],
    prices: ['2.00', '0.50', '8.00'],
    source: `${PAGE_2026_02_07}; ${EARLIER_LIST}`,
    date: '2026-02-07',
    effectiveFrom: '2025-07-04',
    notes: [CHAT_RETIREMENT],
  },
  {
    id: 'gpt-4.1-mini',
    aliases: ['gpt-4.1-mini-2025-04-14'],
    prices: ['0.40', '0.10', '1.60'],
    source: `${PAGE_2026_02_07}; ${EARLIER_LIST}`,
    date: '2026-02-07',
    effectiveFrom: '2025-07-04',
    notes: [CHAT_RETIREMENT],
  },
  {
    id: 'gpt-4.1-nano',
    aliases: ['gpt-4.1-nano-2025-04-14'],
    prices: ['0.10', '0.025', '0.40'],
    source: PAGE_2026_02_07,
    date: '2026-02-07',
    effectiveFrom: '2025-07-04',
  },
  {
    id: 'gpt-4o',
    aliases: ['gpt-4o-2024-08-06', 'gpt-4o-2024-11-20'],
    prices: ['2.50', '1.25', '10.00'],
    source: `${PAGE_2026_02_07}; ${EARLIER_LIST}`,
    date: '2026-02-07',
    effectiveFrom: '2025-07-04',
    notes: [
      CHAT_RETIREMENT,
      'The dated snapshot gpt-4o-2024-05-13 has other prices (5.00 / 15.00) and is not an alias.',
    ],
  },
  {
    id: 'gpt-4o-mini',
    aliases: ['gpt-4o-mini-2024-07-18'],
    prices: ['0.15', '0.075', '0.60'],
    source: `${PAGE_2026_02_07}; ${EARLIER_LIST}`,
    date: '2026-02-07',
    effectiveFrom: '2025-07-04',
    notes: [CHAT_RETIREMENT],
  },
];

const O_SERIES: TextModel[] = [
  {
    id: 'o3',
    aliases: ['o3-2025-04-16'],
    prices: ['2.00', '0.50', '8.00'],
    source: PAGE_2026_02_07,
    date: '2026-02-07',
    effectiveFrom: '2026-02-07',
    flex: true,
    notes: [REASONING_NOTE],
  },
  {
    id: 'o4-mini',
    aliases: ['o4-mini-2025-04-16'],
    prices: ['1.10', '0.275', '4.40'],
    source: PAGE_2026_02_07,
    date: '2026-02-07',
    effectiveFrom: '2026-02-07',
    flex: true,
    notes: [REASONING_NOTE],
  },
  {
    id: 'o3-mini',
    aliases: ['o3-mini-2025-01-31'],
    prices: ['1.10', '0.55', '4.40'],
    source: PAGE_2026_02_07,
    date: '2026-02-07',
    effectiveFrom: '2026-02-07',
    notes: [REASONING_NOTE],
  },
  {
    id: 'o3-pro',
    prices: ['20.00', undefined, '80.00'],
    source: PAGE_2026_02_07,
    date: '2026-02-07',
    effectiveFrom: '2026-02-07',
    notes: [REASONING_NOTE],
  },
  {
    id: 'o1',
    aliases: ['o1-2024-12-17'],
    prices: ['15.00', '7.50', '60.00'],
    source: PAGE_2026_02_07,
    date: '2026-02-07',
    effectiveFrom: '2026-02-07',
    notes: [REASONING_NOTE],
  },
];

const STT_SOURCE = `${PAGE_2026_02_07}, "Transcription and speech generation"`;
const TRANSCRIBE_NOTE =
  'Billed per token as the response reports them (usage.type "tokens": input_token_details.text_tokens and audio_tokens, output_tokens); the page\'s "estimated cost" per minute is not a price. A usage in seconds only is not priced. pricing-sources §7 read the model page\'s $2.50 / $10 as audio tokens; the pricing page puts them under text tokens, with audio input at its own price.';

function per1M(usd: string, source: string, date: string): PriceFilePrice {
  return { usd, per: '1M tokens', source, date };
}

function transcribeModel(
  id: string,
  [text, output, audio]: readonly [string, string, string],
): PriceFileModel {
  return {
    id,
    provider: 'openai',
    effectiveFrom: '2025-07-04',
    prices: {
      input: per1M(text, STT_SOURCE, '2026-02-07'),
      output: per1M(output, STT_SOURCE, '2026-02-07'),
      audio_input: per1M(audio, STT_SOURCE, '2026-02-07'),
    },
    serviceTiers: TIERS,
    notes: [TRANSCRIBE_NOTE, AUDIO_RETIREMENT],
  };
}

function embeddingModel(id: string, usd: string): PriceFileModel {
  return {
    id,
    provider: 'openai',
    effectiveFrom: '2026-02-07',
    prices: { input: per1M(usd, `${PAGE_2026_02_07}, "Embeddings"`, '2026-02-07') },
    batch: { ...BATCH, source: `${PAGE_2026_02_07}, "Embeddings" (its batch column)`, date: '2026-02-07' },
    serviceTiers: TIERS,
  };
}

/** The OpenAI catalogue as a price file. */
export const openaiPrices: PriceFile = {
  models: [
    ...[...GPT_5_FAMILY, ...GPT_4_FAMILY, ...O_SERIES].map(textModel),
    embeddingModel('text-embedding-3-small', '0.02'),
    embeddingModel('text-embedding-3-large', '0.13'),
    {
      id: 'whisper-1',
      provider: 'openai',
      effectiveFrom: '2025-07-04',
      prices: {
        audio: { usd: '0.006', per: 'minute', source: `${STT_SOURCE}; ${EARLIER_LIST}`, date: '2026-02-07' },
      },
      serviceTiers: TIERS,
      notes: [
        'OpenRouter says whisper-1 is "billed to the nearest second"; groqmeter bills every audio model to the millisecond, rounding up.',
        AUDIO_RETIREMENT,
      ],
    },
    transcribeModel('gpt-4o-transcribe', ['2.50', '10.00', '6.00']),
    transcribeModel('gpt-4o-mini-transcribe', ['1.25', '5.00', '3.00']),
    {
      id: 'gpt-4o-mini-tts',
      provider: 'openai',
      effectiveFrom: '2026-02-07',
      prices: {
        input: per1M('0.60', STT_SOURCE, '2026-02-07'),
        audio_output: per1M('12.00', STT_SOURCE, '2026-02-07'),
      },
      serviceTiers: TIERS,
      notes: [
        'Billed per text input token and audio output token; /v1/audio/speech returns the audio only, with no usage, so a speech call on it is unpriced (never priced from characters or the "$0.015 / minute" estimate).',
      ],
    },
    {
      id: 'tts-1',
      provider: 'openai',
      effectiveFrom: '2025-07-04',
      prices: {
        speech: {
          usd: '15',
          per: '1M characters',
          source: `${STT_SOURCE}; ${EARLIER_LIST}`,
          date: '2026-02-07',
        },
      },
      serviceTiers: TIERS,
    },
    {
      id: 'tts-1-hd',
      provider: 'openai',
      effectiveFrom: '2025-07-04',
      prices: {
        speech: {
          usd: '30',
          per: '1M characters',
          source: `${STT_SOURCE}; ${EARLIER_LIST}`,
          date: '2026-02-07',
        },
      },
      serviceTiers: TIERS,
    },
  ],
};
