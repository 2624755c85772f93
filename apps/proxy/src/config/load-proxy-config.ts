import {
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
import { DEFAULT_PROXY_CONFIG, type ProxyConfig } from './proxy-config.js';

/** A configuration the proxy cannot start with; the message names the setting and where it came from. */
export class ProxyConfigError extends Error {
  override readonly name = 'ProxyConfigError';
}

type Key = keyof ProxyConfig;

/** Every setting, by config key. The flag and variable names are the documented ones (README, --help). */
export const PROXY_SETTINGS: { [K in Key]-?: Setting<ProxyConfig[K]> } = {
  host: { flag: 'host', env: 'GROQMETER_PROXY_HOST', read: readNonEmptyString },
  port: { flag: 'port', env: 'GROQMETER_PROXY_PORT', read: readPort },
  upstream: { flag: 'upstream', env: 'GROQMETER_PROXY_UPSTREAM', read: readUpstream },
  proxyToken: { flag: 'proxy-token', env: 'GROQMETER_PROXY_TOKEN', read: readNonEmptyString },
  maxBodyBytes: { flag: 'max-body-bytes', env: 'GROQMETER_PROXY_MAX_BODY_BYTES', read: readPositiveInteger },
  keyLabel: { flag: 'key-label', env: 'GROQMETER_PROXY_KEY_LABEL', boolean: true, read: readBoolean },
  keyLabelSecret: {
    flag: 'key-label-secret',
    env: 'GROQMETER_PROXY_KEY_LABEL_SECRET',
    read: readNonEmptyString,
  },
  labelAttributes: { flag: 'label-attributes', env: 'GROQMETER_PROXY_LABEL_ATTRIBUTES', read: readList },
  seriesCap: { flag: 'series-cap', env: 'GROQMETER_PROXY_SERIES_CAP', read: readPositiveInteger },
  captureMessageContent: {
    flag: 'capture-message-content',
    env: 'GROQMETER_PROXY_CAPTURE_MESSAGE_CONTENT',
    boolean: true,
    read: readBoolean,
  },
  ledgerDb: { flag: 'ledger-db', env: 'GROQMETER_LEDGER_DB', read: readNonEmptyString },
  shutdownTimeoutSeconds: {
    flag: 'shutdown-timeout',
    env: 'GROQMETER_PROXY_SHUTDOWN_TIMEOUT',
    read: readSeconds,
  },
  upstreamTimeoutSeconds: {
    flag: 'upstream-timeout',
    env: 'GROQMETER_PROXY_UPSTREAM_TIMEOUT',
    read: readSeconds,
  },
  logLevel: { flag: 'log-level', env: 'GROQMETER_PROXY_LOG_LEVEL', read: readLogLevel },
  budgetsFile: { flag: 'budgets', env: 'GROQMETER_PROXY_BUDGETS_FILE', read: readNonEmptyString },
  budgetsExporterUrl: {
    flag: 'budgets-exporter-url',
    env: 'GROQMETER_PROXY_BUDGETS_EXPORTER_URL',
    read: readExporterUrl,
  },
};

const SPEC: SettingsSpec<ProxyConfig> = {
  program: 'groqmeter-proxy',
  settings: PROXY_SETTINGS,
  configEnv: 'GROQMETER_PROXY_CONFIG',
  configError: ProxyConfigError,
};

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
  const { values } = loadSettings(SPEC, argv, env);
  return { ...DEFAULT_PROXY_CONFIG, labelAttributes: [...DEFAULT_PROXY_CONFIG.labelAttributes], ...values };
}

function readList(value: unknown): string[] {
  const items = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : undefined;
  if (items === undefined || !items.every((item) => typeof item === 'string')) {
    throw new Error(`expected a comma-separated list of attribution keys, got ${JSON.stringify(value)}`);
  }
  return items.map((item) => item.trim()).filter((item) => item !== '');
}

const EXPORTER_URL_EXAMPLE = 'http://127.0.0.1:9464/metrics';

function readExporterUrl(value: unknown): string {
  const text = readHttpUrl(value, EXPORTER_URL_EXAMPLE);
  // Stricter than a URL parser, which takes `HTTP:host` or `http:/host` too: the scheme and host spelled out.
  if (!/^https?:\/\/[^/]/.test(text)) {
    throw new Error(`expected an http(s) URL such as ${EXPORTER_URL_EXAMPLE}, got ${JSON.stringify(text)}`);
  }
  return text;
}

function readUpstream(value: unknown): string {
  const text = readNonEmptyString(value);
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
