import type { Attribution } from '@groqmeter/recorder';

/** Span attributes of a `batches.create` span: the operation name and the created batch's id. */
const ATTR_OPERATION = 'gen_ai.operation.name';
const ATTR_RESPONSE_ID = 'gen_ai.response.id';
/** The recorder's own namespaces: everything else on its span is the app's attribution. */
const RECORDER_NAMESPACES = ['gen_ai.', 'groq.', 'groqmeter.', 'server.', 'error.'];

/**
 * The attribution each batch was created with, as the apps' `batches.create` spans carried it
 * (`gen_ai.operation.name="batch"`, `gen_ai.response.id` = the batch id). Bounded: the oldest
 * batches are forgotten past `maxBatches`.
 */
export class BatchAttributions {
  private readonly byBatch = new Map<string, Attribution>();

  constructor(private readonly maxBatches: number) {}

  /** Notes a finished span, keeping it only when it created a batch. */
  observeSpan(attributes: Readonly<Record<string, unknown>>): void {
    const batchId = attributes[ATTR_RESPONSE_ID];
    if (attributes[ATTR_OPERATION] !== 'batch' || typeof batchId !== 'string') return;
    const attribution: Attribution = {};
    for (const [key, value] of Object.entries(attributes)) {
      if (RECORDER_NAMESPACES.some((namespace) => key.startsWith(namespace))) continue;
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
        attribution[key] = value;
      }
    }
    this.byBatch.delete(batchId);
    this.byBatch.set(batchId, attribution);
    if (this.byBatch.size > this.maxBatches) this.byBatch.delete(this.byBatch.keys().next().value as string);
  }

  /**
   * The attribution of a batch: its `metadata` entries whose keys are allow-listed (string values
   * only, as Groq stores metadata), overlaid by what its create span carried.
   */
  of(
    batchId: string,
    metadata: Record<string, unknown>,
    allowedMetadataKeys: ReadonlySet<string>,
  ): Attribution {
    const attribution: Attribution = {};
    for (const [key, value] of Object.entries(metadata)) {
      if (allowedMetadataKeys.has(key) && typeof value === 'string') attribution[key] = value;
    }
    return { ...attribution, ...this.byBatch.get(batchId) };
  }
}
