import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { budgetFromShorthand } from '../budgets/budget-shorthand.js';
import {
  type Budget,
  DEFAULT_EXPORTER_CONFIG,
  type ExporterConfig,
  type LogLevel,
} from './exporter-config.js';
import { parseBudget, readBudget } from './parse-budget.js';

/** A configuration the exporter cannot start with; the message names the setting and its source. */
export class ExporterConfigError extends Error {
  override readonly name = 'ExporterConfigError';
}

type ScalarKey = Exclude<keyof ExporterConfig, 'budgets' | 'groqApiKey'>;

/** One setting: its flag, environment variable and config-file key, and how to read a value. */
interface Setting<K extends ScalarKey> {
  key: K;
  flag: string;
  env: string;
  /** Returns the value, or throws an Error whose message says what is expected. */
  read(value: unknown): ExporterConfig[K];
}

const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error', 'silent'];

const SETTINGS: { [K in ScalarKey]: Setting<K> } = {
  host: { key: 'host', flag: 'host', env: 'GROQMETER_EXPORTER_HOST', read: readNonEmpty },
  otlpPort: { key: 'otlpPort', flag: 'otlp-port', env: 'GROQMETER_EXPORTER_OTLP_PORT', read: readPort },
  metricsPort: {
    key: 'metricsPort',
    flag: 'metrics-port',
    env: 'GROQMETER_EXPORTER_METRICS_PORT',
    read: readPort,
  },
  priceFile: {
    key: 'priceFile',
    flag: 'price-file',
    env: 'GROQMETER_EXPORTER_PRICE_FILE',
    read: readNonEmpty,
  },
  budgetsFile: {
    key: 'budgetsFile',
    flag: 'budgets',
    env: 'GROQMETER_EXPORTER_BUDGETS_FILE',
    read: readNonEmpty,
  },
  reprice: { key: 'reprice', flag: 'reprice', env: 'GROQMETER_EXPORTER_REPRICE', read: readBoolean },
  token: { key: 'token', flag: 'token', env: 'GROQMETER_EXPORTER_TOKEN', read: readNonEmpty },
  scrapeToken: {
    key: 'scrapeToken',
    flag: 'scrape-token',
    env: 'GROQMETER_EXPORTER_SCRAPE_TOKEN',
    read: readNonEmpty,
  },
  maxBodyBytes: {
    key: 'maxBodyBytes',
    flag: 'max-body-bytes',
    env: 'GROQMETER_EXPORTER_MAX_BODY_BYTES',
    read: readPositiveInteger,
  },
  seriesCap: {
    key: 'seriesCap',
    flag: 'series-cap',
    env: 'GROQMETER_EXPORTER_SERIES_CAP',
    read: readPositiveInteger,
  },
  maxFamilies: {
    key: 'maxFamilies',
    flag: 'max-families',
    env: 'GROQMETER_EXPORTER_MAX_FAMILIES',
    read: readPositiveInteger,
  },
  maxStreamsPerSeries: {
    key: 'maxStreamsPerSeries',
    flag: 'max-streams-per-series',
    env: 'GROQMETER_EXPORTER_MAX_STREAMS_PER_SERIES',
    read: readPositiveInteger,
  },
  maxLabelValueLength: {
    key: 'maxLabelValueLength',
    flag: 'max-label-value-length',
    env: 'GROQMETER_EXPORTER_MAX_LABEL_VALUE_LENGTH',
    read: readPositiveInteger,
  },
  maxLabelsPerPoint: {
    key: 'maxLabelsPerPoint',
    flag: 'max-labels-per-point',
    env: 'GROQMETER_EXPORTER_MAX_LABELS_PER_POINT',
    read: readPositiveInteger,
  },
  maxExpositionBytes: {
    key: 'maxExpositionBytes',
    flag: 'max-exposition-bytes',
    env: 'GROQMETER_EXPORTER_MAX_EXPOSITION_BYTES',
    read: readPositiveInteger,
  },
  maxInFlightBodyBytes: {
    key: 'maxInFlightBodyBytes',
    flag: 'max-in-flight-body-bytes',
    env: 'GROQMETER_EXPORTER_MAX_IN_FLIGHT_BODY_BYTES',
    read: readPositiveInteger,
  },
  staleAfterSeconds: {
    key: 'staleAfterSeconds',
    flag: 'stale-after',
    env: 'GROQMETER_EXPORTER_STALE_AFTER',
    read: readPositiveNumber,
  },
  logLevel: { key: 'logLevel', flag: 'log-level', env: 'GROQMETER_EXPORTER_LOG_LEVEL', read: readLogLevel },
  groqBaseUrl: {
    key: 'groqBaseUrl',
    flag: 'groq-base-url',
    env: 'GROQ_BASE_URL',
    read: (value) => groqApiRoot(readHttpUrl(value, 'https://api.groq.com')),
  },
  catalogueIntervalSeconds: {
    key: 'catalogueIntervalSeconds',
    flag: 'catalogue-interval',
    env: 'GROQMETER_EXPORTER_CATALOGUE_INTERVAL',
    read: readPositiveNumber,
  },
  ledgerDb: { key: 'ledgerDb', flag: 'ledger-db', env: 'GROQMETER_LEDGER_DB', read: readNonEmpty },
  groqBatches: {
    key: 'groqBatches',
    flag: 'groq-batches',
    env: 'GROQMETER_EXPORTER_GROQ_BATCHES',
    read: readBoolean,
  },
  groqBatchesState: {
    key: 'groqBatchesState',
    flag: 'groq-batches-state',
    env: 'GROQMETER_EXPORTER_GROQ_BATCHES_STATE',
    read: readNonEmpty,
  },
  groqBatchesIntervalSeconds: {
    key: 'groqBatchesIntervalSeconds',
    flag: 'groq-batches-interval',
    env: 'GROQMETER_EXPORTER_GROQ_BATCHES_INTERVAL',
    read: readPositiveNumber,
  },
  prometheusUrl: {
    key: 'prometheusUrl',
    flag: 'prometheus-url',
    env: 'GROQMETER_EXPORTER_PROMETHEUS_URL',
    read: (value) => readHttpUrl(value, 'http://127.0.0.1:9090'),
  },
  pagesLedger: {
    key: 'pagesLedger',
    flag: 'pages-ledger',
    env: 'GROQMETER_EXPORTER_PAGES_LEDGER',
    read: readBoolean,
  },
};

