import type { LogLevel } from '@groqmeter/service-kit';
import { DEFAULT_INGEST_LIMITS } from '../ingest/ingest-limits.js';
import { STORE_LIMIT_DEFAULTS } from '../store/metric-store.js';

/** How much the exporter logs (the service kit's levels); `silent` logs nothing. */
export type { LogLevel };

/** The budget periods `groqmeter_budget_usd{period}` knows. */
export type BudgetPeriod = 'day' | 'week' | 'month';

/** A spending budget in shorthand (`--budget SCOPE:PERIOD:USD`), served as `groqmeter_budget_usd{budget, scope, period}`. */
export interface Budget {
  /** The spend it covers: `all`, or `label=value` pairs joined by `,` (`feature=support-chat`). */
  scope: string;
  period: BudgetPeriod;
  usd: number;
}

/** Everything the exporter runs with. {@link DEFAULT_EXPORTER_CONFIG} holds the defaults. */
export interface ExporterConfig {
  /** Interface both listeners bind to. `0.0.0.0` exposes them to the network. */
  host: string;
  /** OTLP/HTTP receiver port (`POST /v1/metrics`, `POST /v1/traces`); 0 picks a free port. */
  otlpPort: number;
  /** Prometheus port (`GET /metrics`, `/healthz`, `/readyz`); 0 picks a free port. */
  metricsPort: number;
  /** A JSON or YAML price file whose prices override the shipped catalogue. */
  priceFile?: string;
  budgets: Budget[];
  /**
   * A YAML or JSON budgets file (`--budgets FILE`): budgets per scope and period with warning
   * thresholds, reloaded when it changes. `budgets` are added to it.
   */
  budgetsFile?: string;
  /**
   * A JSON state file of each budget period's spend and operations so far (`--budgets-state FILE`),
   * written every 30 s and at shutdown and read at start, so that a restart keeps the period's
   * spend of before it. Without it, a restarted exporter counts each period from its start on.
   */
  budgetsState?: string;
  /** Price every usage push centrally and ignore pushed `groq.cost.usd`. */
  reprice: boolean;
  /** Bearer token required on `POST /v1/metrics` and `POST /v1/traces`. */
  token?: string;
  /** Bearer token required on `GET /metrics`. */
  scrapeToken?: string;
  /** Largest accepted request body, compressed and decompressed. */
  maxBodyBytes: number;
  /** Distinct label sets per metric family; points for more are refused and counted. */
  seriesCap: number;
  /** Distinct metric families (the exporter's own not counted); new ones past it are refused (`family_cap`). */
  maxFamilies: number;
  /** Streams per series (senders, start times, OTLP streams landing on it); new ones are refused (`stream_cap`). */
  maxStreamsPerSeries: number;
  /** Characters of a label value; longer ones refuse their point (`label_too_long`). */
  maxLabelValueLength: number;
  /** Attributes of one point; more refuse it (`too_many_labels`). */
  maxLabelsPerPoint: number;
  /** The estimated size of the whole exposition; new series past it are refused (`exposition_cap`). */
  maxExpositionBytes: number;
  /** Request bodies all pushes in flight may hold together (503 past it); by default twice `maxBodyBytes`. */
  maxInFlightBodyBytes?: number;
  /** A sender silent for this long is gone: its gauges and, once all senders are gone, its series expire. */
  staleAfterSeconds: number;
  logLevel: LogLevel;
  /** Key for the model catalogue poll (`GET /openai/v1/models`); no key, no poll. */
  groqApiKey?: string;
  /** Groq API base URL, as groq-sdk's `baseURL` (the simulator's URL in tests). */
  groqBaseUrl: string;
  catalogueIntervalSeconds: number;
  /**
   * The usage ledger `POST /v1/traces` fills: `sqlite:PATH` (or a file path) or
   * `postgres://USER:PASSWORD@HOST:PORT/DATABASE`. Without it `/v1/traces` answers 404.
   */
  ledgerDb?: string;
  /**
   * Meter finished Groq batches: poll Groq's batch list with `groqApiKey` and meter each completed
   * batch's billed lines once, at the batch discount. Needs `groqApiKey` and `groqBatchesState`.
   */
  groqBatches: boolean;
  /** The state file of the batch ids already metered (JSON), so a restart never meters one twice. */
  groqBatchesState?: string;
  /** Seconds between two polls of Groq's batch list. */
  groqBatchesIntervalSeconds: number;
  /**
   * The Prometheus that scrapes this exporter: the pages (`GET /`) chart from it with the Grafana
   * dashboards' PromQL. Without it they chart a bounded in-memory history.
   */
  prometheusUrl?: string;
  /** Show the ledger's recent operations, user ids included, on the pages (needs `ledgerDb`). */
  pagesLedger: boolean;
}

export const DEFAULT_EXPORTER_CONFIG: Readonly<ExporterConfig> = Object.freeze({
  host: '127.0.0.1',
  otlpPort: 4318,
  metricsPort: 9464,
  budgets: [],
  reprice: false,
  maxBodyBytes: 4 * 1024 * 1024,
  seriesCap: 10_000,
  maxFamilies: STORE_LIMIT_DEFAULTS.maxFamilies,
  maxStreamsPerSeries: STORE_LIMIT_DEFAULTS.maxStreamsPerSeries,
  maxLabelValueLength: DEFAULT_INGEST_LIMITS.maxLabelValueLength,
  maxLabelsPerPoint: DEFAULT_INGEST_LIMITS.maxLabelsPerPoint,
  maxExpositionBytes: STORE_LIMIT_DEFAULTS.maxExpositionBytes,
  staleAfterSeconds: 15 * 60,
  logLevel: 'info',
  groqBaseUrl: 'https://api.groq.com',
  catalogueIntervalSeconds: 15 * 60,
  groqBatches: false,
  groqBatchesIntervalSeconds: 5 * 60,
  pagesLedger: false,
});
