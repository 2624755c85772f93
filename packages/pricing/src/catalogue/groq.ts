/**
 * Groq's prices, with the source and date of every figure (collected 2026-11; see
 * /work/shared/pricing-sources.md in the project notes). groq.com/pricing no longer lists prices,
 * so console.groq.com/docs/models (read through public copies of Groq's docs) is the primary
 * source; figures seen only in third-party price tables are marked unconfirmed.
 */
import type { PriceFile, PriceFilePrice } from '../price-file.js';

/** `groq/<id>` resolves to the Groq model `<id>` (LiteLLM-style prefixed names). */
export const GROQ_MODEL_PREFIX = 'groq/';

const TIERS = ['on_demand', 'flex', 'auto'];

const MODELS_PAGE_2026_08_08 = 'console.groq.com/docs/models (public docs copy converted 2026-08-08)';
const GENAI_PRICES_2025_08_12 = 'pydantic genai-prices (checked 2025-08-12)';
const LLM_COST_TRACKER_2026_06_10 = 'llm_cost_tracker prices.json (2026-06-10)';
const PORTKEY_2025_12_26 = 'Portkey groq.json (2025-12-26)';
const COMPOUND_DOCS_2026_09_14 = 'Compound docs as recorded in the TARS changelog (2026-09-14)';

const BATCH = {
  percentOff: 50,
  source:
    'console.groq.com/docs/batch via a promo tracker and the prompt-caching FAQ (50% off all tokens, no stacking with caching); TARS changelog (2026-09-14) lists the gpt-oss batch rates',
  date: '2026-09-14',
};

const LLAMA_3_SOURCE = `${MODELS_PAGE_2026_08_08}; ${GENAI_PRICES_2025_08_12}; ${LLM_COST_TRACKER_2026_06_10}`;
const LLAMA_4_SOURCE = `console.groq.com/docs/models older docs copy (undated, after 2025-10-29); ${GENAI_PRICES_2025_08_12}`;
const GPT_OSS_SOURCE = `${MODELS_PAGE_2026_08_08}; ${LLM_COST_TRACKER_2026_06_10}; Groq blog "GPT-OSS improvements: prompt caching & lower pricing" (2025-10-16)`;
const GPT_OSS_LAUNCH_SOURCE =
  'pydantic genai-prices (checked 2025-08-06; changed in its commit of 2025-11-11)';
const SECONDARY_ONLY = `${GENAI_PRICES_2025_08_12}; Portkey groq.json (secondary sources only)`;
const STT_SOURCE =
  'console.groq.com/docs/models and speech-to-text docs (public docs copies; models page converted 2026-08-08)';
const TTS_SOURCE = `${MODELS_PAGE_2026_08_08}; Groq Orpheus launch blog (2026-04-09)`;

/**
 * gpt-oss built-in tools (browser search, code execution): the tool docs link to the dead pricing
 * page, so these fees are unverified (TARS changelog, 2026-09-23).
 */
const GPT_OSS_TOOLS: Record<string, PriceFilePrice> = {
  'tool:browser_search': {
    usd: '5',
    per: '1K calls',
    source: 'one undated third-party price file ("browser search")',
    date: '2026',
    unconfirmed: true,
  },
  'tool:browser_open': {
    usd: '1',
    per: '1K calls',
    source: 'one undated third-party price file ("browser open")',
    date: '2026',
    unconfirmed: true,
  },
  'tool:code_execution': {
    usd: '0.18',
    per: 'hour',
    source: `${COMPOUND_DOCS_2026_09_14}; its application to gpt-oss models is unverified`,
    date: '2026-09-14',
    unconfirmed: true,
  },
};

const COMPOUND_TOOLS: Record<string, PriceFilePrice> = {
  'tool:web_search': {
    usd: '5',
    per: '1K calls',
    source: `${COMPOUND_DOCS_2026_09_14} (basic web search)`,
    date: '2026-09-14',
  },
  'tool:advanced_search': {
    usd: '8',
    per: '1K calls',
    source: `${COMPOUND_DOCS_2026_09_14} (advanced web search)`,
    date: '2026-09-14',
  },
  'tool:visit_website': { usd: '1', per: '1K calls', source: COMPOUND_DOCS_2026_09_14, date: '2026-09-14' },
  'tool:code_execution': { usd: '0.18', per: 'hour', source: COMPOUND_DOCS_2026_09_14, date: '2026-09-14' },
  'tool:browser_automation': {
    usd: '0.08',
    per: 'hour',
    source: 'one undated secondary file only',
    date: '2026',
    unconfirmed: true,
  },
};

