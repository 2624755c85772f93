import type { RequestParameters } from '@groqmeter/recorder';
import { definedOnly } from './completion-usage.js';
import { field, numberField, stringField } from './internal-types.js';

/** What `chat.completions.create(params)` asked for, as the recorder wants it. */
export interface ChatRequestFacts {
  requestModel: string | undefined;
  stream: boolean;
  request: RequestParameters;
}

/**
 * Read the request parameters of `chat.completions.create(params)`: `max_completion_tokens`
 * (else the deprecated `max_tokens`), `stop` as a list, the number of tools, and the requested
 * output type from `response_format` (`json_object`/`json_schema` are `json`).
 */
export function readChatRequest(params: unknown): ChatRequestFacts {
  const tools = field(params, 'tools');
  return {
    requestModel: stringField(params, 'model'),
    stream: field(params, 'stream') === true,
    request: definedOnly({
      temperature: numberField(params, 'temperature'),
      maxTokens: numberField(params, 'max_completion_tokens') ?? numberField(params, 'max_tokens'),
      topP: numberField(params, 'top_p'),
      frequencyPenalty: numberField(params, 'frequency_penalty'),
      presencePenalty: numberField(params, 'presence_penalty'),
      stopSequences: stopSequences(field(params, 'stop')),
      seed: numberField(params, 'seed'),
      choiceCount: numberField(params, 'n'),
      toolsCount: Array.isArray(tools) && tools.length > 0 ? tools.length : undefined,
      outputType: outputType(field(field(params, 'response_format'), 'type')),
      serviceTier: stringField(params, 'service_tier'),
      reasoningEffort: stringField(params, 'reasoning_effort'),
    }),
  };
}

function stopSequences(stop: unknown): string[] | undefined {
  if (typeof stop === 'string') return [stop];
  if (Array.isArray(stop)) {
    const sequences = stop.filter((entry): entry is string => typeof entry === 'string');
    return sequences.length > 0 ? sequences : undefined;
  }
  return undefined;
}

function outputType(formatType: unknown): string | undefined {
  if (formatType === 'json_object' || formatType === 'json_schema') return 'json';
  if (formatType === 'text') return 'text';
  return undefined;
}
