export { ACCEPTED_AUDIO_EXTENSIONS } from './audio-duration';
export { SPEECH_CHARACTERS_PER_SECOND, TRANSCRIPT_WORDS_PER_SECOND } from './audio-handlers';
export { BATCH_FAST_FORWARD_HEADER, BATCH_TIMING_HEADER } from './batch-handlers';
export {
  COMPOUND_ANSWER_MODEL,
  COMPOUND_TOOL_MODEL,
  COMPOUND_TOOLS_HEADER,
  EXECUTED_TOOL_TYPES,
  TOOL_CALL_TOKENS,
  TOOL_OUTPUT_TOKENS,
} from './compound-tools';
export { CALL_ID_HEADER, FAULT_COUNT_HEADER, FAULT_HEADER, RETRY_AFTER_HEADER } from './fault-injector';
export { formatGoDuration } from './go-duration';
export { DEFAULT_MODELS, DEFAULT_RETIRED_MODEL } from './model-catalogue';
export {
  OPENAI_ANSWER_TOKENS,
  OPENAI_REASONING_TOKENS,
  transcribeAudioTokens,
} from './openai/openai-answers';
export {
  type OpenAISimulatorOptions,
  type OpenAISimulatorStats,
  type RunningOpenAISimulator,
  startOpenAISimulator,
} from './openai/openai-simulator';
export { CACHE_BLOCK_TOKENS } from './prompt-cache';
export { COMPLETION_TOKENS_HEADER } from './request-headers';
export { RESPONSES_BUILT_IN_TOOLS } from './responses-request';
export { createRandom, type Random } from './seeded-random';
export { API_PREFIX, startSimulator } from './server';
export { loadSimulatorConfig, SimulatorConfigError, validateSimulatorOptions } from './simulator-config';
export { MINIMUM_BILLED_AUDIO_SECONDS, NO_MODEL } from './stats-recorder';
export {
  countMessageTokens,
  countPromptTokens,
  countTokens,
  MESSAGE_OVERHEAD_TOKENS,
  NON_TEXT_PART_TOKENS,
} from './tokens';
export type {
  FaultKind,
  FaultRule,
  ModelConfig,
  ModelKind,
  ModelLimits,
  OperationStats,
  ReasoningFormat,
  RunningSimulator,
  SimulatorOperation,
  SimulatorOptions,
  SimulatorStats,
} from './types';
export { FAULT_KINDS } from './types';
export { ASSUMED_BYTES_PER_SECOND, makeWav, wavDurationSeconds } from './wav';
