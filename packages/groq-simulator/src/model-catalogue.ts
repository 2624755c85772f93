import type { FaultKind, ModelConfig, ModelKind, ModelLimits, ReasoningFormat } from './types';

/** A model with every setting filled in. */
export interface ResolvedModel {
  id: string;
  kind: ModelKind;
  ownedBy: string;
  created: number;
  contextWindow: number;
  maxCompletionTokens: number;
  active: boolean;
  latencyMs: number;
  timeToFirstTokenMs: number;
  outputTokensPerSecond: number;
  completionTokens: number;
  reasoningTokens: number;
  defaultReasoningFormat?: ReasoningFormat;
  promptCaching: boolean;
  limits: ModelLimits;
  errorRates: Partial<Record<FaultKind, number>>;
}

type CatalogueEntry = ModelConfig & { created: number };

const GPT_OSS_LIMITS: ModelLimits = { requestsPerDay: 1000, tokensPerMinute: 8000 };
const GUARD_LIMITS: ModelLimits = { requestsPerDay: 14_400, tokensPerMinute: 15_000 };
const COMPOUND_LIMITS: ModelLimits = { requestsPerDay: 250, tokensPerMinute: 70_000 };
const WHISPER_LIMITS: ModelLimits = { requestsPerDay: 2000 };
const TTS_LIMITS: ModelLimits = { requestsPerDay: 100, tokensPerMinute: 1200 };

const gptOss = (outputTokensPerSecond: number, created: number): CatalogueEntry => ({
  kind: 'chat',
  ownedBy: 'OpenAI',
  created,
  contextWindow: 131_072,
  maxCompletionTokens: 65_536,
  outputTokensPerSecond,
  reasoningTokens: 16,
  defaultReasoningFormat: 'parsed',
  promptCaching: true,
  limits: GPT_OSS_LIMITS,
});

const guard = (contextWindow: number, maxCompletionTokens: number, created: number): CatalogueEntry => ({
  kind: 'guard',
  ownedBy: 'Meta',
  created,
  contextWindow,
  maxCompletionTokens,
  outputTokensPerSecond: 1200,
  completionTokens: 2,
  limits: GUARD_LIMITS,
});

const compound = (created: number): CatalogueEntry => ({
  kind: 'chat',
  ownedBy: 'Groq',
  created,
  contextWindow: 131_072,
  maxCompletionTokens: 8192,
  outputTokensPerSecond: 350,
  limits: COMPOUND_LIMITS,
});

const whisper = (created: number): CatalogueEntry => ({
  kind: 'transcription',
  ownedBy: 'OpenAI',
  created,
  contextWindow: 448,
  maxCompletionTokens: 448,
  limits: WHISPER_LIMITS,
});

const orpheus = (created: number): CatalogueEntry => ({
  kind: 'speech',
  ownedBy: 'Canopy Labs',
  created,
  contextWindow: 4000,
  maxCompletionTokens: 50_000,
  limits: TTS_LIMITS,
});

/**
 * The default catalogue: Groq's current models with the free-plan RPD/TPM limits from Groq's
 * rate-limits page. Speeds are round figures of Groq's published throughput.
 */
export const DEFAULT_MODELS: Readonly<Record<string, CatalogueEntry>> = {
  'openai/gpt-oss-120b': gptOss(500, 1_754_408_224),
  'openai/gpt-oss-20b': gptOss(1000, 1_754_407_957),
  'openai/gpt-oss-safeguard-20b': gptOss(1000, 1_761_753_600),
  'qwen/qwen3.6-27b': {
    kind: 'chat',
    ownedBy: 'Alibaba Cloud',
    created: 1_775_001_600,
    contextWindow: 131_072,
    maxCompletionTokens: 40_960,
    outputTokensPerSecond: 400,
    reasoningTokens: 16,
    defaultReasoningFormat: 'raw',
    limits: { requestsPerDay: 1000, tokensPerMinute: 6000 },
  },
  'meta-llama/llama-guard-4-12b': guard(131_072, 1024, 1_746_743_847),
  'meta-llama/llama-prompt-guard-2-22m': guard(512, 512, 1_748_632_101),
  'meta-llama/llama-prompt-guard-2-86m': guard(512, 512, 1_748_632_165),
  'groq/compound': compound(1_756_949_530),
  'groq/compound-mini': compound(1_756_949_707),
  'whisper-large-v3': whisper(1_693_721_698),
  'whisper-large-v3-turbo': whisper(1_728_413_088),
  'canopylabs/orpheus-v1-english': orpheus(1_775_692_800),
  'canopylabs/orpheus-arabic-saudi': orpheus(1_775_692_800),
};

