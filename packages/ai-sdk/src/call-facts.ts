import {
  type Attribution,
  definedOnly,
  type OperationStart,
  type RequestParameters,
} from '@groqmeter/recorder';
import type { LanguageModelCallOptionsLike, LanguageModelLike } from './types.js';

/** The `providerOptions` key under which callers attach groqmeter attribution. */
export const GROQMETER_PROVIDER_OPTIONS_KEY = 'groqmeter';

function stringOption(options: Record<string, unknown> | undefined, key: string): string | undefined {
  const value = options?.[key];
  return typeof value === 'string' ? value : undefined;
}

/** Attribution values are scalars; anything else a caller put under `groqmeter` is left out. */
export function attributionFrom(options: Record<string, unknown> | undefined): Attribution | undefined {
  if (options === undefined) return undefined;
  const attribution: Attribution = {};
  for (const [key, value] of Object.entries(options)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      attribution[key] = value;
    }
  }
  return attribution;
}

function requestParameters(params: LanguageModelCallOptionsLike): RequestParameters {
  const groq = params.providerOptions?.groq;
  return definedOnly<RequestParameters>({
    temperature: params.temperature,
    maxTokens: params.maxOutputTokens,
    topP: params.topP,
    topK: params.topK,
    frequencyPenalty: params.frequencyPenalty,
    presencePenalty: params.presencePenalty,
    stopSequences: params.stopSequences,
    seed: params.seed,
    toolsCount: params.tools?.length,
    // The AI SDK's own words are the convention's (`text`, `json`); unset when the call does not say.
    outputType: params.responseFormat?.type,
    serviceTier: stringOption(groq, 'serviceTier'),
    reasoningEffort: stringOption(groq, 'reasoningEffort'),
  });
}

/**
 * What is known when a model call starts: the requested model (`model.modelId`), the call's
 * parameters (Groq's `serviceTier` and `reasoningEffort` from `providerOptions.groq`), and the
 * caller's attribution from `providerOptions.groqmeter`.
 */
export function operationStartFromCall(
  params: LanguageModelCallOptionsLike,
  model: LanguageModelLike,
  stream: boolean,
): OperationStart {
  return {
    operation: 'chat',
    source: 'ai-sdk',
    requestModel: model.modelId,
    stream,
    request: requestParameters(params),
    attributes: attributionFrom(params.providerOptions?.[GROQMETER_PROVIDER_OPTIONS_KEY]),
  };
}
