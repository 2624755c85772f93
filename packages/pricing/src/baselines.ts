import type { BaselineOperation } from './types.js';

/**
 * The model each operation is compared with by default ("what would this cost on OpenAI"): chat on
 * `gpt-4o`, transcription and translation on `whisper-1`, speech on `tts-1`.
 */
export const DEFAULT_BASELINES: Readonly<Record<BaselineOperation, string>> = Object.freeze({
  chat: 'gpt-4o',
  transcription: 'whisper-1',
  translation: 'whisper-1',
  speech: 'tts-1',
});
