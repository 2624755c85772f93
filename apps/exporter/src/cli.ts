#!/usr/bin/env node
import { BudgetsFileError } from '@groqmeter/budgets';
import { runServiceCli } from '@groqmeter/service-kit';
import packageJson from '../package.json';
import { BudgetStateFileError } from './budgets/budget-state-file.js';
import { ExporterConfigError, loadExporterConfig } from './config/load-exporter-config.js';
import { startExporter } from './start-exporter.js';

const USAGE = `groqmeter-exporter ${packageJson.version}
Receives OTLP metrics (POST /v1/metrics) and serves them to Prometheus (GET /metrics),
with its own live pages on the same port (GET / and /detail).
With --ledger-db, also writes one usage-ledger row per Groq operation span (POST /v1/traces).

Usage: groqmeter-exporter [flags]

Flags (environment variable in brackets; flags > environment > config file > defaults):
  --host HOST                 interface to bind, default 127.0.0.1 [GROQMETER_EXPORTER_HOST]
  --otlp-port PORT            OTLP/HTTP receiver port, default 4318 [GROQMETER_EXPORTER_OTLP_PORT]
  --metrics-port PORT         Prometheus port, default 9464 [GROQMETER_EXPORTER_METRICS_PORT]
  --config FILE               JSON config file [GROQMETER_EXPORTER_CONFIG]
  --price-file FILE           JSON/YAML price overrides [GROQMETER_EXPORTER_PRICE_FILE]
  --reprice                   price all usage centrally, ignore pushed cost [GROQMETER_EXPORTER_REPRICE]
  --budgets FILE              YAML/JSON budgets per scope and period, reloaded on change [GROQMETER_EXPORTER_BUDGETS_FILE]
  --budgets-state FILE        state file of each budget period's spend so far, kept across restarts [GROQMETER_EXPORTER_BUDGETS_STATE]
  --budget SCOPE:PERIOD:USD   budget shorthand, repeatable: scope all or label=value, period day|week|month [GROQMETER_EXPORTER_BUDGETS, comma-separated]
  --token TOKEN               bearer token required to push [GROQMETER_EXPORTER_TOKEN]
  --scrape-token TOKEN        bearer token required to scrape [GROQMETER_EXPORTER_SCRAPE_TOKEN]
  --max-body-bytes N          largest push body, default 4194304 [GROQMETER_EXPORTER_MAX_BODY_BYTES]
  --series-cap N              series per metric, default 10000 [GROQMETER_EXPORTER_SERIES_CAP]
  --max-families N            metric families, default 2000 [GROQMETER_EXPORTER_MAX_FAMILIES]
  --max-streams-per-series N  senders and start times per series, default 1024 [GROQMETER_EXPORTER_MAX_STREAMS_PER_SERIES]
  --max-label-value-length N  characters of a label value, default 2048 [GROQMETER_EXPORTER_MAX_LABEL_VALUE_LENGTH]
  --max-labels-per-point N    attributes of a point, default 64 [GROQMETER_EXPORTER_MAX_LABELS_PER_POINT]
  --max-exposition-bytes N    estimated size of /metrics, default 67108864 [GROQMETER_EXPORTER_MAX_EXPOSITION_BYTES]
  --max-in-flight-body-bytes N  push bodies in flight together, default 2 x --max-body-bytes [GROQMETER_EXPORTER_MAX_IN_FLIGHT_BODY_BYTES]
  --stale-after SECONDS       expire silent senders, default 900 [GROQMETER_EXPORTER_STALE_AFTER]
  --log-level LEVEL           debug|info|warn|error|silent, default info [GROQMETER_EXPORTER_LOG_LEVEL]
  --groq-base-url URL         Groq API (model catalogue, batches), default https://api.groq.com; .../openai/v1 accepted [GROQ_BASE_URL]
  --catalogue-interval SECONDS  model catalogue poll interval, default 900 [GROQMETER_EXPORTER_CATALOGUE_INTERVAL]
  --ledger-db DATABASE        usage ledger for POST /v1/traces: sqlite:PATH or postgres://USER:PASSWORD@HOST:PORT/DB [GROQMETER_LEDGER_DB]
  --groq-batches              meter finished Groq batches (needs GROQ_API_KEY) [GROQMETER_EXPORTER_GROQ_BATCHES]
  --groq-batches-state FILE   state file of metered batch ids, required with --groq-batches [GROQMETER_EXPORTER_GROQ_BATCHES_STATE]
  --groq-batches-interval SECONDS  batch poll interval, default 300 [GROQMETER_EXPORTER_GROQ_BATCHES_INTERVAL]
  --prometheus-url URL        the pages chart from this Prometheus with the dashboards' PromQL;
                              without it, from a bounded in-memory history [GROQMETER_EXPORTER_PROMETHEUS_URL]
  --pages-ledger              list the ledger's recent operations (user ids included) on the pages;
                              needs --ledger-db [GROQMETER_EXPORTER_PAGES_LEDGER]
  --help, --version

The model catalogue (groq_model_info) is polled only when GROQ_API_KEY is set.
`;

void runServiceCli({
  program: 'groqmeter-exporter',
  version: packageJson.version,
  usage: USAGE,
  loadConfig: loadExporterConfig,
  start: startExporter,
  explainFailure: (error) => {
    if (
      error instanceof ExporterConfigError ||
      error instanceof BudgetsFileError ||
      error instanceof BudgetStateFileError
    )
      return error.message;
    // By name: the ledger module is loaded only when --ledger-db is set.
    if (error instanceof Error && error.name === 'LedgerOpenError') return `--ledger-db: ${error.message}`;
    return undefined;
  },
});
