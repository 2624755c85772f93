/** An uploaded or generated file. */
export interface StoredFile {
  id: string;
  filename: string;
  purpose: 'batch' | 'batch_output';
  createdAt: number;
  data: Buffer;
}

/** How long a batch stays in each state before it completes, in seconds of the simulator clock. */
export interface BatchTiming {
  validatingSeconds: number;
  inProgressSeconds: number;
}

/** The states a batch passes through in the simulator (Groq's `status` values). */
export type BatchStatus = 'validating' | 'in_progress' | 'completed';

/**
 * A batch job. Its lines are answered when it is created; what a client sees follows the clock:
 * `validating`, then `in_progress` (request counts still 0), then `completed` with the files.
 */
export interface StoredBatch {
  id: string;
  inputFileId: string;
  endpoint: string;
  completionWindow: string;
  createdAt: number;
  timing: BatchTiming;
  /** Set when a client fast-forwarded the batch: it completed at this second. */
  completedEarlyAt?: number;
  outputFileId?: string;
  errorFileId?: string;
  metadata: unknown;
  counts: { total: number; completed: number; failed: number };
}

/** When `batch` completes, in Unix seconds. */
export function completionTime(batch: StoredBatch): number {
  return (
    batch.completedEarlyAt ??
    batch.createdAt + batch.timing.validatingSeconds + batch.timing.inProgressSeconds
  );
}

/** The state of `batch` at `now` (Unix seconds). */
export function batchStatus(batch: StoredBatch, now: number): BatchStatus {
  if (now >= completionTime(batch)) return 'completed';
  return now >= batch.createdAt + batch.timing.validatingSeconds ? 'in_progress' : 'validating';
}

/** Files and batches of one simulator, in memory. */
export class BatchStore {
  readonly files = new Map<string, StoredFile>();
  readonly batches = new Map<string, StoredBatch>();

  reset(): void {
    this.files.clear();
    this.batches.clear();
  }
}

/** The `file` object of groq-sdk's `files` resource. */
export function fileObject(file: StoredFile): Record<string, unknown> {
  return {
    id: file.id,
    object: 'file',
    bytes: file.data.length,
    created_at: file.createdAt,
    filename: file.filename,
    purpose: file.purpose,
  };
}

/** The `batch` object as it stands at `now` (Unix seconds); `created` shows it as first returned. */
export function batchObject(batch: StoredBatch, now: number, created = false): Record<string, unknown> {
  const status = created ? 'validating' : batchStatus(batch, now);
  const completedAt = completionTime(batch);
  const inProgressAt = Math.min(completedAt, batch.createdAt + batch.timing.validatingSeconds);
  const done = status === 'completed';
  return {
    id: batch.id,
    object: 'batch',
    endpoint: batch.endpoint,
    errors: null,
    input_file_id: batch.inputFileId,
    completion_window: batch.completionWindow,
    status,
    output_file_id: done ? (batch.outputFileId ?? null) : null,
    error_file_id: done ? (batch.errorFileId ?? null) : null,
    created_at: batch.createdAt,
    in_progress_at: status === 'validating' ? null : inProgressAt,
    expires_at: batch.createdAt + 24 * 3600,
    finalizing_at: done ? completedAt : null,
    completed_at: done ? completedAt : null,
    failed_at: null,
    expired_at: null,
    cancelling_at: null,
    cancelled_at: null,
    request_counts: done
      ? batch.counts
      : { total: status === 'in_progress' ? batch.counts.total : 0, completed: 0, failed: 0 },
    metadata: batch.metadata,
  };
}
