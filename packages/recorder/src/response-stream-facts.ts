import { readResponseFacts } from './response-facts.js';
import type { StreamFacts } from './stream-facts.js';
import type { OperationResult, RequestParameters } from './types.js';
import { definedOnly, field, numberField, stringField } from './unknown-fields.js';

/** Stream events that carry the finished `response` with its usage. */
const FINAL_EVENTS: ReadonlySet<string> = new Set([
  'response.completed',
  'response.incomplete',
  'response.failed',
]);

/** Stream events that carry output: they time the first and each following chunk. */
const OUTPUT_EVENTS: ReadonlySet<string> = new Set([
  'response.output_text.delta',
  'response.reasoning_text.delta',
  'response.function_call_arguments.delta',
]);

/**
 * Collects the facts of a streamed Responses API call event by event, keeping none of them:
 * id and model from `response.created`, and the whole result from the final event's `response`.
 */
export class ResponseStreamFacts implements StreamFacts {
  private facts: OperationResult = {};
  private finished = false;

  get hasUsage(): boolean {
    return this.facts.usage !== undefined;
  }

  observe(event: unknown): boolean {
    const type = stringField(event, 'type');
    if (type === undefined) return false;
    if (OUTPUT_EVENTS.has(type)) return true;
    if (type === 'response.created' && !this.finished)
      this.facts = readResponseFacts(field(event, 'response'));
    else if (FINAL_EVENTS.has(type)) {
      this.facts = readResponseFacts(field(event, 'response'));
      this.finished = true;
    }
    return false;
  }

  result(): OperationResult {
    return this.facts;
  }
}

/** The request parameters of a Responses API `responses.create` body. */
export function readResponsesRequestParameters(params: unknown): RequestParameters {
  const tools = field(params, 'tools');
  return definedOnly({
    temperature: numberField(params, 'temperature'),
    maxTokens: numberField(params, 'max_output_tokens'),
    topP: numberField(params, 'top_p'),
    toolsCount: Array.isArray(tools) ? tools.length : undefined,
    serviceTier: stringField(params, 'service_tier'),
    reasoningEffort: stringField(field(params, 'reasoning'), 'effort'),
  });
}
