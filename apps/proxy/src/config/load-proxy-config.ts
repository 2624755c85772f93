import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DEFAULT_PROXY_CONFIG, type LogLevel, type ProxyConfig } from './proxy-config.js';

/** A configuration the proxy cannot start with; the message names the setting and where it came from. */
export class ProxyConfigError extends Error {
  override readonly name = 'ProxyConfigError';
}

type Key = keyof ProxyConfig;

/** One setting: its flag, environment variable (the config-file key is its name) and reader. */
interface Setting<K extends Key> {
  flag: string;
  env: string;
  /** Whether the flag takes no value (`--key-label`). */
  boolean?: true;
  /** Returns the value, or throws an Error saying what is expected. */
  read(value: unknown): ProxyConfig[K];
}

const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error', 'silent'];

/** Every setting, by config key. The flag and variable names are the documented ones (README, --help). */
export const PROXY_SETTINGS: { [K in Key]-?: Setting<K> } = {
  host: { flag: 'host', env: 'GROQMETER_PROXY_HOST', read: readNonEmpty },
  port: { flag: 'port', env: 'GROQMETER_PROXY_PORT', read: readPort },
  upstream: { flag: 'upstream', env: 'GROQMETER_PROXY_UPSTREAM', read: readUpstream },
  proxyToken: { flag: 'proxy-token', env: 'GROQMETER_PROXY_TOKEN', read: readNonEmpty },
  maxBodyBytes: { flag: 'max-body-bytes', env: 'GROQMETER_PROXY_MAX_BODY_BYTES', read: readPositiveInteger },
  keyLabel: { flag: 'key-label', env: 'GROQMETER_PROXY_KEY_LABEL', boolean: true, read: readBoolean },
  keyLabelSecret: { flag: 'key-label-secret', env: 'GROQMETER_PROXY_KEY_LABEL_SECRET', read: readNonEmpty },
  labelAttributes: { flag: 'label-attributes', env: 'GROQMETER_PROXY_LABEL_ATTRIBUTES', read: readList },
  seriesCap: { flag: 'series-cap', env: 'GROQMETER_PROXY_SERIES_CAP', read: readPositiveInteger },
  captureMessageContent: {
    flag: 'capture-message-content',
    env: 'GROQMETER_PROXY_CAPTURE_MESSAGE_CONTENT',
    boolean: true,
    read: readBoolean,
  },
  ledgerDb: { flag: 'ledger-db', env: 'GROQMETER_LEDGER_DB', read: readNonEmpty },
  shutdownTimeoutSeconds: {
    flag: 'shutdown-timeout',
    env: 'GROQMETER_PROXY_SHUTDOWN_TIMEOUT',
    read: readPositiveNumber,
  },
  upstreamTimeoutSeconds: {
    flag: 'upstream-timeout',
    env: 'GROQMETER_PROXY_UPSTREAM_TIMEOUT',
    read: readPositiveNumber,
  },
  logLevel: { flag: 'log-level', env: 'GROQMETER_PROXY_LOG_LEVEL', read: readLogLevel },
  budgetsFile: { flag: 'budgets', env: 'GROQMETER_PROXY_BUDGETS_FILE', read: readNonEmpty },
  budgetsExporterUrl: {
    flag: 'budgets-exporter-url',
    env: 'GROQMETER_PROXY_BUDGETS_EXPORTER_URL',
    read: readHttpUrl,
  },
};

const CONFIG_FLAG = 'config';
const CONFIG_ENV = 'GROQMETER_PROXY_CONFIG';

/**
 * Builds the proxy configuration from command-line flags, environment variables and a JSON config
 * file (`--config FILE` or `GROQMETER_PROXY_CONFIG`), in that order of precedence, over
 * {@link DEFAULT_PROXY_CONFIG}.
 *
 * @param argv the arguments after the program name (`process.argv.slice(2)`).
 * @param env the environment (`process.env`).
 * @throws {ProxyConfigError} for an unknown flag or config key, or a value of the wrong form.
 */
