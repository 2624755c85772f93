import { dirname, resolve } from 'node:path';
import {
  type ConfigFile,
  envValue,
  type FlagValues,
  loadSettings,
  readBoolean,
  readHttpUrl,
  readLogLevel,
  readNonEmptyString,
  readPort,
  readPositiveInteger,
  readSeconds,
  type Setting,
  type SettingsSpec,
} from '@groqmeter/service-kit';
import { budgetFromShorthand } from '../budgets/budget-shorthand.js';
import { type Budget, DEFAULT_EXPORTER_CONFIG, type ExporterConfig } from './exporter-config.js';
import { parseBudget, readBudget } from './parse-budget.js';

/** A configuration the exporter cannot start with; the message names the setting and its source. */
export class ExporterConfigError extends Error {
  override readonly name = 'ExporterConfigError';
}

type ScalarKey = Exclude<keyof ExporterConfig, 'budgets' | 'groqApiKey'>;

/** Every setting but the budget list and the API key: its flag and variable (the config-file key is its key here). */
const SETTINGS: { [K in ScalarKey]: Setting<ExporterConfig[K]> } = {
  host: { flag: 'host', env: 'GROQMETER_EXPORTER_HOST', read: readNonEmptyString },
  otlpPort: { flag: 'otlp-port', env: 'GROQMETER_EXPORTER_OTLP_PORT', read: readPort },
  metricsPort: {
    flag: 'metrics-port',
    env: 'GROQMETER_EXPORTER_METRICS_PORT',
    read: readPort,
  },
  priceFile: {
    flag: 'price-file',
    env: 'GROQMETER_EXPORTER_PRICE_FILE',
    read: readNonEmptyString,
  },
  budgetsFile: {
    flag: 'budgets',
    env: 'GROQMETER_EXPORTER_BUDGETS_FILE',
    read: readNonEmptyString,
  },
  reprice: { flag: 'reprice', env: 'GROQMETER_EXPORTER_REPRICE', boolean: true, read: readBoolean },
  token: { flag: 'token', env: 'GROQMETER_EXPORTER_TOKEN', read: readNonEmptyString },
  scrapeToken: {
    flag: 'scrape-token',
    env: 'GROQMETER_EXPORTER_SCRAPE_TOKEN',
    read: readNonEmptyString,
  },
  maxBodyBytes: {
    flag: 'max-body-bytes',
    env: 'GROQMETER_EXPORTER_MAX_BODY_BYTES',
    read: readPositiveInteger,
  },
  seriesCap: {
    flag: 'series-cap',
    env: 'GROQMETER_EXPORTER_SERIES_CAP',
    read: readPositiveInteger,
  },
  maxFamilies: {
    flag: 'max-families',
    env: 'GROQMETER_EXPORTER_MAX_FAMILIES',
    read: readPositiveInteger,
  },
  maxStreamsPerSeries: {
    flag: 'max-streams-per-series',
    env: 'GROQMETER_EXPORTER_MAX_STREAMS_PER_SERIES',
    read: readPositiveInteger,
  },
  maxLabelValueLength: {
    flag: 'max-label-value-length',
    env: 'GROQMETER_EXPORTER_MAX_LABEL_VALUE_LENGTH',
    read: readPositiveInteger,
  },
  maxLabelsPerPoint: {
    flag: 'max-labels-per-point',
    env: 'GROQMETER_EXPORTER_MAX_LABELS_PER_POINT',
    read: readPositiveInteger,
  },
  maxExpositionBytes: {
    flag: 'max-exposition-bytes',
    env: 'GROQMETER_EXPORTER_MAX_EXPOSITION_BYTES',
    read: readPositiveInteger,
  },
  maxInFlightBodyBytes: {
    flag: 'max-in-flight-body-bytes',
    env: 'GROQMETER_EXPORTER_MAX_IN_FLIGHT_BODY_BYTES',
    read: readPositiveInteger,
  },
  staleAfterSeconds: {
    flag: 'stale-after',
    env: 'GROQMETER_EXPORTER_STALE_AFTER',
    read: readSeconds,
  },
  logLevel: { flag: 'log-level', env: 'GROQMETER_EXPORTER_LOG_LEVEL', read: readLogLevel },
  groqBaseUrl: {
    flag: 'groq-base-url',
    env: 'GROQ_BASE_URL',
    read: (value) => groqApiRoot(readHttpUrl(value, 'https://api.groq.com')),
  },
  catalogueIntervalSeconds: {
    flag: 'catalogue-interval',
    env: 'GROQMETER_EXPORTER_CATALOGUE_INTERVAL',
    read: readSeconds,
  },
  ledgerDb: { flag: 'ledger-db', env: 'GROQMETER_LEDGER_DB', read: readNonEmptyString },
  groqBatches: {
    flag: 'groq-batches',
    env: 'GROQMETER_EXPORTER_GROQ_BATCHES',
    boolean: true,
    read: readBoolean,
  },
  budgetsState: {
    flag: 'budgets-state',
    env: 'GROQMETER_EXPORTER_BUDGETS_STATE',
    read: readNonEmptyString,
  },
  groqBatchesState: {
    flag: 'groq-batches-state',
    env: 'GROQMETER_EXPORTER_GROQ_BATCHES_STATE',
    read: readNonEmptyString,
  },
  groqBatchesIntervalSeconds: {
    flag: 'groq-batches-interval',
    env: 'GROQMETER_EXPORTER_GROQ_BATCHES_INTERVAL',
    read: readSeconds,
  },
  prometheusUrl: {
    flag: 'prometheus-url',
    env: 'GROQMETER_EXPORTER_PROMETHEUS_URL',
    read: (value) => readHttpUrl(value, 'http://127.0.0.1:9090'),
  },
  pagesLedger: {
    flag: 'pages-ledger',
    env: 'GROQMETER_EXPORTER_PAGES_LEDGER',
    boolean: true,
    read: readBoolean,
  },
};

