import { createHash } from 'node:crypto';
import { ACCEPTED_AUDIO_EXTENSIONS, refusedExtension, uploadDurationSeconds } from './audio-duration';
import { isErrorFault } from './fault-injector';
import { respondWithFault } from './fault-responses';
import { type GroqErrorResponse, invalidRequest, modelNotFound, rateLimitExceeded } from './groq-errors';
import type { Exchange } from './http-exchange';
import { isRecord } from './is-record';
import type { ResolvedModel } from './model-catalogue';
import { MultipartError, type MultipartForm, parseMultipart } from './multipart';
import { rateLimitScope, type SimulatorRuntime } from './runtime';
import { createRandom, deriveSeed, type Random, randomWords } from './seeded-random';
import { countTokens } from './tokens';
import { silentWav } from './wav';

/** Speaking rate of generated transcripts, in words per second of audio. */
export const TRANSCRIPT_WORDS_PER_SECOND = 2.5;
/** Speaking rate of generated speech, in input characters per second of audio (at speed 1). */
export const SPEECH_CHARACTERS_PER_SECOND = 15;
/** Shortest audio Groq accepts, in seconds. */
const MINIMUM_AUDIO_SECONDS = 0.01;
/** Length of a generated `verbose_json` segment, in seconds. */
const SEGMENT_SECONDS = 10;

const LANGUAGE_NAMES: Readonly<Record<string, string>> = {
  en: 'English',
  de: 'German',
  fr: 'French',
  es: 'Spanish',
  it: 'Italian',
  pt: 'Portuguese',
  nl: 'Dutch',
  ja: 'Japanese',
  zh: 'Chinese',
  ko: 'Korean',
  ru: 'Russian',
  ar: 'Arabic',
  hi: 'Hindi',
  tr: 'Turkish',
  pl: 'Polish',
};

type AudioTask = 'transcribe' | 'translate';

/** `POST /openai/v1/audio/transcriptions` and `/audio/translations` (multipart upload). */
export async function handleAudioText(
  exchange: Exchange,
  runtime: SimulatorRuntime,
  task: AudioTask,
): Promise<void> {
  const raw = await exchange.rawBody();
  if (!raw.ok) return exchange.fail(raw.error);
  let form: MultipartForm;
  try {
    form = parseMultipart(raw.value, exchange.header('content-type'));
  } catch (error) {
    if (!(error instanceof MultipartError)) throw error;
    return exchange.fail(invalidRequest(`Could not read the multipart form: ${error.message}.`));
  }
  const field = (name: string) => form.fields.get(name)?.[0];
  const modelId = field('model');
  if (!modelId) return exchange.fail(invalidRequest("property 'model' is missing"));
  exchange.model = modelId;
  const model = runtime.models.get(modelId);
  if (!model) return exchange.fail(modelNotFound(modelId));
  if (model.kind !== 'transcription') {
    return exchange.fail(
      invalidRequest(
        `The model \`${model.id}\` does not support ${task === 'transcribe' ? 'transcriptions' : 'translations'}; use a Whisper model.`,
        'model_not_supported',
      ),
    );
  }
  const file = form.files.find((f) => f.field === 'file');
  if (!file) {
    const message = field('url')
      ? 'The simulator cannot download audio from `url`; upload the audio as the `file` field instead.'
      : "property 'file' is missing; upload the audio as the `file` field.";
    return exchange.fail(invalidRequest(message));
  }
  const responseFormat = field('response_format') ?? 'json';
  if (!['json', 'verbose_json', 'text'].includes(responseFormat)) {
    return exchange.fail(
      invalidRequest(`response_format must be one of json, verbose_json, text; got \`${responseFormat}\`.`),
    );
  }
  const temperature = Number(field('temperature') ?? 0);
  if (!Number.isFinite(temperature) || temperature < 0 || temperature > 1) {
    return exchange.fail(invalidRequest('temperature must be a number from 0 to 1.'));
  }
  const refused = refusedExtension(file.filename);
  if (refused !== undefined) {
    return exchange.fail(
      invalidRequest(`file must be one of the following types: [${ACCEPTED_AUDIO_EXTENSIONS.join(' ')}]`),
    );
  }
  const duration = await uploadDurationSeconds(file.data, file.filename, file.contentType);
  if (duration < MINIMUM_AUDIO_SECONDS) {
    return exchange.fail(
      invalidRequest(`Audio file is too short. Minimum audio length is ${MINIMUM_AUDIO_SECONDS} seconds.`),
    );
  }
  const operation = task === 'transcribe' ? 'transcription' : 'translation';
  if (!(await admitModelRequest(exchange, runtime, model, raw.value, 0))) return;
  if (!(await exchange.wait((model.latencyMs + model.timeToFirstTokenMs) / 1000))) {
    runtime.stats.clientAbort(model.id, operation);
    return;
  }
  const random = createRandom(
    deriveSeed(runtime.seed, task, model.id, createHash('sha256').update(file.data).digest('hex')),
  );
  const words = randomWords(random, Math.max(1, Math.round(duration * TRANSCRIPT_WORDS_PER_SECOND)));
  const segments = segmentsOf(words, duration, temperature, random);
  const text = segments.map((segment) => segment.text).join('');
  runtime.stats.audio(model.id, operation, duration);
  const xGroq = { id: exchange.requestId };
  if (responseFormat === 'text') {
    exchange.send(200, 'text/plain; charset=utf-8', text);
    return;
  }
  if (responseFormat === 'json') {
    exchange.sendJson(200, { text, x_groq: xGroq });
    return;
  }
  const language = task === 'translate' ? 'English' : languageName(field('language'));
  const granularities = form.fields.get('timestamp_granularities') ?? ['segment'];
  const body: Record<string, unknown> = { task, language, duration, text, segments, x_groq: xGroq };
  if (granularities.includes('word')) body.words = wordTimings(words, duration);
  exchange.sendJson(200, body);
}

