import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createRecorder,
  ENV_CAPTURE_MESSAGE_CONTENT,
  type GroqmeterMetricProducer,
  resolveCaptureMessageContent,
} from '@groqmeter/recorder';
import type { MeterProvider, TracerProvider } from '@opentelemetry/api';
import type { SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { type AdmissionHook, FORWARD_EVERYTHING } from './admission.js';
import { budgetAdmission, budgetRefusalCounter } from './budgets/budget-admission.js';
import { ProxyBudgets } from './budgets/proxy-budgets.js';
import { DEFAULT_PROXY_CONFIG, type ProxyConfig } from './config/proxy-config.js';
import { API_BASE_PATH, createProxyHandler } from './http/proxy-handler.js';
import { createUpstream } from './http/upstream.js';
import { createLogger } from './log/logger.js';
import { KEY_LABEL_ATTRIBUTE } from './telemetry/key-label.js';
import { createOtelProviders } from './telemetry/otel-providers.js';
import { PendingRecordings } from './telemetry/pending-recordings.js';
import { ProxySelfMetrics } from './telemetry/self-metrics.js';
import { PROXY_SCOPE_NAME, PROXY_VERSION } from './version.js';

/** Options of {@link startProxy}: any configuration setting, plus what only code can give. */
export interface ProxyOptions extends Partial<ProxyConfig> {
  /**
   * Where spans go. Default: the proxy's own provider, configured from `OTEL_*` (see the README),
   * with the ledger's span processor when `ledgerDb` is set.
   */
  tracerProvider?: TracerProvider;
  /** Where metrics go. Default: the proxy's own provider, pushing OTLP as `OTEL_*` say. */
  meterProvider?: MeterProvider;
  /**
   * With `meterProvider`: groqmeter's metric producer attached to its reader
   * (`createGroqmeterMetricProducer`), through which the recorder's metrics then go, with no SDK
   * instrument per recorded value. Without it they are recorded on `meterProvider`'s meter (the
   * recorder's fallback: the same points). The proxy's own provider always has one.
   */
  metricProducer?: GroqmeterMetricProducer;
  /** Decides per request whether it is forwarded or answered by the proxy (default: forward everything). */
  admit?: AdmissionHook;
  /** Where log lines go (default stderr). */
  writeLog?: (line: string) => void;
  /** The environment the `OTEL_*` settings are read from (default `process.env`). */
  env?: Readonly<Record<string, string | undefined>>;
}

/** A running proxy. */
export interface RunningProxy {
  /** `http://HOST:PORT`. */
  readonly url: string;
  /** The base URL for clients: `http://HOST:PORT/openai/v1`. */
  readonly baseURL: string;
  readonly port: number;
  /**
   * Stop: `/readyz` answers 503, no new connections are taken, requests in flight (streams
   * included) may finish within `shutdownTimeoutSeconds`, then the rest are cut; the telemetry is
   * flushed and the ledger closed.
   */
  close(): Promise<void>;
}

/**
 * Start the groqmeter proxy: every request under `/openai/v1` is forwarded to `upstream`
 * unchanged, and each Groq operation among them is recorded through the groqmeter recorder.
 *
 * @throws Error when the recorder options are invalid, the ledger cannot be opened or the port is taken.
 */
export async function startProxy(options: ProxyOptions = {}): Promise<RunningProxy> {
  const config: ProxyConfig = { ...DEFAULT_PROXY_CONFIG, ...definedSettings(options) };
  const env = options.env ?? process.env;
  const logger = createLogger(config.logLevel, options.writeLog);
  const ledger = config.ledgerDb === undefined ? undefined : await openLedgerProcessor(config.ledgerDb);
  const ownProviders =
    options.tracerProvider !== undefined && options.meterProvider !== undefined
      ? undefined
      : createOtelProviders(env, ledger === undefined ? [] : [ledger]);
  const tracerProvider = options.tracerProvider ?? (ownProviders?.tracerProvider as TracerProvider);
  const meterProvider = options.meterProvider ?? (ownProviders?.meterProvider as MeterProvider);
  const captureContent = resolveCaptureMessageContent(
    config.captureMessageContent || undefined,
    env[ENV_CAPTURE_MESSAGE_CONTENT],
  );
  const labelAttributes = config.keyLabel
    ? [...new Set([...config.labelAttributes, KEY_LABEL_ATTRIBUTE])]
    : config.labelAttributes;
  // Before anything listens: a budgets file that cannot be used stops the start.
  const budgets =
    config.budgetsFile === undefined
      ? undefined
      : new ProxyBudgets({
          file: config.budgetsFile,
          exporterMetricsUrl: config.budgetsExporterUrl,
          warn: (message, fields) => logger.warn(message, fields),
        });
  const recorder = createRecorder({
    tracerProvider,
    // The proxy's own tracer provider with no exporter and no ledger sends its spans nowhere:
    // metrics only then, which spares each call its span and leaves what is exported unchanged.
    tracing: options.tracerProvider !== undefined || ownProviders?.spansExported === true,
    meterProvider,
    metricProducer:
      options.meterProvider === undefined ? ownProviders?.metricProducer : options.metricProducer,
    // The proxy's own metering of each budget's spend: every cost the recorder adds.
    onCost: budgets ? (usd, attributes) => budgets.record(usd, attributes) : undefined,
    captureMessageContent: captureContent,
    labelAttributes,
    seriesCap: config.seriesCap,
  });
  const selfMetrics = new ProxySelfMetrics(meterProvider.getMeter(PROXY_SCOPE_NAME, PROXY_VERSION));
  const admitAll = options.admit ?? FORWARD_EVERYTHING;
  const admit = budgets
    ? budgetAdmission(
        budgets,
        budgetRefusalCounter(meterProvider.getMeter(PROXY_SCOPE_NAME, PROXY_VERSION)),
        admitAll,
      )
    : admitAll;
  const upstream = createUpstream(config.upstream);
  let draining = false;
  const recording = new PendingRecordings();
  const handler = createProxyHandler({
    upstream,
    recorder,
    selfMetrics,
    logger,
    logsRequests: config.logLevel === 'debug' || config.logLevel === 'info',
    admit,
    proxyToken: config.proxyToken,
    maxBodyBytes: config.maxBodyBytes,
    keyLabelSecret: config.keyLabel ? config.keyLabelSecret : undefined,
    captureContent,
    upstreamTimeoutMs: config.upstreamTimeoutSeconds * 1000,
    isDraining: () => draining,
    recording,
  });
  const server = createServer({ noDelay: true, keepAlive: true }, handler);
  // `Expect: 100-continue` (curl sends it for large uploads) reaches the handler too, which
  // answers 413 before the body is sent, or lets it come.
  server.on('checkContinue', handler);
  // Streams may run for minutes: no request or idle timeout of the server's own cuts them.
  server.requestTimeout = 0;
  server.headersTimeout = 60_000;
  await listen(server, config.port, config.host);
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const url = `http://${host}:${port}`;
  logger.info('groqmeter proxy listening', {
    url,
    baseURL: url + API_BASE_PATH,
    upstream: config.upstream,
    ledger: ledger === undefined ? undefined : 'on',
    proxyToken: config.proxyToken === undefined ? 'off' : 'on',
    keyLabel: config.keyLabel,
    budgets: budgets?.enforced.length,
  });

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      draining = true;
      logger.info('groqmeter proxy shutting down', { timeoutSeconds: config.shutdownTimeoutSeconds });
      const deadline = Date.now() + config.shutdownTimeoutSeconds * 1000;
      await drain(server, config.shutdownTimeoutSeconds * 1000);
      // Answers that went out may still be recorded (an upload's duration is read after the answer).
      await Promise.race([
        recording.settled(),
        new Promise((resolve) => setTimeout(resolve, Math.max(0, deadline - Date.now())).unref()),
      ]);
      upstream.close();
      budgets?.close();
      await ownProviders?.shutdown();
      logger.info('groqmeter proxy stopped');
    })();
    return closing;
  };
  return { url, baseURL: url + API_BASE_PATH, port, close };
}

