/**
 * The Prometheus families (docs/telemetry.md) the pages read from the exporter's store. The
 * semconv seconds histograms carry no `_seconds` suffix in the exporter's exposition.
 */
export const PageFamily = {
  cost: 'groq_cost_usd_total',
  tokens: 'groq_tokens_total',
  requests: 'groq_requests_total',
  operationDuration: 'gen_ai_client_operation_duration',
  timeToFirstChunk: 'gen_ai_client_operation_time_to_first_chunk',
  queueTime: 'groq_server_queue_time_seconds',
  outputSpeed: 'groq_server_output_tokens_per_second',
  rateLimitLimit: 'groq_ratelimit_limit',
  rateLimitRemaining: 'groq_ratelimit_remaining',
  rateLimitReset: 'groq_ratelimit_reset_seconds',
  rateLimitHits: 'groq_ratelimit_hits_total',
  audioBilledSeconds: 'groq_audio_billed_seconds_total',
  speechCharacters: 'groq_speech_characters_total',
  toolCalls: 'groq_tool_calls_total',
  pricedOperations: 'groq_priced_operations_total',
  modelInfo: 'groq_model_info',
} as const;
