import type { Recorder } from '@groqmeter/recorder';
import type { Logger } from '../log/logger.js';
import type { BatchAttributions } from './batch-attribution.js';
import { readBatchOutput } from './batch-output.js';
import {
  downloadFile,
  type GroqBatch,
  type GroqBatchApiOptions,
  listBatches,
  MAX_BATCH_LIST_PAGES,
} from './groq-batch-api.js';
import type { MeteredBatches } from './metered-batches.js';

/** Why a batch or a poll could not be metered (`groqmeter_dropped_total{reason}`). */
export type BatchDropReason = 'batch_poll_failed' | 'batch_output_failed' | 'batch_line_unreadable';

/** Options of {@link BatchReconciler}. */
export interface BatchReconcilerOptions {
  api: Omit<GroqBatchApiOptions, 'signal'>;
  /** Meters each billed line: the same recorder, and so the same series, as the apps use. */
  recorder: Recorder;
  /** Writes what the recorder produced (force-flushes its providers). */
  flush(): Promise<void>;
  metered: MeteredBatches;
  attributions: BatchAttributions;
  /** Batch `metadata` keys taken as attribution (the recorder's `labelAttributes` and the ledger's columns). */
  metadataKeys: ReadonlySet<string>;
  /** Batches metered per poll at most; the rest wait for the next poll. */
  maxBatchesPerPoll: number;
  intervalMs: number;
  dropped(reason: BatchDropReason, count: number): void;
  logger: Logger;
}

/**
 * Meters finished Groq batches: polls the batch list and, for every `completed` batch with an
 * output file that was not metered yet, downloads the file and meters each billed line once, at
 * the batch discount, on the line's response model, with the attribution of the batch's creation.
 * Never throws: failures are counted and logged, and the batch is tried again at the next poll.
 */
export class BatchReconciler {
  private timer: NodeJS.Timeout | undefined;
  private readonly abort = new AbortController();
  private running: Promise<number> | undefined;

  constructor(private readonly options: BatchReconcilerOptions) {}

  start(): void {
    void this.poll();
    this.timer = setInterval(() => void this.poll(), this.options.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.abort.abort();
    await this.running;
  }

  /** One poll (never two at once); resolves to the number of batches metered. */
  poll(): Promise<number> {
    this.running ??= this.pollOnce().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async pollOnce(): Promise<number> {
    const { api, metered, maxBatchesPerPoll, logger, dropped } = this.options;
    const apiOptions = { ...api, signal: this.abort.signal };
    let batches: GroqBatch[];
    try {
      const list = await listBatches(apiOptions);
      batches = list.batches;
      if (list.truncated)
        logger.warn('batch list longer than the pages read per poll: older batches not read', {
          pages: MAX_BATCH_LIST_PAGES,
          batches: batches.length,
        });
    } catch (error) {
      if (!this.abort.signal.aborted) {
        dropped('batch_poll_failed', 1);
        logger.warn('batch poll failed', { error: (error as Error).message });
      }
      return 0;
    }
    const due = batches
      .filter(
        (batch) => batch.status === 'completed' && batch.outputFileId !== undefined && !metered.has(batch.id),
      )
      .slice(0, maxBatchesPerPoll);
    let count = 0;
    for (const batch of due) {
      if (this.abort.signal.aborted) break;
      try {
        const output = readBatchOutput(await downloadFile(batch.outputFileId!, apiOptions));
        this.meter(batch, output.succeeded);
        // Synchronously after metering: a restart never meters this batch again.
        metered.add(batch.id);
        if (output.unreadable > 0) dropped('batch_line_unreadable', output.unreadable);
        logger.info('batch metered', {
          batch: batch.id,
          billed: output.succeeded.length,
          failed: output.failed,
          unreadable: output.unreadable,
        });
        count += 1;
      } catch (error) {
        if (this.abort.signal.aborted) break;
        dropped('batch_output_failed', 1);
        logger.warn('batch output could not be metered; retrying at the next poll', {
          batch: batch.id,
          error: (error as Error).message,
        });
      }
    }
    if (count > 0) await this.options.flush().catch(() => undefined);
    return count;
  }

  private meter(batch: GroqBatch, lines: ReturnType<typeof readBatchOutput>['succeeded']): void {
    const { recorder, attributions, metadataKeys } = this.options;
    const attributes = {
      ...attributions.of(batch.id, batch.metadata, metadataKeys),
      'groq.batch.id': batch.id,
    };
    const time = batch.completedAt === undefined ? undefined : batch.completedAt * 1000;
    for (const line of lines) {
      const operation = recorder.start({
        operation: 'chat',
        source: 'groq-batch',
        requestModel: line.model,
        request: { batch: true },
        attributes,
        ...(time === undefined ? {} : { startTime: time }),
      });
      operation.end(
        {
          responseModel: line.model,
          usage: line.usage,
          ...(line.responseId === undefined ? {} : { responseId: line.responseId }),
          ...(line.requestId === undefined ? {} : { groqRequestId: line.requestId }),
        },
        time,
      );
    }
  }
}
