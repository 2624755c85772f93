import { readChatRequestParameters } from './chat-request-parameters.js';
import type { RequestParameters } from './types.js';
import { asRecord, nonEmptyString } from './unknown-fields.js';

/** What `chat.completions.create(params)` asked for, as the recorder wants it. */
export interface ChatRequestFacts {
  requestModel: string | undefined;
  stream: boolean;
  request: RequestParameters;
}

/** The model, whether it streams, and the request parameters of `chat.completions.create(params)`. */
export function readChatRequest(params: unknown): ChatRequestFacts {
  const record = asRecord(params);
  return {
    requestModel: nonEmptyString(record?.model),
    stream: record?.stream === true,
    request: readChatRequestParameters(params),
  };
}