/** Settings given as a flag without a value (`--reprice`, `--groq-batches`). */
const BOOLEAN_KEYS: ReadonlySet<ScalarKey> = new Set<ScalarKey>(['reprice', 'groqBatches', 'pagesLedger']);

const BUDGET_FLAG = 'budget';
const BUDGETS_ENV = 'GROQMETER_EXPORTER_BUDGETS';
const CONFIG_FLAG = 'config';
const CONFIG_ENV = 'GROQMETER_EXPORTER_CONFIG';
const API_KEY_ENV = 'GROQ_API_KEY';

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
  const flags = parseFlags(argv);
  const configPath = stringFlag(flags, CONFIG_FLAG) ?? nonEmpty(env[CONFIG_ENV]);
  const file: ConfigFile = configPath === undefined ? { values: {} } : readConfigFile(configPath);
  const config: ExporterConfig = { ...DEFAULT_EXPORTER_CONFIG, budgets: [] };
  const fromFile = new Set<ScalarKey>();
  const assign = <K extends ScalarKey>(setting: Setting<K>): void => {
    const flagValue = flags[setting.flag];
    const envValue = nonEmpty(env[setting.env]);
    const fileValue = file.values[setting.key];
    if (flagValue !== undefined) {
      config[setting.key] = readFrom(setting, flagValue, `--${setting.flag}`);
    } else if (envValue !== undefined) {
      config[setting.key] = readFrom(setting, envValue, setting.env);
    } else if (fileValue !== undefined && file.path !== undefined) {
      config[setting.key] = readFrom(setting, fileValue, `"${setting.key}" in ${file.path}`);
      fromFile.add(setting.key);
    }
  };
  for (const setting of Object.values(SETTINGS)) assign(setting as Setting<ScalarKey>);
  if (config.priceFile !== undefined && fromFile.has('priceFile') && file.path !== undefined) {
    // A price file named in the config file is relative to the config file.
    config.priceFile = resolve(dirname(file.path), config.priceFile);
  }
  if (config.budgetsFile !== undefined && fromFile.has('budgetsFile') && file.path !== undefined) {
    config.budgetsFile = resolve(dirname(file.path), config.budgetsFile);
  }
  config.budgets = readBudgets(flags, env, file);
  const apiKey = nonEmpty(env[API_KEY_ENV]);
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

type FlagValues = Record<string, string | boolean | string[] | undefined>;

