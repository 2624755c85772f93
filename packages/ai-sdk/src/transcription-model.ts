import {
  definedOnly,
  field,
  type OperationResult,
  type OperationStart,
  readAudioDurationSeconds,
  stringField,
} from '@groqmeter/recorder';
import { attributionFrom, GROQMETER_PROVIDER_OPTIONS_KEY } from './call-facts.js';
import { callModel } from './call-model.js';
import { lazyRecorder } from './lazy-recorder.js';
import { responseHeadersOf } from './response-headers.js';
import type { GroqmeterOptions, TranscriptionCallOptionsLike, TranscriptionModelLike } from './types.js';

function optionOf(params: TranscriptionCallOptionsLike, key: string): unknown {
  return params.providerOptions?.groq?.[key];
}

function transcriptionStart(params: TranscriptionCallOptionsLike, modelId: string): OperationStart {
  const format = optionOf(params, 'responseFormat');
  const temperature = optionOf(params, 'temperature');
  return definedOnly({
    operation: 'transcription',
    source: 'ai-sdk',
    requestModel: modelId,
    request: definedOnly({
      temperature: typeof temperature === 'number' ? temperature : undefined,
      // Groq's words as the groq-sdk path records them: `text`, else `json` (verbose_json too).
      outputType: typeof format === 'string' ? (format === 'text' ? 'text' : 'json') : undefined,
    }),
    attributes: attributionFrom(params.providerOptions?.[GROQMETER_PROVIDER_OPTIONS_KEY]),
  });
}

/** The audio bytes of a call: the AI SDK hands them over as bytes or base64. */
function audioBytes(audio: Uint8Array | string): Uint8Array {
  return typeof audio === 'string' ? Buffer.from(audio, 'base64') : audio;
}

async function transcriptionResult(
  generated: unknown,
  fileDuration: Promise<number | undefined>,
): Promise<OperationResult> {
  const reported = field(generated, 'durationInSeconds');
  const audioSeconds = typeof reported === 'number' ? reported : await fileDuration;
  return definedOnly({
    responseModel: stringField(field(generated, 'response'), 'modelId'),
    groqRequestId: stringField(field(field(field(generated, 'response'), 'body'), 'x_groq'), 'id'),
    usage: audioSeconds === undefined ? undefined : { audioSeconds },
  });
}

/**
 * Wraps an AI SDK transcription model (`groq.transcription('whisper-large-v3-turbo')` of
 * `@ai-sdk/groq` 2, 3 or 4) so that every `experimental_transcribe` call records one groqmeter
 * operation `transcription`: the audio seconds (the response's `duration` with
 * `responseFormat: 'verbose_json'`, else read from the uploaded bytes in any format Groq accepts,
 * concurrently with the call), their cost, duration, outcome, rate-limit headers and Groq's
 * request id, with the same telemetry as the groq-sdk instrumentation. An audio length that
 * neither tells is recorded as usage missing. The AI SDK has no middleware for transcription
 * models, hence a wrapper; it returns a proxy that behaves as the model in every other respect.
 *
 * @example
 * const model = instrumentGroqTranscriptionModel(groq.transcription('whisper-large-v3-turbo'));
 * await experimental_transcribe({ model, audio, providerOptions: { groqmeter: { feature: 'notes' } } });
 */
export function instrumentGroqTranscriptionModel<M extends TranscriptionModelLike>(
  model: M,
  options: GroqmeterOptions = {},
): M {
  const getRecorder = lazyRecorder(options);
  const doGenerate = async (params: TranscriptionCallOptionsLike): Promise<unknown> => {
    const handle = getRecorder().start(transcriptionStart(params, model.modelId));
    const fileDuration = readAudioDurationSeconds(audioBytes(params.audio), { mimeType: params.mediaType });
    return callModel(
      handle,
      params.abortSignal,
      () => model.doGenerate(params),
      async (generated) => {
        handle.attempt({ headers: responseHeadersOf(generated) });
        handle.end(await transcriptionResult(generated, fileDuration));
        return generated;
      },
    );
  };
  return new Proxy(model, {
    get: (target, property, receiver) =>
      property === 'doGenerate' ? doGenerate : Reflect.get(target, property, receiver),
  });
}