const BUDGET_FLAG = 'budget';
const BUDGETS_ENV = 'GROQMETER_EXPORTER_BUDGETS';
const API_KEY_ENV = 'GROQ_API_KEY';

/** The settings, the `--budget` list (repeatable) and the `budgets` config-file key besides them. */
const SPEC: SettingsSpec<Pick<ExporterConfig, ScalarKey>> = {
  program: 'groqmeter-exporter',
  settings: SETTINGS,
  configEnv: 'GROQMETER_EXPORTER_CONFIG',
  extraFlags: { [BUDGET_FLAG]: { type: 'string', multiple: true } },
  extraFileKeys: ['budgets'],
  configError: ExporterConfigError,
};

/**
 * Builds the exporter configuration from command-line flags, environment variables and a JSON
 * config file (`--config FILE` or `GROQMETER_EXPORTER_CONFIG`), in that order of precedence, over
 * {@link DEFAULT_EXPORTER_CONFIG}. A list (`--budget`) from a stronger source replaces the whole
 * list of a weaker one. `GROQ_API_KEY` is read from the environment only.
 *
 * @param argv the arguments after the program name (`process.argv.slice(2)`).
 * @param env the environment (`process.env`).
 * @throws {ExporterConfigError} for an unknown flag or config key, or a value of the wrong form.
 */
export function loadExporterConfig(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): ExporterConfig {
  const { values, fromFile, flags, file } = loadSettings(SPEC, argv, env);
  const config: ExporterConfig = { ...DEFAULT_EXPORTER_CONFIG, budgets: [], ...values };
  if (config.priceFile !== undefined && fromFile.has('priceFile') && file.path !== undefined) {
    // A price file named in the config file is relative to the config file.
    config.priceFile = resolve(dirname(file.path), config.priceFile);
  }
  if (config.budgetsFile !== undefined && fromFile.has('budgetsFile') && file.path !== undefined) {
    config.budgetsFile = resolve(dirname(file.path), config.budgetsFile);
  }
  if (config.budgetsState !== undefined && fromFile.has('budgetsState') && file.path !== undefined) {
    config.budgetsState = resolve(dirname(file.path), config.budgetsState);
  }
  config.budgets = readBudgets(flags, env, file);
  const apiKey = envValue(env, API_KEY_ENV);
  if (apiKey !== undefined) config.groqApiKey = apiKey;
  checkBatchConfig(config);
  return config;
}

/**
 * Refuses a batch reconciler that cannot run: without a key it cannot poll, and without a state
 * file a restart would meter every listed batch again.
 *
 * @throws {ExporterConfigError} naming the missing setting (never the key itself).
 */
export function checkBatchConfig(config: Readonly<ExporterConfig>): void {
  if (!config.groqBatches) return;
  if (config.groqApiKey === undefined) {
    throw new ExporterConfigError(
      `--groq-batches needs a Groq API key to list batches: set ${API_KEY_ENV} (groqApiKey programmatically)`,
    );
  }
  if (config.groqBatchesState === undefined) {
    throw new ExporterConfigError(
      '--groq-batches needs --groq-batches-state FILE (or GROQMETER_EXPORTER_GROQ_BATCHES_STATE): the file of metered batch ids that keeps a restart from metering a batch twice',
    );
  }
}

function readBudgets(
  flags: FlagValues,
  env: Readonly<Record<string, string | undefined>>,
  file: ConfigFile,
): Budget[] {
  const fromFlags = flags[BUDGET_FLAG];
  if (Array.isArray(fromFlags))
    return fromFlags.map((text) => budgetFrom(() => parseBudget(text), `--budget`));
  const fromEnv = envValue(env, BUDGETS_ENV);
  if (fromEnv !== undefined) {
    return fromEnv
      .split(',')
      .map((text) => text.trim())
      .filter((text) => text !== '')
      .map((text) => budgetFrom(() => parseBudget(text), BUDGETS_ENV));
  }
  const fromFile = file.values.budgets;
  if (fromFile === undefined) return [];
  if (!Array.isArray(fromFile)) {
    throw new ExporterConfigError(`"budgets" in ${file.path} must be a list of budgets`);
  }
  return fromFile.map((value) => budgetFrom(() => readBudget(value), `"budgets" in ${file.path}`));
}

function budgetFrom(read: () => Budget, source: string): Budget {
  try {
    const budget = read();
    // Refused here rather than when the exporter starts: a scope that names no label meters nothing.
    budgetFromShorthand(budget);
    return budget;
  } catch (error) {
    throw new ExporterConfigError(`${source}: ${(error as Error).message}`);
  }
}

/**
 * The Groq API root as groq-sdk's `baseURL` (`https://api.groq.com`). Groq's docs give the
 * OpenAI-compatible base URL (`…/openai/v1`), which is accepted too: the exporter adds that part.
 */
export function groqApiRoot(url: string): string {
  return url.replace(/\/+$/, '').replace(/\/openai\/v1$/, '');
}