function parseFlags(argv: readonly string[]): FlagValues {
  const options: Record<string, { type: 'string' | 'boolean'; multiple?: boolean }> = {
    [CONFIG_FLAG]: { type: 'string' },
    [BUDGET_FLAG]: { type: 'string', multiple: true },
  };
  for (const setting of Object.values(SETTINGS)) {
    options[setting.flag] = { type: BOOLEAN_KEYS.has(setting.key) ? 'boolean' : 'string' };
  }
  try {
    return parseArgs({ args: [...argv], options, strict: true, allowPositionals: false })
      .values as FlagValues;
  } catch (error) {
    throw new ExporterConfigError(
      `${(error as Error).message}. Run groqmeter-exporter --help for the list of flags.`,
    );
  }
}

function stringFlag(flags: FlagValues, name: string): string | undefined {
  const value = flags[name];
  return typeof value === 'string' ? value : undefined;
}

interface ConfigFile {
  path?: string;
  values: Record<string, unknown>;
}

const FILE_KEYS = new Set<string>([...Object.keys(SETTINGS), 'budgets']);

function readConfigFile(path: string): ConfigFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ExporterConfigError(
      `cannot read the config file ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); check the path given to --config or ${CONFIG_ENV}`,
    );
  }
  let values: unknown;
  try {
    values = JSON.parse(text);
  } catch (error) {
    throw new ExporterConfigError(`the config file ${path} is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof values !== 'object' || values === null || Array.isArray(values)) {
    throw new ExporterConfigError(`the config file ${path} must hold a JSON object of settings`);
  }
  const unknown = Object.keys(values).filter((key) => !FILE_KEYS.has(key));
  if (unknown.length > 0) {
    throw new ExporterConfigError(
      `the config file ${path} has unknown setting ${unknown.map((key) => JSON.stringify(key)).join(', ')}; known settings are ${[...FILE_KEYS].join(', ')}`,
    );
  }
  return { path, values: values as Record<string, unknown> };
}

function readBudgets(
  flags: FlagValues,
  env: Readonly<Record<string, string | undefined>>,
  file: ConfigFile,
): Budget[] {
  const fromFlags = flags[BUDGET_FLAG];
  if (Array.isArray(fromFlags))
    return fromFlags.map((text) => budgetFrom(() => parseBudget(text), `--budget`));
  const fromEnv = nonEmpty(env[BUDGETS_ENV]);
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

function readFrom<K extends ScalarKey>(
  setting: Setting<K>,
  value: unknown,
  source: string,
): ExporterConfig[K] {
  try {
    return setting.read(value);
  } catch (error) {
    throw new ExporterConfigError(`${source}: ${(error as Error).message}`);
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

function readNonEmpty(value: unknown): string {
  if (typeof value !== 'string' || value === '') throw new Error('expected a non-empty string');
  return value;
}

function readNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '') return Number(value);
  return Number.NaN;
}

function readPort(value: unknown): number {
  const port = readNumber(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`expected a port number from 0 to 65535, got ${JSON.stringify(value)}`);
  }
  return port;
}

function readPositiveInteger(value: unknown): number {
  const number = readNumber(value);
  if (!Number.isSafeInteger(number) || number < 1) {
    throw new Error(`expected a whole number of at least 1, got ${JSON.stringify(value)}`);
  }
  return number;
}

function readPositiveNumber(value: unknown): number {
  const number = readNumber(value);
  if (!Number.isFinite(number) || number <= 0) {
    throw new Error(`expected a number of seconds above 0, got ${JSON.stringify(value)}`);
  }
  return number;
}

function readBoolean(value: unknown): boolean {
  if (value === true || value === 'true' || value === '1') return true;
  if (value === false || value === 'false' || value === '0') return false;
  throw new Error(`expected true or false, got ${JSON.stringify(value)}`);
}

function readLogLevel(value: unknown): LogLevel {
  const level = LOG_LEVELS.find((known) => known === value);
  if (!level) throw new Error(`expected one of ${LOG_LEVELS.join(', ')}, got ${JSON.stringify(value)}`);
  return level;
}

function readHttpUrl(value: unknown, example: string): string {
  const text = readNonEmpty(value);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`expected an http(s) URL such as ${example}, got ${JSON.stringify(text)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`expected an http(s) URL such as ${example}, got ${JSON.stringify(text)}`);
  }
  return text;
}

/**
 * The Groq API root as groq-sdk's `baseURL` (`https://api.groq.com`). Groq's docs give the
 * OpenAI-compatible base URL (`…/openai/v1`), which is accepted too: the exporter adds that part.
 */
export function groqApiRoot(url: string): string {
  return url.replace(/\/+$/, '').replace(/\/openai\/v1$/, '');
}
