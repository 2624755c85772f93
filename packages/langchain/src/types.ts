import type { Recorder, RecorderOptions } from '@groqmeter/recorder';

/** Options of {@link GroqmeterCallbackHandler}. */
export interface GroqmeterCallbackHandlerOptions extends RecorderOptions {
  /**
   * The recorder to use, e.g. one shared with other adapters. Default: one created on the first
   * run from the other options (so the global OTel providers registered by then are used).
   */
  recorder?: Recorder;
  /**
   * LangChain run metadata keys copied into the operation's attribution (default `feature`,
   * `platform`, `tenant_tier`). Those also listed in `labelAttributes` become metric labels;
   * the others go on the span only. Non-scalar values are skipped.
   */
  metadataKeys?: string[];
}
