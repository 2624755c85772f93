import type { RequestParameters } from './types.js';
import { definedOnly, field, numberField, stringField } from './unknown-fields.js';

/**
 * The request parameters of a Groq chat completion request body (`chat.completions.create(body)`,
 * and ChatGroq's `invocation_params`, which are that body without the messages):
 * `max_completion_tokens` (else the deprecated `max_tokens`), `stop` as a list, the number of
 * tools, and the requested output type from `response_format` (`json_object` and `json_schema`
 * are `json`). Values of the wrong type are left out.
 */
export function readChatRequestParameters(body: unknown): RequestParameters {
  const tools = field(body, 'tools');
  return definedOnly({
    temperature: numberField(body, 'temperature'),
    maxTokens: numberField(body, 'max_completion_tokens') ?? numberField(body, 'max_tokens'),
    topP: numberField(body, 'top_p'),
    frequencyPenalty: numberField(body, 'frequency_penalty'),
    presencePenalty: numberField(body, 'presence_penalty'),
    stopSequences: stopSequences(field(body, 'stop')),
    seed: numberField(body, 'seed'),
    choiceCount: numberField(body, 'n'),
    toolsCount: Array.isArray(tools) && tools.length > 0 ? tools.length : undefined,
    outputType: outputType(field(field(body, 'response_format'), 'type')),
    serviceTier: stringField(body, 'service_tier'),
    reasoningEffort: stringField(body, 'reasoning_effort'),
  });
}

function stopSequences(stop: unknown): string[] | undefined {
  if (typeof stop === 'string') return [stop];
  if (!Array.isArray(stop)) return undefined;
  const sequences = stop.filter((entry): entry is string => typeof entry === 'string');
  return sequences.length > 0 ? sequences : undefined;
}

function outputType(formatType: unknown): string | undefined {
  if (formatType === 'json_object' || formatType === 'json_schema') return 'json';
  return formatType === 'text' ? 'text' : undefined;
}
