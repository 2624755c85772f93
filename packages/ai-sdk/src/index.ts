export { GROQMETER_PROVIDER_OPTIONS_KEY } from './call-facts.js';
export { groqmeter } from './middleware.js';
export type {
  GroqmeterMiddleware,
  GroqmeterOptions,
  GroqmeterProviderOptions,
  LanguageModelCallOptionsLike,
  LanguageModelLike,
  LanguageModelStreamResultLike,
} from './types.js';
