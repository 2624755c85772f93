/** An uploaded or generated file. */
export interface StoredFile {
  id: string;
  filename: string;
  purpose: 'batch' | 'batch_output';
  createdAt: number;
  data: Buffer;
}

/** A batch job; the simulator completes it as soon as it is created. */
export interface StoredBatch {
  id: string;
  inputFileId: string;
  endpoint: string;
  completionWindow: string;
  createdAt: number;
  completedAt: number;
  outputFileId?: string;
  errorFileId?: string;
  metadata: unknown;
  counts: { total: number; completed: number; failed: number };
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

/** The `batch` object, as created (`validating`) or as retrieved (`completed`). */
export function batchObject(batch: StoredBatch, status: 'validating' | 'completed'): Record<string, unknown> {
  const object: Record<string, unknown> = {
    id: batch.id,
    object: 'batch',
    endpoint: batch.endpoint,
    errors: null,
    input_file_id: batch.inputFileId,
    completion_window: batch.completionWindow,
    status,
    output_file_id: null,
    error_file_id: null,
    created_at: batch.createdAt,
    in_progress_at: null,
    expires_at: batch.createdAt + 24 * 3600,
    finalizing_at: null,
    completed_at: null,
    failed_at: null,
    expired_at: null,
    cancelling_at: null,
    cancelled_at: null,
    request_counts: status === 'completed' ? batch.counts : { total: 0, completed: 0, failed: 0 },
    metadata: batch.metadata,
  };
  if (status === 'completed') {
    Object.assign(object, {
      output_file_id: batch.outputFileId ?? null,
      error_file_id: batch.errorFileId ?? null,
      in_progress_at: batch.createdAt,
      finalizing_at: batch.completedAt,
      completed_at: batch.completedAt,
    });
  }
  return object;
}
