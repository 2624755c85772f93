import { asRecord } from './unknown-fields.js';

/**
 * Whether any part of a message's content has this `type`. Plain loops and named loads: this runs
 * over every message of every chat call, and a conversation's history can be long.
 */
function hasPartOfType(message: unknown, type: string): boolean {
  const content = asRecord(message)?.content;
  if (!Array.isArray(content)) return false;
  for (const part of content) if (asRecord(part)?.type === type) return true;
  return false;
}

/** Whether any of `items` (messages, input items) has a content part of this `type`. */
function anyHasPartOfType(items: unknown, type: string): boolean {
  if (!Array.isArray(items)) return false;
  for (const item of items) if (hasPartOfType(item, type)) return true;
  return false;
}

/** A chat completion with an `image_url` content part in any message (reported as `vision`). */
export function hasChatImageInput(params: unknown): boolean {
  return anyHasPartOfType(asRecord(params)?.messages, 'image_url');
}

/** A Responses API call with an `input_image` part in its `input` items (reported as `vision`). */
export function hasResponsesImageInput(params: unknown): boolean {
  return anyHasPartOfType(asRecord(params)?.input, 'input_image');
}