/**
 * The model Groq retired (deprecated 2025-08-08, shut down 2025-10-02) that the simulator still
 * serves by default, so tests can see groqmeter meter a model its catalogue marks retired.
 */
export const DEFAULT_RETIRED_MODEL = 'deepseek-r1-distill-llama-70b';

/** How the retired model answers: DeepSeek R1 distills put their reasoning in `<think>` (raw). */
const RETIRED_MODEL: CatalogueEntry = {
  kind: 'chat',
  ownedBy: 'DeepSeek / Meta',
  created: 1_737_936_000,
  contextWindow: 131_072,
  maxCompletionTokens: 131_072,
  outputTokensPerSecond: 275,
  reasoningTokens: 16,
  defaultReasoningFormat: 'raw',
  limits: { requestsPerDay: 1000, tokensPerMinute: 6000 },
};

/** When an added model does not say, it is this old (2026-01-01). */
const ADDED_MODEL_CREATED = 1_767_225_600;

/**
 * The catalogue after applying `overrides`: each entry is merged over the default model of that
 * id, or added when the id is new. `retiredModel` (null for none) is served too, as a
 * reasoning model that still answers 200 although Groq retired it.
 */
export function resolveModels(
  overrides: Readonly<Record<string, ModelConfig>> = {},
  retiredModel: string | null = DEFAULT_RETIRED_MODEL,
): Map<string, ResolvedModel> {
  const catalogue: Record<string, CatalogueEntry> = { ...DEFAULT_MODELS };
  if (retiredModel !== null) catalogue[retiredModel] ??= RETIRED_MODEL;
  const ids = new Set([...Object.keys(catalogue), ...Object.keys(overrides)]);
  const models = new Map<string, ResolvedModel>();
  for (const id of ids) {
    const base = catalogue[id];
    const override = overrides[id] ?? {};
    const merged: ModelConfig = {
      ...base,
      ...override,
      limits: { ...base?.limits, ...override.limits },
      errorRates: { ...base?.errorRates, ...override.errorRates },
    };
    models.set(id, fillDefaults(id, merged, base?.created ?? ADDED_MODEL_CREATED));
  }
  return models;
}

function fillDefaults(id: string, config: ModelConfig, created: number): ResolvedModel {
  const kind = config.kind ?? 'chat';
  const resolved: ResolvedModel = {
    id,
    kind,
    ownedBy: config.ownedBy ?? 'groqmeter-simulator',
    created,
    contextWindow: config.contextWindow ?? 131_072,
    maxCompletionTokens: config.maxCompletionTokens ?? 32_768,
    active: config.active ?? true,
    latencyMs: config.latencyMs ?? 20,
    timeToFirstTokenMs: config.timeToFirstTokenMs ?? 100,
    outputTokensPerSecond: config.outputTokensPerSecond ?? 500,
    completionTokens: config.completionTokens ?? 32,
    reasoningTokens: config.defaultReasoningFormat ? (config.reasoningTokens ?? 16) : 0,
    promptCaching: config.promptCaching ?? false,
    limits: config.limits ?? {},
    errorRates: config.errorRates ?? {},
  };
  if (config.defaultReasoningFormat) resolved.defaultReasoningFormat = config.defaultReasoningFormat;
  return resolved;
}

/** The `/models` object of a model, with Groq's extra fields. */
export function modelObject(model: ResolvedModel): Record<string, unknown> {
  return {
    id: model.id,
    object: 'model',
    created: model.created,
    owned_by: model.ownedBy,
    active: model.active,
    context_window: model.contextWindow,
    public_apps: null,
    max_completion_tokens: model.maxCompletionTokens,
  };
}
