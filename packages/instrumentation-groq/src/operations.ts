import {
  ChatStreamFacts,
  chatInputContent,
  definedOnly,
  field,
  type GroqOperationName,
  numberField,
  type OperationResult,
  readChatCompletion,
  readCompletionUsage,
  stringField,
} from '@groqmeter/recorder';
import { audioDurationSeconds } from './audio-duration.js';
import type { DescribeCall } from './call-description.js';
import { readChatRequest } from './chat-request.js';

/** `chat.completions.create`, streamed or not. */
export const describeChatCompletion: DescribeCall = ([params], captureContent) => {
  const { requestModel, stream, request } = readChatRequest(params);
  return {
    start: definedOnly({
      operation: 'chat',
      requestModel,
      stream,
      request,
      content: captureContent ? chatInputContent(params) : undefined,
    }),
    result: (body) => readChatCompletion(body, captureContent),
    streamFacts: stream ? new ChatStreamFacts(captureContent) : undefined,
    resultNeedsBody: true,
  };
};

/**
 * `audio.transcriptions.create` and `audio.translations.create`. The billed quantity is the audio
 * duration: `duration` of a `verbose_json` response when present, else read from the uploaded
 * file's header (see {@link audioDurationSeconds}), which starts at once so that it is ready when
 * the answer arrives; when neither tells, usage is missing.
 */
export function describeAudioToText(operation: 'transcription' | 'translation'): DescribeCall {
  return ([params]) => {
    const format = stringField(params, 'response_format');
    const fileDuration = audioDurationSeconds(field(params, 'file'));
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
        const audioSeconds = numberField(body, 'duration') ?? (await fileDuration);
        return definedOnly({
          groqRequestId: stringField(field(body, 'x_groq'), 'id'),
          usage: audioSeconds === undefined ? undefined : { audioSeconds },
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

/** One SDK method this package instruments. */
export interface InstrumentedMethod {
  /** The resource class under the `Groq` class, e.g. `Groq.Chat.Completions`. */
  classPath: readonly string[];
  /** The resource instance under a client, e.g. `client.chat.completions`. */
  instancePath: readonly string[];
  method: string;
  describe: DescribeCall;
}

/** Every instrumented groq-sdk method; the SDK has no other billable endpoint (no `responses`). */
export const INSTRUMENTED_METHODS: readonly InstrumentedMethod[] = [
  {
    classPath: ['Chat', 'Completions'],
    instancePath: ['chat', 'completions'],
    method: 'create',
    describe: describeChatCompletion,
  },
  {
    classPath: ['Audio', 'Transcriptions'],
    instancePath: ['audio', 'transcriptions'],
    method: 'create',
    describe: describeAudioToText('transcription'),
  },
  {
    classPath: ['Audio', 'Translations'],
    instancePath: ['audio', 'translations'],
    method: 'create',
    describe: describeAudioToText('translation'),
  },
  {
    classPath: ['Audio', 'Speech'],
    instancePath: ['audio', 'speech'],
    method: 'create',
    describe: describeSpeech,
  },
  { classPath: ['Embeddings'], instancePath: ['embeddings'], method: 'create', describe: describeEmbeddings },
  {
    classPath: ['Batches'],
    instancePath: ['batches'],
    method: 'create',
    describe: describeUnbilled('batch'),
  },
  { classPath: ['Models'], instancePath: ['models'], method: 'list', describe: describeUnbilled('models') },
  {
    classPath: ['Models'],
    instancePath: ['models'],
    method: 'retrieve',
    describe: describeUnbilled('models'),
  },
];