/** `POST /openai/v1/audio/speech` (JSON body, audio bytes back). */
export async function handleSpeech(exchange: Exchange, runtime: SimulatorRuntime): Promise<void> {
  const body = await exchange.jsonBody();
  if (!body.ok) return exchange.fail(body.error);
  const request = body.value;
  if (!isRecord(request)) return exchange.fail(invalidRequest('The request body must be a JSON object.'));
  if (typeof request.model !== 'string' || request.model === '')
    return exchange.fail(invalidRequest("property 'model' is missing"));
  exchange.model = request.model;
  const model = runtime.models.get(request.model);
  if (!model) return exchange.fail(modelNotFound(request.model));
  if (model.kind !== 'speech') {
    return exchange.fail(
      invalidRequest(
        `The model \`${model.id}\` does not support text to speech; use an Orpheus model.`,
        'model_not_supported',
      ),
    );
  }
  const invalid = speechRequestProblem(request);
  if (invalid) return exchange.fail(invalid);
  const input = String(request.input);
  const format = typeof request.response_format === 'string' ? request.response_format : 'wav';
  const sampleRate = typeof request.sample_rate === 'number' ? request.sample_rate : 48_000;
  const speed = typeof request.speed === 'number' ? request.speed : 1;
  if (!(await admitModelRequest(exchange, runtime, model, body.raw, countTokens(input)))) return;
  const seconds = input.length / SPEECH_CHARACTERS_PER_SECOND / speed;
  if (!(await exchange.wait((model.latencyMs + model.timeToFirstTokenMs) / 1000))) {
    runtime.stats.clientAbort(model.id, 'speech');
    return;
  }
  runtime.stats.speech(model.id, input.length);
  const audio = encodeSpeech(format, seconds, sampleRate);
  exchange.send(200, audio.contentType, audio.bytes);
}

const SPEECH_FORMATS = ['wav', 'mp3', 'mulaw'];
const SAMPLE_RATES = [8000, 16_000, 22_050, 24_000, 32_000, 44_100, 48_000];

function speechRequestProblem(request: Record<string, unknown>): GroqErrorResponse | undefined {
  if (typeof request.input !== 'string' || request.input === '')
    return invalidRequest("property 'input' is missing");
  if (typeof request.voice !== 'string' || request.voice === '')
    return invalidRequest("property 'voice' is missing");
  const format = request.response_format;
  if (format !== undefined && (typeof format !== 'string' || !SPEECH_FORMATS.includes(format))) {
    return invalidRequest(
      `response_format \`${String(format)}\` is not supported by the simulator; use one of ${SPEECH_FORMATS.join(', ')}.`,
    );
  }
  const rate = request.sample_rate;
  if (rate !== undefined && !(typeof rate === 'number' && SAMPLE_RATES.includes(rate))) {
    return invalidRequest(`sample_rate must be one of ${SAMPLE_RATES.join(', ')}.`);
  }
  const speed = request.speed;
  if (speed !== undefined && !(typeof speed === 'number' && speed >= 0.5 && speed <= 5)) {
    return invalidRequest('speed must be a number from 0.5 to 5.');
  }
  return undefined;
}

