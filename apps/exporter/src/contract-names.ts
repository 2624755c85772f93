/**
 * The names of the telemetry contract (docs/telemetry.md) the exporter acts on. The recorder owns
 * the full list; the exporter only needs these and does not import the recorder.
 */
import type { LedgerDropReason } from '@groqmeter/ledger';
import type { BatchDropReason } from './batches/batch-reconciler.js';

/** OTel instruments the exporter prices centrally, and the pushed cost it may replace. */
export const Instrument = {
  tokens: 'groq.tokens',
  cost: 'groq.cost.usd',
  audioBilledSeconds: 'groq.audio.billed.seconds',
  speechCharacters: 'groq.speech.characters',
  toolCalls: 'groq.tool.calls',
} as const;

/** Prometheus families the exporter writes itself. */
export const Family = {
  cost: 'groq_cost_usd_total',
  budget: 'groqmeter_budget_usd',
  dropped: 'groqmeter_dropped_total',
  modelInfo: 'groq_model_info',
  targetInfo: 'target_info',
  pushes: 'groqmeter_exporter_pushes_total',
  dataPoints: 'groqmeter_exporter_data_points_total',
  series: 'groqmeter_exporter_series',
  cataloguePolls: 'groqmeter_exporter_catalogue_polls_total',
} as const;

/** Metric attributes (and so label names) of the contract. */
export const Label = {
  model: 'model',
  operation: 'operation',
  /** Who served the usage (`groq`, `openai`); series without it are Groq's (older senders). */
  provider: 'provider',
  tokenType: 'type',
  component: 'component',
  batch: 'batch',
  serviceTier: 'service_tier',
  tool: 'tool',
  reason: 'reason',
} as const;

/** `groqmeter_dropped_total` reasons the exporter counts, its ledger's (`ledger_*`) included. */
export type DropReason =
  | LedgerDropReason
  | BatchDropReason
  | 'bad_payload'
  | 'unauthorized'
  | 'too_large'
  | 'unsupported_media_type'
  | 'stale'
  | 'series_cap'
  | 'unknown_model'
  | 'invalid_usage'
  | 'unsupported_metric'
  | 'type_conflict'
  | 'bucket_mismatch'
  | 'invalid_name'
  | 'invalid_value'
  | 'name_too_long'
  | 'label_too_long'
  | 'too_many_labels'
  | 'reserved_name'
  | 'name_collision'
  | 'family_cap'
  | 'stream_cap'
  | 'exposition_cap'
  | 'overloaded';
