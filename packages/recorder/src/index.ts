export {
  ACTIVE_OPERATION_ATTEMPTS,
  type AttemptScope,
  type AttemptSink,
  type BindableAttemptScope,
  createAttemptScope,
} from './attempt-scope.js';
export { getGroqAttributes, withGroqAttributes } from './attribution.js';
export { type AudioHint, readAudioDurationSeconds, readUploadDurationSeconds } from './audio-duration.js';
export { builtInToolId, countBuiltInToolCalls } from './built-in-tools.js';
export type { CallDescription, DescribeCall, StartFacts } from './call-description.js';
export {
  describeAudioToText,
  describeChatCompletion,
  describeEmbeddings,
  describeResponse,
  describeSpeech,
  describeUnbilled,
} from './call-descriptions.js';
export { type ChatCompletionFacts, readChatCompletionFacts } from './chat-completion-facts.js';
export {
  type ChatMessage,
  chatInputContent,
  chatOutputMessages,
  type MessagePart,
  outputMessage,
  toolCallPart,
} from './chat-content.js';
export { type ChatRequestFacts, readChatRequest } from './chat-request.js';
export { readChatRequestParameters } from './chat-request-parameters.js';
export { readChatCompletion, withToolCalls } from './chat-response.js';
export { ChatStreamFacts } from './chat-stream-facts.js';
export {
  readCompletionUsage,
  readResponsesUsage,
  readServerTiming,
  readTranscriptionUsage,
} from './completion-usage.js';
export { ENV_CAPTURE_MESSAGE_CONTENT, resolveCaptureMessageContent } from './content-capture.js';
export { errorStatusOf, errorTypeOf, scrubSecrets } from './error-facts.js';
export { parseGoDuration } from './go-duration.js';
export { observeHttpAttempt } from './http-attempt.js';
export {
  OUTPUT_TOKENS_PER_SECOND_BUCKETS,
  RETRY_AFTER_SECONDS_BUCKETS,
  SERVER_TIME_SECONDS_BUCKETS,
} from './instruments.js';
export {
  createGroqmeterMetricProducer,
  type GroqmeterMetricProducer,
  type GroqmeterMetricProducerOptions,
  producerTemporalityFor,
  type TemporalityPreference,
} from './metric-producer.js';
export type { PartialReason } from './price-operation.js';
export {
  parseRateLimitHeaders,
  type RateLimitSnapshot,
  type RateLimitWindow,
  readHeader,
} from './rate-limit-headers.js';
export { createRecorder, DEFAULT_LABEL_ATTRIBUTES, DEFAULT_SERIES_CAP } from './recorder.js';
export { countResponseToolCalls, readResponseFacts } from './response-facts.js';
export { ResponseStreamFacts, readResponsesRequestParameters } from './response-stream-facts.js';
export * from './semconv.js';
export type { StreamFacts } from './stream-facts.js';
export {
  getActiveOperation,
  isRecordingSuppressed,
  runWithRecordingSuppressed,
  withRecordingSuppressed,
} from './suppression.js';
export type * from './types.js';
export { arrayField, definedOnly, field, numberField, stringField } from './unknown-fields.js';
export { readUsageBreakdown } from './usage-breakdown.js';
export {
  type ReconciledBreakdown,
  type ReconciliationRule,
  reconcileBreakdown,
} from './usage-reconciliation.js';
export { RECORDER_SCOPE_NAME, RECORDER_VERSION } from './version.js';