function definedSettings(options: ProxyOptions): Partial<ProxyConfig> {
  const settings: Partial<ProxyConfig> = {};
  for (const key of Object.keys(DEFAULT_PROXY_CONFIG).concat([
    'proxyToken',
    'ledgerDb',
    'budgetsFile',
    'budgetsExporterUrl',
  ]) as (keyof ProxyConfig)[]) {
    if (options[key] !== undefined) (settings as Record<string, unknown>)[key] = options[key];
  }
  return settings;
}

async function openLedgerProcessor(db: string): Promise<SpanProcessor> {
  // Loaded only with --ledger-db: the ledger's database drivers are not needed otherwise.
  const { LedgerSpanProcessor, openLedger } = await import('@groqmeter/ledger');
  return new LedgerSpanProcessor(await openLedger({ db })) as unknown as SpanProcessor;
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** Stop taking connections, let the ones in flight finish (bounded), then cut what is left. */
function drain(server: Server, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => server.closeAllConnections(), timeoutMs);
    // Connections that finish their request become idle: close them instead of keeping them alive.
    const closeIdle = setInterval(() => server.closeIdleConnections(), 50);
    server.close(() => {
      clearTimeout(timer);
      clearInterval(closeIdle);
      resolve();
    });
    server.closeIdleConnections();
  });
}
