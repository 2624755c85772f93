export { GROQMETER_PROVIDER_OPTIONS_KEY } from './call-facts.js';
export { groqmeter } from './middleware.js';
export { instrumentGroqTranscriptionModel } from './transcription-model.js';
export type {
  GroqmeterMiddleware,
  GroqmeterOptions,
  GroqmeterProviderOptions,
  LanguageModelCallOptionsLike,
  LanguageModelLike,
  LanguageModelStreamResultLike,
  TranscriptionCallOptionsLike,
  TranscriptionModelLike,
} from './types.js';
