import type { Usage } from './types.js';

// The field's name is a prefix and a key rather than one string: this runs on every costing, and
// the name is only needed in the error.
function checkCount(prefix: string, key: string, value: unknown): void {
  if (value !== undefined && !(Number.isSafeInteger(value) && (value as number) >= 0)) {
    throw new RangeError(
      `${prefix}${key} must be a whole number ≥ 0, got ${String(value)}: pass the counts exactly as the API reports them`,
    );
  }
}

function checkSeconds(prefix: string, key: string, value: unknown): void {
  if (value !== undefined && !(typeof value === 'number' && Number.isFinite(value) && value >= 0)) {
    throw new RangeError(`${prefix}${key} must be a finite number of seconds ≥ 0, got ${String(value)}`);
  }
}

function checkPart(
  part: string,
  partValue: number | undefined,
  whole: string,
  wholeValue: number | undefined,
): void {
  if ((partValue ?? 0) > (wholeValue ?? 0)) {
    throw new RangeError(
      `usage.${part} (${partValue}) is more than usage.${whole} (${wholeValue ?? 0}): ${whole} counts all of them, ${part} included, as Groq reports it`,
    );
  }
}

/**
 * Rejects usage that would give a silently wrong cost: negative, fractional or non-numeric counts,
 * and cached or reasoning parts larger than their whole.
 *
 * @throws {RangeError} naming the field and the value.
 */
export function validateUsage(usage: Usage): void {
  // Field by field rather than a loop over names: named reads stay monomorphic on the hot path.
  checkCount('usage.', 'inputTokens', usage.inputTokens);
  checkCount('usage.', 'cachedInputTokens', usage.cachedInputTokens);
  checkCount('usage.', 'outputTokens', usage.outputTokens);
  checkCount('usage.', 'reasoningTokens', usage.reasoningTokens);
  checkCount('usage.', 'audioInputTokens', usage.audioInputTokens);
  checkCount('usage.', 'audioOutputTokens', usage.audioOutputTokens);
  checkCount('usage.', 'characters', usage.characters);
  checkSeconds('usage.', 'audioSeconds', usage.audioSeconds);
  const { toolCalls, toolSeconds } = usage;
  if (toolCalls !== undefined)
    for (const tool of Object.keys(toolCalls)) checkCount('usage.toolCalls.', tool, toolCalls[tool]);
  if (toolSeconds !== undefined) {
    for (const tool of Object.keys(toolSeconds)) checkSeconds('usage.toolSeconds.', tool, toolSeconds[tool]);
  }
  checkPart('cachedInputTokens', usage.cachedInputTokens, 'inputTokens', usage.inputTokens);
  checkPart('reasoningTokens', usage.reasoningTokens, 'outputTokens', usage.outputTokens);
  checkPart('audioOutputTokens', usage.audioOutputTokens, 'outputTokens', usage.outputTokens);
  // Cached and audio input are both parts of the prompt; together they cannot exceed it.
  const inputParts = (usage.cachedInputTokens ?? 0) + (usage.audioInputTokens ?? 0);
  checkPart('cachedInputTokens + audioInputTokens', inputParts, 'inputTokens', usage.inputTokens);
}
