import { readChatRequestParameters } from './chat-request-parameters.js';
import type { RequestParameters } from './types.js';
import { field, stringField } from './unknown-fields.js';

/** What `chat.completions.create(params)` asked for, as the recorder wants it. */
export interface ChatRequestFacts {
  requestModel: string | undefined;
  stream: boolean;
  request: RequestParameters;
}

/** The model, whether it streams, and the request parameters of `chat.completions.create(params)`. */
export function readChatRequest(params: unknown): ChatRequestFacts {
  return {
    requestModel: stringField(params, 'model'),
    stream: field(params, 'stream') === true,
    request: readChatRequestParameters(params),
  };
}
