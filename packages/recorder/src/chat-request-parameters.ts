import type { RequestParameters } from './types.js';
import { asRecord, finiteNumber, nonEmptyString } from './unknown-fields.js';

/**
 * The request parameters of a Groq chat completion request body (`chat.completions.create(body)`,
 * and ChatGroq's `invocation_params`, which are that body without the messages):
 * `max_completion_tokens` (else the deprecated `max_tokens`), `stop` as a list, the number of
 * tools, and the requested output type from `response_format` (`json_object` and `json_schema`
 * are `json`). Values of the wrong type are left out.
 */
export function readChatRequestParameters(body: unknown): RequestParameters {
  // Named loads and stores in a fixed order (the keys `definedOnly` of the literal gave): this
  // runs on every chat call, and `field`'s shared keyed load goes megamorphic across call sites.
  const parameters: RequestParameters = {};
  const record = asRecord(body);
  if (record === undefined) return parameters;
  const temperature = finiteNumber(record.temperature);
  if (temperature !== undefined) parameters.temperature = temperature;
  const maxTokens = finiteNumber(record.max_completion_tokens) ?? finiteNumber(record.max_tokens);
  if (maxTokens !== undefined) parameters.maxTokens = maxTokens;
  const topP = finiteNumber(record.top_p);
  if (topP !== undefined) parameters.topP = topP;
  const frequencyPenalty = finiteNumber(record.frequency_penalty);
  if (frequencyPenalty !== undefined) parameters.frequencyPenalty = frequencyPenalty;
  const presencePenalty = finiteNumber(record.presence_penalty);
  if (presencePenalty !== undefined) parameters.presencePenalty = presencePenalty;
  const sequences = stopSequences(record.stop);
  if (sequences !== undefined) parameters.stopSequences = sequences;
  const seed = finiteNumber(record.seed);
  if (seed !== undefined) parameters.seed = seed;
  const choiceCount = finiteNumber(record.n);
  if (choiceCount !== undefined) parameters.choiceCount = choiceCount;
  const tools = record.tools;
  if (Array.isArray(tools) && tools.length > 0) parameters.toolsCount = tools.length;
  const type = outputType(asRecord(record.response_format)?.type);
  if (type !== undefined) parameters.outputType = type;
  const serviceTier = nonEmptyString(record.service_tier);
  if (serviceTier !== undefined) parameters.serviceTier = serviceTier;
  const reasoningEffort = nonEmptyString(record.reasoning_effort);
  if (reasoningEffort !== undefined) parameters.reasoningEffort = reasoningEffort;
  return parameters;
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