/** MPEG-1 Layer III, 128 kbit/s, 48 kHz, mono: 384-byte frames of 1152 samples (24 ms). */
const MP3_FRAME = (() => {
  const frame = Buffer.alloc(384);
  frame.set([0xff, 0xfb, 0x94, 0xc4]);
  return frame;
})();
const MP3_FRAME_SECONDS = 1152 / 48_000;

function encodeSpeech(
  format: string,
  seconds: number,
  sampleRate: number,
): { contentType: string; bytes: Uint8Array } {
  const samples = Math.max(1, Math.round(seconds * sampleRate));
  if (format === 'mulaw') return { contentType: 'audio/basic', bytes: Buffer.alloc(samples, 0xff) };
  if (format === 'mp3') {
    const frames = Math.max(1, Math.round(seconds / MP3_FRAME_SECONDS));
    return {
      contentType: 'audio/mpeg',
      bytes: Buffer.concat(Array.from({ length: frames }, () => MP3_FRAME)),
    };
  }
  return { contentType: 'audio/wav', bytes: silentWav(samples, sampleRate) };
}

/**
 * Applies faults and the rate-limit budgets to a model request that is not a chat completion.
 * Returns false when a response (error, drop) was already sent.
 */
async function admitModelRequest(
  exchange: Exchange,
  runtime: SimulatorRuntime,
  model: ResolvedModel,
  body: Uint8Array,
  tokens: number,
): Promise<boolean> {
  if (!exchange.operation) return false;
  const decision = runtime.faults.decide({
    model: model.id,
    operation: exchange.operation,
    serviceTier: 'on_demand',
    headers: (name) => exchange.header(name),
    body,
    errorRates: model.errorRates,
  });
  if ('error' in decision) {
    exchange.fail(decision.error);
    return false;
  }
  if (decision.fault && isErrorFault(decision.fault.kind)) {
    respondWithFault(exchange, decision.fault, model, runtime, 'on_demand', tokens);
    return false;
  }
  const admission = runtime.limiter.admit(model.id, tokens);
  if (!admission.ok) {
    exchange.fail(rateLimitExceeded(rateLimitScope(runtime, model.id, 'on_demand'), admission));
    return false;
  }
  return !respondWithFault(exchange, decision.fault, model, runtime, 'on_demand', tokens);
}

function languageName(code: string | undefined): string {
  if (!code) return 'English';
  return LANGUAGE_NAMES[code.toLowerCase()] ?? code;
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

interface Segment {
  text: string;
  [field: string]: unknown;
}

/** Whisper-style segments of at most {@link SEGMENT_SECONDS}, each one capitalised sentence. */
function segmentsOf(words: string[], duration: number, temperature: number, random: Random): Segment[] {
  const count = Math.max(1, Math.ceil(duration / SEGMENT_SECONDS));
  const perSegment = Math.ceil(words.length / count);
  const segments: Segment[] = [];
  for (let id = 0; id < count; id += 1) {
    const start = id * SEGMENT_SECONDS;
    const end = Math.min(duration, start + SEGMENT_SECONDS);
    const segmentWords = words.slice(id * perSegment, (id + 1) * perSegment);
    segments.push({
      id,
      seek: Math.round(start * 100),
      start,
      end,
      text: ` ${sentence(segmentWords)}`,
      tokens: segmentWords.map((_, i) => 50_365 + id * 100 + i),
      temperature,
      avg_logprob: round(-0.1 - random() * 0.4, 6),
      compression_ratio: round(1.2 + random() * 0.6, 6),
      no_speech_prob: round(random() * 0.05, 6),
    });
  }
  return segments;
}

function sentence(words: string[]): string {
  const joined = words.join(' ');
  return `${joined.charAt(0).toUpperCase()}${joined.slice(1)}.`;
}

function wordTimings(words: string[], duration: number): Record<string, unknown>[] {
  const step = duration / words.length;
  return words.map((word, i) => ({ word, start: round(i * step, 3), end: round((i + 1) * step, 3) }));
}