export function loadProxyConfig(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): ProxyConfig {
  const flags = parseFlags(argv);
  const configFlag = flags[CONFIG_FLAG];
  const configPath = typeof configFlag === 'string' ? configFlag : nonEmpty(env[CONFIG_ENV]);
  const file = configPath === undefined ? {} : readConfigFile(configPath);
  const config: ProxyConfig = {
    ...DEFAULT_PROXY_CONFIG,
    labelAttributes: [...DEFAULT_PROXY_CONFIG.labelAttributes],
  };
  for (const key of Object.keys(PROXY_SETTINGS) as Key[]) {
    const setting = PROXY_SETTINGS[key] as Setting<Key>;
    const sources: [unknown, string][] = [
      [flags[setting.flag], `--${setting.flag}`],
      [nonEmpty(env[setting.env]), setting.env],
      [file[key], `"${key}" in ${configPath}`],
    ];
    const found = sources.find(([value]) => value !== undefined);
    if (found === undefined) continue;
    try {
      (config as unknown as Record<Key, unknown>)[key] = setting.read(found[0]);
    } catch (error) {
      throw new ProxyConfigError(`${found[1]}: ${(error as Error).message}`);
    }
  }
  return config;
}

function parseFlags(argv: readonly string[]): Record<string, string | boolean | undefined> {
  const options: Record<string, { type: 'string' | 'boolean' }> = { [CONFIG_FLAG]: { type: 'string' } };
  for (const setting of Object.values(PROXY_SETTINGS)) {
    options[setting.flag] = { type: 'boolean' in setting ? 'boolean' : 'string' };
  }
  try {
    return parseArgs({ args: [...argv], options, strict: true, allowPositionals: false }).values as Record<
      string,
      string | boolean | undefined
    >;
  } catch (error) {
    throw new ProxyConfigError(
      `${(error as Error).message}. Run groqmeter-proxy --help for the list of flags.`,
    );
  }
}

function readConfigFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ProxyConfigError(
      `cannot read the config file ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); check the path given to --config or ${CONFIG_ENV}`,
    );
  }
  let values: unknown;
  try {
    values = JSON.parse(text);
  } catch (error) {
    throw new ProxyConfigError(`the config file ${path} is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof values !== 'object' || values === null || Array.isArray(values)) {
    throw new ProxyConfigError(`the config file ${path} must hold a JSON object of settings`);
  }
  const known = Object.keys(PROXY_SETTINGS);
  const unknown = Object.keys(values).filter((key) => !known.includes(key));
  if (unknown.length > 0) {
    throw new ProxyConfigError(
      `the config file ${path} has unknown setting ${unknown.map((key) => JSON.stringify(key)).join(', ')}; known settings are ${known.join(', ')}`,
    );
  }
  return values as Record<string, unknown>;
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

function readList(value: unknown): string[] {
  const items = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : undefined;
  if (items === undefined || !items.every((item) => typeof item === 'string')) {
    throw new Error(`expected a comma-separated list of attribution keys, got ${JSON.stringify(value)}`);
  }
  return items.map((item) => item.trim()).filter((item) => item !== '');
}

function readHttpUrl(value: unknown): string {
  const text = readNonEmpty(value);
  if (!/^https?:\/\/[^/]/.test(text) || !URL.canParse(text)) {
    throw new Error(
      `expected an http(s) URL such as http://127.0.0.1:9464/metrics, got ${JSON.stringify(text)}`,
    );
  }
  return text;
}

function readLogLevel(value: unknown): LogLevel {
  const level = LOG_LEVELS.find((known) => known === value);
  if (!level) throw new Error(`expected one of ${LOG_LEVELS.join(', ')}, got ${JSON.stringify(value)}`);
  return level;
}

function readUpstream(value: unknown): string {
  const text = readNonEmpty(value);
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.search !== '') {
    throw new Error(
      `expected an http(s) base URL such as https://api.groq.com/openai/v1, got ${JSON.stringify(text)}`,
    );
  }
  return text.replace(/\/+$/, '');
}
