import {
  definedOnly,
  field,
  ResponseStreamFacts,
  readResponseFacts,
  readResponsesRequestParameters,
  stringField,
} from '@groqmeter/recorder';
import type { DescribeCall } from './call-description.js';

/**
 * `responses.create` of the `openai` SDK pointed at Groq (the Responses API), streamed or not.
 * A chat operation in every respect: same series, same pricing, built-in tools (code
 * interpreter, browser search) counted from its output items.
 */
export const describeResponse: DescribeCall = ([params]) => {
  const stream = field(params, 'stream') === true;
  return {
    start: definedOnly({
      operation: 'chat',
      requestModel: stringField(params, 'model'),
      stream,
      request: readResponsesRequestParameters(params),
    }),
    result: (body) => readResponseFacts(body),
    streamFacts: stream ? new ResponseStreamFacts() : undefined,
    resultNeedsBody: true,
  };
};
