import { Family } from '../contract-names.js';
import type { Family as StoredFamily } from '../store/metric-store.js';

/**
 * Families only the exporter writes: a sender pushing one of these names would overwrite the
 * exporter's own account of itself (pushes, series, budgets, the model catalogue).
 */
const EXPORTER_OWNED: ReadonlySet<string> = new Set([
  Family.pushes,
  Family.dataPoints,
  Family.series,
  Family.cataloguePolls,
  Family.budget,
  Family.modelInfo,
]);

/** Prefixes of the exporter's own families: its self-metrics and its budgets. */
const EXPORTER_PREFIXES = ['groqmeter_exporter_', 'groqmeter_budget_'];

/** Whether a family name is the exporter's own (any `groqmeter_exporter_*` or `groqmeter_budget_*` included). */
export function isExporterOwned(name: string): boolean {
  return EXPORTER_OWNED.has(name) || EXPORTER_PREFIXES.some((prefix) => name.startsWith(prefix));
}

/**
 * The type of each family of the telemetry contract that the exporter writes into or prices
 * from. Whoever pushes first would otherwise fix its type: one app's histogram named
 * `groq_cost_usd_total` would then turn away every other app's cost, and the exporter's central
 * pricing with it.
 */
const CONTRACT_KINDS: ReadonlyMap<string, StoredFamily['kind']> = new Map([
  [Family.cost, 'counter'],
  [Family.dropped, 'counter'],
  [Family.targetInfo, 'gauge'],
  ['groq_tokens_total', 'counter'],
  ['groq_requests_total', 'counter'],
  ['groq_audio_billed_seconds_total', 'counter'],
  ['groq_speech_characters_total', 'counter'],
  ['groq_tool_calls_total', 'counter'],
]);

/** The contract's type of a family name, or `undefined` for a name outside the contract's. */
export function contractKindOf(name: string): StoredFamily['kind'] | undefined {
  return CONTRACT_KINDS.get(name);
}
