import { isRecord } from './is-record';

/**
 * The simulator's deterministic tokenizer. It is not a real tokenizer: it exists so that tests can
 * compute the exact `prompt_tokens` the simulator will report.
 */

/** Tokens added for every message (role and framing), on top of its text. */
export const MESSAGE_OVERHEAD_TOKENS = 4;

/** Tokens counted for every non-text content part (image, document). */
export const NON_TEXT_PART_TOKENS = 85;

/**
 * Tokens of a text: `Math.ceil(text.length / 4)` (UTF-16 code units), so `''` is 0 tokens and
 * `'Hello'` is 2.
 */
export function countTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/**
 * Tokens of one chat message: {@link MESSAGE_OVERHEAD_TOKENS} plus {@link countTokens} of its text,
 * where the text is the string content, or the text parts joined with `''` (each other part adds
 * {@link NON_TEXT_PART_TOKENS}), followed by the `name` + `arguments` of each of its tool calls.
 */
export function countMessageTokens(message: unknown): number {
  const { text, otherParts } = messageText(message);
  return MESSAGE_OVERHEAD_TOKENS + countTokens(text) + otherParts * NON_TEXT_PART_TOKENS;
}

/**
 * `usage.prompt_tokens` of a chat request: the sum of {@link countMessageTokens} over `messages`,
 * plus `countTokens(JSON.stringify(tools))` when the request has a non-empty `tools` array.
 */
export function countPromptTokens(messages: readonly unknown[], tools?: readonly unknown[] | null): number {
  let total = 0;
  for (const message of messages) total += countMessageTokens(message);
  if (tools && tools.length > 0) total += countTokens(JSON.stringify(tools));
  return total;
}

function messageText(message: unknown): { text: string; otherParts: number } {
  if (!isRecord(message)) return { text: '', otherParts: 0 };
  let text = '';
  let otherParts = 0;
  const content = message.content;
  if (typeof content === 'string') {
    text = content;
  } else if (Array.isArray(content)) {
    for (const part of content) {
      if (isRecord(part) && part.type === 'text' && typeof part.text === 'string') text += part.text;
      else otherParts += 1;
    }
  }
  if (Array.isArray(message.tool_calls)) {
    for (const call of message.tool_calls) {
      if (!isRecord(call) || !isRecord(call.function)) continue;
      const { name, arguments: args } = call.function;
      text += `${typeof name === 'string' ? name : ''}${typeof args === 'string' ? args : ''}`;
    }
  }
  return { text, otherParts };
}
