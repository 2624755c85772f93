import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PriceBook } from '@groqmeter/pricing';
import { type RunningBatchReconciler, startBatchReconciler } from './batches/start-batch-reconciler.js';
import { ExporterBudgets } from './budgets/exporter-budgets.js';
import { ModelCataloguePoller } from './catalogue/model-catalogue.js';
import { DEFAULT_EXPORTER_CONFIG, type ExporterConfig } from './config/exporter-config.js';
import { checkBatchConfig, groqApiRoot } from './config/load-exporter-config.js';
import { InFlightResponses } from './http/in-flight-responses.js';
import { createMetricsEndpoint } from './http/metrics-endpoint.js';
import {
  countIngestResult,
  createOtlpReceiver,
  OTLP_METRICS_PATH,
  OTLP_TRACES_PATH,
} from './http/otlp-receiver.js';
import { DEFAULT_INGEST_LIMITS } from './ingest/ingest-limits.js';
import { MetricsIngester } from './ingest/ingest-metrics.js';
import { ledgerDropsFeed } from './ledger/ledger-drops.js';
import { loadLedgerModule } from './ledger/load-ledger-module.js';
import { createLogger, type Logger } from './log/logger.js';
import type { HistoryResolution } from './pages/headline-history.js';
import { PageData } from './pages/page-data.js';
import { createPagesHandler } from './pages/pages-handler.js';
import { CentralPricing } from './pricing/central-pricing.js';
import { loadPriceBook } from './pricing/load-price-book.js';
import { type ExpositionFormat, renderExposition } from './prometheus/render-exposition.js';
import { SelfMetrics } from './self-metrics.js';
import { MetricStore } from './store/metric-store.js';

/** {@link startExporter}'s options: any {@link ExporterConfig} setting, plus what tests inject. */
export interface ExporterOptions extends Partial<ExporterConfig> {
  /** Milliseconds since the epoch; defaults to `Date.now`. Staleness is measured on it. */
  clock?: () => number;
  /** Receives each JSON log line; defaults to writing to stderr. */
  writeLog?: (line: string) => void;
  /** Prices with this book instead of the shipped catalogue and `priceFile`. */
  priceBook?: PriceBook;
  /** Resolutions of the pages' in-memory history (tests shorten them). */
  pageHistory?: { fine?: HistoryResolution; day?: HistoryResolution };
}

/** A running exporter. */
export interface RunningExporter {
  /** Where to send OTLP metrics, e.g. `http://127.0.0.1:4318/v1/metrics`. */
  otlpUrl: string;
  /** Where to send OTLP traces for the ledger, e.g. `http://127.0.0.1:4318/v1/traces`; `undefined` without `ledgerDb`. */
  tracesUrl: string | undefined;
  /** Where Prometheus scrapes, e.g. `http://127.0.0.1:9464/metrics`. */
  metricsUrl: string;
  /** The exporter's own overview page, e.g. `http://127.0.0.1:9464/`. */
  pagesUrl: string;
  /**
   * Stops accepting connections, lets in-flight requests finish, closes both listeners, then
   * closes the ledger (writing the rows it still holds).
   */
  close(): Promise<void>;
}

/** How long in-flight requests get on shutdown before their connections are cut. */
const SHUTDOWN_GRACE_MS = 10_000;
/** Bounds of the pause between staleness sweeps (they also run before every scrape). */
const MIN_SWEEP_INTERVAL_MS = 1_000;
const MAX_SWEEP_INTERVAL_MS = 60_000;

/**
 * Starts the exporter: the OTLP/HTTP receiver (`POST /v1/metrics`, and `POST /v1/traces` into the
 * usage ledger when `ledgerDb` is set) and the Prometheus listener (`GET /metrics`, `/healthz`,
 * `/readyz`, and the live pages `GET /` and `/detail`). Settings not given take {@link DEFAULT_EXPORTER_CONFIG}.
 *
 * @example
 * const exporter = await startExporter({ otlpPort: 0, metricsPort: 0 });
 * // point an OTLP metric exporter at exporter.otlpUrl, scrape exporter.metricsUrl
 * await exporter.close();
 *
 * @throws when a port cannot be bound, the price file or the batch state file is invalid;
 *   `ExporterConfigError` when `groqBatches` lacks `groqApiKey` or `groqBatchesState`;
 *   `LedgerOpenError` (from `@groqmeter/ledger`) when the ledger cannot be opened, and
 *   `ExporterConfigError` when `ledgerDb` is set but `@groqmeter/ledger` is not installed.
 */
