import { field, type RequestParameters, readChatRequestParameters, stringField } from '@groqmeter/recorder';

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
