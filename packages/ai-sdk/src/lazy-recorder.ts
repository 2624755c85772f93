import { createRecorder, type Recorder } from '@groqmeter/recorder';
import type { GroqmeterOptions } from './types.js';

/**
 * The recorder of a wrapped model: `options.recorder`, or one created from the options on the
 * first call, so that OTel providers registered after the model is wrapped count.
 */
export function lazyRecorder(options: GroqmeterOptions): () => Recorder {
  let recorder: Recorder | undefined;
  return () => {
    recorder ??= options.recorder ?? createRecorder(options);
    return recorder;
  };
}