export async function startExporter(options: ExporterOptions = {}): Promise<RunningExporter> {
  const { clock = Date.now, writeLog, priceBook: givenPriceBook, pageHistory, ...settings } = options;
  const config: ExporterConfig = { ...DEFAULT_EXPORTER_CONFIG, ...definedOnly(settings) };
  checkBatchConfig(config);
  // Every secret the exporter holds, so that no log line can carry one (however it is shaped).
  const logger = createLogger(config.logLevel, writeLog, [
    config.groqApiKey,
    config.token,
    config.scrapeToken,
  ]);
  const store = new MetricStore({
    startedAtMs: clock(),
    seriesCap: config.seriesCap,
    staleAfterMs: config.staleAfterSeconds * 1000,
    maxFamilies: config.maxFamilies,
    maxStreamsPerSeries: config.maxStreamsPerSeries,
    maxExpositionBytes: config.maxExpositionBytes,
  });
  const selfMetrics = new SelfMetrics(store);
  selfMetrics.initialize();
  // Before anything listens: a budgets file that cannot be used stops the start.
  const budgets = new ExporterBudgets({
    store,
    shorthand: config.budgets,
    file: config.budgetsFile,
    stateFile: config.budgetsState,
    logger,
  });
  const priceBook = givenPriceBook ?? loadPriceBook(config.priceFile);
  const pricing = new CentralPricing(priceBook, store, config.reprice);
  const ingester = new MetricsIngester(store, pricing, {
    ...DEFAULT_INGEST_LIMITS,
    maxLabelValueLength: config.maxLabelValueLength,
    maxLabelsPerPoint: config.maxLabelsPerPoint,
  });
  const ledger =
    config.ledgerDb === undefined ? undefined : await openTraceLedger(config.ledgerDb, config.maxBodyBytes);
  const feedLedgerDrops = ledger && ledgerDropsFeed(ledger.ledger, selfMetrics);
  feedLedgerDrops?.();

  const sweep = (): void => {
    const nowMs = clock();
    const removed = store.sweep(nowMs);
    pricing.sweep(nowMs - store.options.staleAfterMs);
    if (removed > 0) {
      selfMetrics.dropped('stale', removed);
      logger.debug('expired stale series', { series: removed });
    }
  };
  const render = (format: ExpositionFormat) => {
    // Before the sweep, so that spend of a series about to expire still reaches its budgets.
    budgets.update(clock());
    sweep();
    feedLedgerDrops?.();
    selfMetrics.updateSeriesCount();
    return renderExposition(store.snapshot(), format);
  };
  const pageData = new PageData({
    snapshot: () => {
      budgets.update(clock());
      sweep();
      return store.snapshot();
    },
    clock,
    budgets: () => budgets.uses(),
    prometheusUrl: config.prometheusUrl,
    ledger: config.pagesLedger ? ledger?.ledger : undefined,
    catalogue: config.groqApiKey !== undefined,
    logger,
    history: pageHistory,
  });
  const pages = createPagesHandler({ data: pageData, scrapeToken: config.scrapeToken, logger });

  let batches: RunningBatchReconciler | undefined;
  let shuttingDown = false;
  const inFlight = new InFlightResponses();
  const otlpServer = createServer(
    guarded(
      createOtlpReceiver({
        token: config.token,
        maxBodyBytes: config.maxBodyBytes,
        maxInFlightBodyBytes: config.maxInFlightBodyBytes,
        ingest: (request) => ingester.ingestSliced(request, clock()),
        traceSink: ledger?.sink,
        observeSpans: (spans) => {
          for (const span of spans) batches?.attributions.observeSpan(Object.fromEntries(span.attributes));
        },
        selfMetrics,
        logger,
        isShuttingDown: () => shuttingDown,
      }),
      logger,
      inFlight,
    ),
  );
  const metricsServer = createServer(
    guarded(
      createMetricsEndpoint({
        scrapeToken: config.scrapeToken,
        render,
        isReady: () => !shuttingDown,
        logger,
        pages,
      }),
      logger,
      inFlight,
    ),
  );
  let otlpAddress: AddressInfo;
  let metricsAddress: AddressInfo;
  try {
    otlpAddress = await listen(otlpServer, config.host, config.otlpPort, '--otlp-port');
    metricsAddress = await listen(metricsServer, config.host, config.metricsPort, '--metrics-port');
  } catch (error) {
    otlpServer.close();
    metricsServer.close();
    budgets.close();
    pageData.stop();
    await ledger?.ledger.close();
    throw error;
  }

  const sweepEveryMs = Math.min(
    Math.max(store.options.staleAfterMs / 4, MIN_SWEEP_INTERVAL_MS),
    MAX_SWEEP_INTERVAL_MS,
  );
  const sweepTimer = setInterval(sweep, sweepEveryMs);
  sweepTimer.unref();
  const catalogue = config.groqApiKey
    ? new ModelCataloguePoller({
        apiKey: config.groqApiKey,
        baseUrl: config.groqBaseUrl,
        intervalMs: config.catalogueIntervalSeconds * 1000,
        store,
        selfMetrics,
        logger,
      })
    : undefined;
  catalogue?.start();
  try {
    batches = config.groqBatches
      ? startBatchReconciler({
          apiKey: config.groqApiKey as string,
          baseUrl: groqApiRoot(config.groqBaseUrl),
          statePath: config.groqBatchesState as string,
          intervalMs: config.groqBatchesIntervalSeconds * 1000,
          priceBook,
          ingestMetrics: (request) =>
            countIngestResult(ingester.ingest(request, clock()), selfMetrics, logger),
          traceSink: ledger?.sink,
          selfMetrics,
          logger,
        })
      : undefined;
  } catch (error) {
    clearInterval(sweepTimer);
    catalogue?.stop();
    budgets.close();
    pageData.stop();
    await Promise.all([closeGracefully(otlpServer), closeGracefully(metricsServer)]);
    await ledger?.ledger.close();
    throw error;
  }

  const otlpUrl = `${baseUrl(otlpAddress)}${OTLP_METRICS_PATH}`;
  const tracesUrl = ledger && `${baseUrl(otlpAddress)}${OTLP_TRACES_PATH}`;
  const metricsUrl = `${baseUrl(metricsAddress)}/metrics`;
  const pagesUrl = `${baseUrl(metricsAddress)}/`;
  logger.info('groqmeter exporter listening', {
    otlpUrl,
    tracesUrl,
    // The ledger's own name for its database: never a password.
    ledger: ledger?.ledger.database,
    metricsUrl,
    pagesUrl,
    pagesFrom: pageData.mode,
    pagesLedger: pageData.ledgerEnabled,
    ingestToken: config.token !== undefined,
    scrapeToken: config.scrapeToken !== undefined,
    reprice: config.reprice,
    priceFile: config.priceFile,
    budgets: budgets.budgets.length,
    budgetsFile: config.budgetsFile,
    seriesCap: config.seriesCap,
    staleAfterSeconds: config.staleAfterSeconds,
    modelCatalogue: catalogue !== undefined,
    groqBatches: batches !== undefined,
  });

  let closing: Promise<void> | undefined;
  return {
    otlpUrl,
    tracesUrl,
    metricsUrl,
    pagesUrl,
    close() {
      closing ??= (async () => {
        shuttingDown = true;
        inFlight.closeConnectionsAfterResponses();
        clearInterval(sweepTimer);
        catalogue?.stop();
        budgets.close();
        pageData.stop();
        // Before the ledger closes: the reconciler writes what it recorded into it.
        await batches?.stop();
        // The OTLP listener keeps accepting while pushes are in flight: a sender connecting now
        // gets a 503 it retries (elsewhere, behind a load balancer) rather than a refusal.
        await Promise.all([
          inFlight.drained(SHUTDOWN_GRACE_MS).then(() => closeGracefully(otlpServer)),
          closeGracefully(metricsServer),
        ]);
        // Once the last pushes are in: a restart then takes up the periods' spend where it stopped.
        budgets.saveNow(clock());
        await ledger?.ledger.close();
        logger.info('groqmeter exporter stopped');
      })();
      return closing;
    },
  };
}

