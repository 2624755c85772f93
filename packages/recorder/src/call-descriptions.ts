/*
 * How each Groq endpoint's call is turned into operation facts, from its request parameters (an
 * SDK call's arguments, or the JSON body a proxy forwards: they are the same object) and its
 * parsed answer. Shared by the SDK adapters and the proxy so that both describe a call alike.
 */

import { readUploadDurationSeconds } from './audio-duration.js';
import type { DescribeCall, StartFacts } from './call-description.js';
import { chatInputContent } from './chat-content.js';
import { readChatRequest } from './chat-request.js';
import { readChatCompletion } from './chat-response.js';
import { ChatStreamFacts } from './chat-stream-facts.js';
import { readCompletionUsage, readTranscriptionUsage } from './completion-usage.js';
import { hasChatImageInput, hasResponsesImageInput } from './image-input.js';
import { readResponseFacts } from './response-facts.js';
import { ResponseStreamFacts, readResponsesRequestParameters } from './response-stream-facts.js';
import type { GroqOperationName, OperationResult } from './types.js';
import { definedOnly, field, numberField, stringField } from './unknown-fields.js';

/** `chat.completions.create`, streamed or not. */
export const describeChatCompletion: DescribeCall = ([params], captureContent) => {
  const { requestModel, stream, request } = readChatRequest(params);
  // Stored in `definedOnly`'s order of the literal it replaces: every chat call builds this.
  const start: StartFacts = { operation: 'chat' };
  if (requestModel !== undefined) start.requestModel = requestModel;
  start.stream = stream;
  start.request = request;
  if (hasChatImageInput(params)) start.imageInput = true;
  if (captureContent) start.content = chatInputContent(params);
  return {
    start,
    result: (body) => readChatCompletion(body, captureContent),
    streamFacts: stream ? new ChatStreamFacts(captureContent) : undefined,
    resultNeedsBody: true,
  };
};

/**
 * `audio.transcriptions.create` and `audio.translations.create`. The billed quantity is what
 * the answer's OpenAI-style `usage` reports (tokens for gpt-4o-transcribe, seconds for whisper-1
 * on OpenAI) when it has one; else the audio duration: `duration` of a `verbose_json` response
 * when present, else read from the uploaded file's header (see {@link readUploadDurationSeconds}),
 * which starts at once so that it is ready when the answer arrives; when neither tells, usage is
 * missing.
 */
export function describeAudioToText(operation: 'transcription' | 'translation'): DescribeCall {
  return ([params]) => {
    const format = stringField(params, 'response_format');
    const fileDuration = readUploadDurationSeconds(field(params, 'file'));
    return {
      start: definedOnly({
        operation,
        requestModel: stringField(params, 'model'),
        request: definedOnly({
          temperature: numberField(params, 'temperature'),
          outputType: format === undefined ? undefined : format === 'text' ? 'text' : 'json',
        }),
      }),
      result: async (body): Promise<OperationResult> => {
        const reported = readTranscriptionUsage(field(body, 'usage'));
        const audioSeconds = reported ? undefined : (numberField(body, 'duration') ?? (await fileDuration));
        return definedOnly({
          groqRequestId: stringField(field(body, 'x_groq'), 'id'),
          usage: reported ?? (audioSeconds === undefined ? undefined : { audioSeconds }),
        });
      },
      resultNeedsBody: true,
    };
  };
}

/** `audio.speech.create`: billed per input character; the audio body is the user's alone. */
export const describeSpeech: DescribeCall = ([params]) => {
  const input = field(params, 'input');
  return {
    start: definedOnly({
      operation: 'speech',
      requestModel: stringField(params, 'model'),
      request: { outputType: 'speech' },
    }),
    result: () => (typeof input === 'string' ? { usage: { characters: input.length } } : {}),
    resultNeedsBody: false,
  };
};

/** `embeddings.create`: input tokens only. */
export const describeEmbeddings: DescribeCall = ([params]) => ({
  start: definedOnly({ operation: 'embeddings', requestModel: stringField(params, 'model') }),
  result: (body) =>
    definedOnly({
      responseModel: stringField(body, 'model'),
      usage: readCompletionUsage(field(body, 'usage')),
    }),
  resultNeedsBody: true,
});

/**
 * Operations that are recorded (span, duration, outcome) but bill nothing themselves: creating a
 * batch (its requests are billed when the batch runs) and listing or reading models. Their usage
 * is empty rather than missing, so they never count as `usage_missing`.
 */
export function describeUnbilled(operation: GroqOperationName): DescribeCall {
  return ([firstArgument]) => ({
    start: definedOnly({
      operation,
      requestModel: operation === 'models' && typeof firstArgument === 'string' ? firstArgument : undefined,
    }),
    result: (body) => definedOnly({ responseId: stringField(body, 'id'), usage: {} }),
    resultNeedsBody: true,
  });
}

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
      imageInput: hasResponsesImageInput(params) || undefined,
    }),
    result: (body) => readResponseFacts(body),
    streamFacts: stream ? new ResponseStreamFacts() : undefined,
    resultNeedsBody: true,
  };
};