const COMPOUND_NOTES = [
  'No token price of its own ("-" on the models page): Groq bills the underlying models\' tokens plus tool fees. Price each entry of usage_breakdown.models[] on its own model and the tools here; token usage on this id is not priced.',
  'The Compound pages list GPT-OSS-120B at 0.15 / 0.60 plus Llama 4 Scout (compound) or Llama 3.3 70B (mini) at rates marked "pending" (TARS changelog, 2026-09-14). Whether tool-internal tokens are charged is unconfirmed.',
  'Wolfram Alpha has no published price; wolfram_alpha calls are not priced.',
  'groq/groq-changelog PR #20 (2026-08-10) records the browser_automation tool as removed from Compound on 2026-06-06.',
];

/** The Groq catalogue as a price file. */
export const groqPrices: PriceFile = {
  models: [
    {
      id: 'openai/gpt-oss-120b',
      provider: 'groq',
      effectiveFrom: '2025-10-16',
      prices: {
        input: { usd: '0.15', per: '1M tokens', source: GPT_OSS_SOURCE, date: '2026-08-08' },
        cached_input: { usd: '0.075', per: '1M tokens', source: GPT_OSS_SOURCE, date: '2026-08-08' },
        output: { usd: '0.60', per: '1M tokens', source: GPT_OSS_SOURCE, date: '2026-08-08' },
        ...GPT_OSS_TOOLS,
      },
      history: [
        {
          effectiveFrom: '2025-08-06',
          prices: {
            input: { usd: '0.15', per: '1M tokens', source: GPT_OSS_LAUNCH_SOURCE, date: '2025-08-06' },
            output: { usd: '0.75', per: '1M tokens', source: GPT_OSS_LAUNCH_SOURCE, date: '2025-08-06' },
            ...GPT_OSS_TOOLS,
          },
        },
      ],
      batch: BATCH,
      serviceTiers: TIERS,
      notes: [
        'Launch prices (0.15 / 0.75, no cached price) changed to 0.15 / 0.60 / 0.075 somewhere between 2025-08-06 and 2025-11-11; the Groq blog date 2025-10-16 is used as the change date.',
      ],
    },
    {
      id: 'openai/gpt-oss-20b',
      provider: 'groq',
      effectiveFrom: '2025-10-16',
      prices: {
        input: { usd: '0.075', per: '1M tokens', source: GPT_OSS_SOURCE, date: '2026-08-08' },
        cached_input: { usd: '0.0375', per: '1M tokens', source: GPT_OSS_SOURCE, date: '2026-08-08' },
        output: { usd: '0.30', per: '1M tokens', source: GPT_OSS_SOURCE, date: '2026-08-08' },
        ...GPT_OSS_TOOLS,
      },
      history: [
        {
          effectiveFrom: '2025-08-06',
          prices: {
            input: { usd: '0.10', per: '1M tokens', source: GPT_OSS_LAUNCH_SOURCE, date: '2025-08-06' },
            output: { usd: '0.50', per: '1M tokens', source: GPT_OSS_LAUNCH_SOURCE, date: '2025-08-06' },
            ...GPT_OSS_TOOLS,
          },
        },
      ],
      batch: BATCH,
      serviceTiers: TIERS,
      notes: [
        'Launch prices (0.10 / 0.50, no cached price) changed to 0.075 / 0.30 / 0.0375 somewhere between 2025-08-06 and 2025-11-11; the Groq blog date 2025-10-16 is used as the change date.',
      ],
    },
    {
      id: 'openai/gpt-oss-safeguard-20b',
      provider: 'groq',
      effectiveFrom: '2025-12-26',
      prices: {
        input: {
          usd: '0.075',
          per: '1M tokens',
          source: `${MODELS_PAGE_2026_08_08}; ${PORTKEY_2025_12_26}`,
          date: '2026-08-08',
        },
        cached_input: {
          usd: '0.0375',
          per: '1M tokens',
          source: `${MODELS_PAGE_2026_08_08} (the 50% prompt-caching rule; listed as a caching model)`,
          date: '2026-08-08',
        },
        output: {
          usd: '0.30',
          per: '1M tokens',
          source: `${MODELS_PAGE_2026_08_08}; ${PORTKEY_2025_12_26}`,
          date: '2026-08-08',
        },
      },
      batch: BATCH,
      serviceTiers: TIERS,
      notes: [
        'pydantic genai-prices (HEAD 2026-08-21) maps it to the gpt-oss-120b prices (0.15 / 0.60); that looks like an error and is not used. braintrust-proxy issue #609 agrees with 0.075 / 0.30.',
      ],
    },
    {
      id: 'qwen/qwen3.6-27b',
      provider: 'groq',
      effectiveFrom: '2026-08-06',
      prices: {
        input: {
          usd: '0.60',
          per: '1M tokens',
          source: `${MODELS_PAGE_2026_08_08}; LiteLLM PR #36068 (2026-08-06)`,
          date: '2026-08-08',
        },
        output: {
          usd: '3.00',
          per: '1M tokens',
          source: `${MODELS_PAGE_2026_08_08}; LiteLLM PR #36068 (2026-08-06)`,
          date: '2026-08-08',
        },
      },
      batch: BATCH,
      serviceTiers: TIERS,
    },
    {
      id: 'moonshotai/kimi-k2-instruct',
      provider: 'groq',
      aliases: ['moonshotai/kimi-k2-instruct-0905'],
      effectiveFrom: '2025-08-12',
      retiredOn: '2026-04-15',
      prices: {
        input: {
          usd: '1.00',
          per: '1M tokens',
          source: `console.groq.com docs copy; ${GENAI_PRICES_2025_08_12}; ${PORTKEY_2025_12_26}`,
          date: '2025-12-26',
        },
        cached_input: {
          usd: '0.50',
          per: '1M tokens',
          source: `console.groq.com docs copy; ${PORTKEY_2025_12_26}; prompt-caching docs (later copy) list kimi-k2-instruct-0905`,
          date: '2025-12-26',
        },
        output: {
          usd: '3.00',
          per: '1M tokens',
          source: `console.groq.com docs copy; ${GENAI_PRICES_2025_08_12}; ${PORTKEY_2025_12_26}`,
          date: '2025-12-26',
        },
      },
      batch: BATCH,
      serviceTiers: TIERS,
      notes: [
        'moonshotai/kimi-k2-instruct was decommissioned on 2025-10-10 and routed to -0905 until then (langchain-ai/langchain PR #32899, quoting Groq); moonshotai/kimi-k2-instruct-0905 was decommissioned on 2026-04-15 (gsd-build/gsd-2 PR #4273 citing console.groq.com/docs/deprecations; truefoundry/models PR #578). Missing from the 2026-08-08 models-page copy.',
      ],
    },
    {
      id: 'meta-llama/llama-prompt-guard-2-22m',
      provider: 'groq',
      effectiveFrom: '2026-08-08',
      prices: {
        input: { usd: '0.03', per: '1M tokens', source: MODELS_PAGE_2026_08_08, date: '2026-08-08' },
        output: { usd: '0.03', per: '1M tokens', source: MODELS_PAGE_2026_08_08, date: '2026-08-08' },
      },
      batch: BATCH,
      serviceTiers: TIERS,
    },
    {
      id: 'meta-llama/llama-prompt-guard-2-86m',
      provider: 'groq',
      effectiveFrom: '2026-08-08',
      prices: {
        input: { usd: '0.04', per: '1M tokens', source: MODELS_PAGE_2026_08_08, date: '2026-08-08' },
        output: { usd: '0.04', per: '1M tokens', source: MODELS_PAGE_2026_08_08, date: '2026-08-08' },
      },
      batch: BATCH,
      serviceTiers: TIERS,
    },
    {
      id: 'meta-llama/llama-guard-4-12b',
      provider: 'groq',
      effectiveFrom: '2025-08-12',
      prices: {
        input: {
          usd: '0.20',
          per: '1M tokens',
          source: `console.groq.com docs copy; ${GENAI_PRICES_2025_08_12}`,
          date: '2025-08-12',
        },
        output: {
          usd: '0.20',
          per: '1M tokens',
          source: `console.groq.com docs copy; ${GENAI_PRICES_2025_08_12}`,
          date: '2025-08-12',
        },
      },
      batch: BATCH,
      serviceTiers: TIERS,
      notes: ['Missing from the 2026-08-08 models-page copy; no retirement date found.'],
    },
    {
      id: 'llama-3.1-8b-instant',
      provider: 'groq',
      effectiveFrom: '2025-08-12',
      retiredOn: '2026-08-16',
      prices: {
        input: { usd: '0.05', per: '1M tokens', source: LLAMA_3_SOURCE, date: '2026-08-08' },
        output: { usd: '0.08', per: '1M tokens', source: LLAMA_3_SOURCE, date: '2026-08-08' },
      },
      batch: BATCH,
      serviceTiers: TIERS,
      notes: [
        'Decommissioned for on-demand use on 2026-08-16 (llm_cost_tracker PR #92; offpeak v0.2.3 release notes). The TARS changelog (2026-09-23) lists it as an Enterprise model with contact-sales pricing: add your contract rate in a price file.',
      ],
    },
    {
      id: 'llama-3.3-70b-versatile',
      provider: 'groq',
      effectiveFrom: '2025-08-12',
      retiredOn: '2026-08-16',
      prices: {
        input: { usd: '0.59', per: '1M tokens', source: LLAMA_3_SOURCE, date: '2026-08-08' },
        output: { usd: '0.79', per: '1M tokens', source: LLAMA_3_SOURCE, date: '2026-08-08' },
      },
      batch: BATCH,
      serviceTiers: TIERS,
      notes: [
        "Decommissioned for on-demand use on 2026-08-16 (commit-craft issue #1 citing Groq's notice; offpeak v0.2.3 release notes). The TARS changelog (2026-09-23) lists it as an Enterprise model with contact-sales pricing: add your contract rate in a price file.",
      ],
    },
    {
      id: 'meta-llama/llama-4-scout-17b-16e-instruct',
      provider: 'groq',
      effectiveFrom: '2025-08-12',
      retiredOn: '2026-07-17',
      prices: {
        input: { usd: '0.11', per: '1M tokens', source: LLAMA_4_SOURCE, date: '2025-08-12' },
        output: { usd: '0.34', per: '1M tokens', source: LLAMA_4_SOURCE, date: '2025-08-12' },
      },
      batch: BATCH,
      serviceTiers: TIERS,
      notes: ['Decommissioned on 2026-07-17 (offpeak v0.2.3 release notes; promptfoo PR #9933).'],
    },
    {
      id: 'meta-llama/llama-4-maverick-17b-128e-instruct',
      provider: 'groq',
      effectiveFrom: '2025-08-12',
      retiredOn: '2026-03-09',
      prices: {
        input: { usd: '0.20', per: '1M tokens', source: LLAMA_4_SOURCE, date: '2025-08-12' },
        output: { usd: '0.60', per: '1M tokens', source: LLAMA_4_SOURCE, date: '2025-08-12' },
      },
      batch: BATCH,
      serviceTiers: TIERS,
      notes: [
        'Decommissioned on 2026-03-09 (promptfoo PR #9933 and gsd-build/gsd-2 PR #4273, both citing console.groq.com/docs/deprecations).',
      ],
    },
    {
      id: 'qwen/qwen3-32b',
      provider: 'groq',
      effectiveFrom: '2025-08-12',
      retiredOn: '2026-07-17',
      prices: {
        input: {
          usd: '0.29',
          per: '1M tokens',
          source: `console.groq.com docs copies; ${GENAI_PRICES_2025_08_12}`,
          date: '2025-08-12',
        },
        output: {
          usd: '0.59',
          per: '1M tokens',
          source: `console.groq.com docs copies; ${GENAI_PRICES_2025_08_12}`,
          date: '2025-08-12',
        },
      },
      batch: BATCH,
      serviceTiers: TIERS,
      notes: ['Decommissioned on 2026-07-17 (offpeak v0.2.3 release notes; promptfoo PR #9933).'],
    },
    {
      id: 'deepseek-r1-distill-llama-70b',
      provider: 'groq',
      effectiveFrom: '2025-08-12',
      retiredOn: '2025-10-02',
      prices: {
        input: {
          usd: '0.75',
          per: '1M tokens',
          source: SECONDARY_ONLY,
          date: '2025-08-12',
          unconfirmed: true,
        },
        output: {
          usd: '0.99',
          per: '1M tokens',
          source: SECONDARY_ONLY,
          date: '2025-08-12',
          unconfirmed: true,
        },
      },
      batch: BATCH,
      serviceTiers: TIERS,
      notes: ['Decommissioned on 2025-10-02 (promptfoo PR #9933; gsd-build/gsd-2 PR #4273).'],
    },
    {
      id: 'gemma2-9b-it',
      provider: 'groq',
      effectiveFrom: '2025-08-12',
      retiredOn: '2025-10-08',
      prices: {
        input: {
          usd: '0.20',
          per: '1M tokens',
          source: SECONDARY_ONLY,
          date: '2025-08-12',
          unconfirmed: true,
        },
        output: {
          usd: '0.20',
          per: '1M tokens',
          source: SECONDARY_ONLY,
          date: '2025-08-12',
          unconfirmed: true,
        },
      },
      batch: BATCH,
      serviceTiers: TIERS,
      notes: [
        'Decommissioned on 2025-10-08 (gsd-build/gsd-2 PR #4273 citing console.groq.com/docs/deprecations).',
      ],
    },
    {
      id: 'mixtral-8x7b-32768',
      provider: 'groq',
      retiredOn: '2025-03-20',
      prices: {
        input: {
          usd: '0.24',
          per: '1M tokens',
          source: SECONDARY_ONLY,
          date: '2025-08-12',
          unconfirmed: true,
        },
        output: {
          usd: '0.24',
          per: '1M tokens',
          source: SECONDARY_ONLY,
          date: '2025-08-12',
          unconfirmed: true,
        },
      },
      serviceTiers: TIERS,
      notes: ['Decommissioned on 2025-03-20 (papi-ai/groq v0.15.2 release notes).'],
    },
    {
      id: 'groq/compound',
      provider: 'groq',
      effectiveFrom: '2026-09-14',
      prices: COMPOUND_TOOLS,
      serviceTiers: TIERS,
      notes: [
        ...COMPOUND_NOTES,
        'accuguide/accuguide issue #248 (2026-08-29) says Groq Compound is decommissioned on 2026-09-21: a single unconfirmed source, so no retirement date is applied.',
      ],
    },
    {
      id: 'groq/compound-mini',
      provider: 'groq',
      effectiveFrom: '2026-09-14',
      prices: COMPOUND_TOOLS,
      serviceTiers: TIERS,
      notes: COMPOUND_NOTES,
    },
    {
      id: 'whisper-large-v3',
      provider: 'groq',
      effectiveFrom: '2026-08-08',
      prices: { audio: { usd: '0.111', per: 'hour', source: STT_SOURCE, date: '2026-08-08' } },
      audioMinimumSeconds: 10,
      serviceTiers: TIERS,
      notes: [
        'Billed at least 10 s per request ("If you submit a request less than this, you will still be billed for 10 seconds", speech-to-text docs). Groq documents no rounding above 10 s; groqmeter bills to the millisecond, rounding up.',
      ],
    },
    {
      id: 'whisper-large-v3-turbo',
      provider: 'groq',
      effectiveFrom: '2026-08-08',
      prices: { audio: { usd: '0.04', per: 'hour', source: STT_SOURCE, date: '2026-08-08' } },
      audioMinimumSeconds: 10,
      serviceTiers: TIERS,
      notes: [
        'Billed at least 10 s per request. Groq documents no rounding above 10 s; groqmeter bills to the millisecond, rounding up.',
      ],
    },
    {
      id: 'distil-whisper-large-v3-en',
      provider: 'groq',
      retiredOn: '2025-08-23',
      prices: {
        audio: {
          usd: '0.02',
          per: 'hour',
          source: 'older console.groq.com speech-to-text docs copy (undated)',
          date: '2025',
        },
      },
      audioMinimumSeconds: 10,
      serviceTiers: TIERS,
      notes: [
        "Requests fail from 2025-08-23 (Groq's deprecation email quoted in fabio-garavini/ha-openai-whisper-stt-api PR #13, 2025-07-31).",
      ],
    },
    {
      id: 'canopylabs/orpheus-v1-english',
      provider: 'groq',
      effectiveFrom: '2026-04-09',
      prices: { speech: { usd: '22', per: '1M characters', source: TTS_SOURCE, date: '2026-08-08' } },
      serviceTiers: TIERS,
    },
    {
      id: 'canopylabs/orpheus-arabic-saudi',
      provider: 'groq',
      effectiveFrom: '2026-04-09',
      prices: { speech: { usd: '40', per: '1M characters', source: TTS_SOURCE, date: '2026-08-08' } },
      serviceTiers: TIERS,
    },
    {
      id: 'playai-tts',
      provider: 'groq',
      retiredOn: '2025-12-31',
      prices: {
        speech: {
          usd: '50',
          per: '1M characters',
          source: 'console.groq.com docs copy (undated)',
          date: '2025',
        },
      },
      serviceTiers: TIERS,
      notes: [
        'Shut down on 2025-12-31 (console.groq.com/docs/deprecations#december-31-2025-playaitts-and-playaittsarabic, cited in pipecat-ai/pipecat PR #3399; livekit/agents issue #4415).',
      ],
    },
    {
      id: 'playai-tts-arabic',
      provider: 'groq',
      retiredOn: '2025-12-31',
      prices: {
        speech: {
          usd: '50',
          per: '1M characters',
          source: 'console.groq.com docs copy (undated)',
          date: '2025',
        },
      },
      serviceTiers: TIERS,
      notes: [
        'Shut down on 2025-12-31 (console.groq.com/docs/deprecations, cited in pipecat-ai/pipecat PR #3399).',
      ],
    },
  ],
};