/**
 * Opens the ledger and its OTLP traces sink. `@groqmeter/ledger` (and with it the SQLite and
 * PostgreSQL drivers) is loaded only when a ledger is configured.
 *
 * @throws {LedgerOpenError} when the database cannot be opened; `ExporterConfigError` when
 *   `@groqmeter/ledger` is not installed.
 */
async function openTraceLedger(db: string, maxBodyBytes: number) {
  const { openLedger, createLedgerTraceSink } = await loadLedgerModule();
  const ledger = await openLedger({ db });
  return { ledger, sink: createLedgerTraceSink(ledger, { maxBodyBytes }) };
}

function definedOnly<T extends object>(settings: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(settings).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
}

/**
 * Runs a handler, turning an unexpected failure into a 500 instead of an unhandled rejection, and
 * keeping track of responses in flight so that shutdown can close their connections after them.
 */
function guarded(
  handler: (request: IncomingMessage, response: ServerResponse) => Promise<void>,
  logger: Logger,
  inFlight: InFlightResponses,
): (request: IncomingMessage, response: ServerResponse) => void {
  return (request, response) => {
    inFlight.track(response);
    handler(request, response).catch((error: unknown) => {
      logger.error('request failed', { error: (error as Error).message });
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  };
}

function listen(server: Server, host: string, port: number, flag: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      reject(
        new Error(
          `cannot listen on ${host}:${port} (${error.code ?? error.message})${error.code === 'EADDRINUSE' ? `: another process uses the port; choose another with ${flag}` : ''}`,
        ),
      );
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve(server.address() as AddressInfo);
    });
  });
}

function baseUrl(address: AddressInfo): string {
  const unspecified = address.address === '0.0.0.0' || address.address === '::';
  const host = unspecified ? '127.0.0.1' : address.address;
  return `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
}

/** Stops accepting, lets in-flight requests end, then cuts connections still open after the grace period. */
function closeGracefully(server: Server): Promise<void> {
  return new Promise((resolve) => {
    const force = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
    force.unref();
    server.close(() => {
      clearTimeout(force);
      resolve();
    });
    server.closeIdleConnections();
  });
}
