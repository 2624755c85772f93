import type { LedgerTraceSink } from '@groqmeter/ledger';
import type { MetricsRequest } from '@groqmeter/otlp';
import type { PriceBook } from '@groqmeter/pricing';
import { createRecorder, DEFAULT_LABEL_ATTRIBUTES } from '@groqmeter/recorder';
import type { Logger } from '../log/logger.js';
import type { SelfMetrics } from '../self-metrics.js';
import { BatchAttributions } from './batch-attribution.js';
import { BatchReconciler } from './batch-reconciler.js';
import { createInProcessTelemetry } from './in-process-telemetry.js';
import { MeteredBatches } from './metered-batches.js';

/** Batches whose create-span attribution is remembered, and metered ids kept in the state file. */
const MAX_REMEMBERED_BATCHES = 10_000;
const MAX_BATCHES_PER_POLL = 20;
const REQUEST_TIMEOUT_MS = 30_000;
/** Groq caps a batch input file at 200 MB; its output is of the same order. */
const MAX_OUTPUT_FILE_BYTES = 512 * 1024 * 1024;

/** What {@link startBatchReconciler} needs from the exporter. */
export interface BatchReconcilerSetup {
  apiKey: string;
  /** As groq-sdk's `baseURL` (`https://api.groq.com`). */
  baseUrl: string;
  statePath: string;
  intervalMs: number;
  priceBook: PriceBook;
  ingestMetrics(request: MetricsRequest): void;
  traceSink: LedgerTraceSink | undefined;
  selfMetrics: SelfMetrics;
  logger: Logger;
}

/** A running reconciler. */
export interface RunningBatchReconciler {
  /** Notes the apps' `batches.create` spans (from `POST /v1/traces`) for attribution. */
  attributions: BatchAttributions;
  /** Stops polling, waits for a poll in progress, writes what it recorded and stops its providers. */
  stop(): Promise<void>;
}

/**
 * Starts the batch reconciler, recording through `@groqmeter/recorder` into OTel providers whose
 * output is ingested by this exporter (`job="groqmeter-batches"`) and written to its ledger.
 *
 * @throws when the state file exists but is not a batch state file.
 */
export function startBatchReconciler(setup: BatchReconcilerSetup): RunningBatchReconciler {
  const metered = new MeteredBatches(setup.statePath, MAX_REMEMBERED_BATCHES);
  const telemetry = createInProcessTelemetry({
    ingestMetrics: setup.ingestMetrics,
    traceSink: setup.traceSink,
  });
  const attributions = new BatchAttributions(MAX_REMEMBERED_BATCHES);
  const reconciler = new BatchReconciler({
    api: {
      apiKey: setup.apiKey,
      baseUrl: setup.baseUrl,
      timeoutMs: REQUEST_TIMEOUT_MS,
      maxFileBytes: MAX_OUTPUT_FILE_BYTES,
    },
    recorder: createRecorder({
      meterProvider: telemetry.meterProvider,
      tracerProvider: telemetry.tracerProvider,
      priceBook: setup.priceBook,
    }),
    flush: () => telemetry.flush(),
    metered,
    attributions,
    metadataKeys: new Set(DEFAULT_LABEL_ATTRIBUTES),
    maxBatchesPerPoll: MAX_BATCHES_PER_POLL,
    intervalMs: setup.intervalMs,
    dropped: (reason, count) => setup.selfMetrics.dropped(reason, count),
    logger: setup.logger,
  });
  reconciler.start();
  return {
    attributions,
    async stop() {
      await reconciler.stop();
      await telemetry.shutdown();
    },
  };
}
