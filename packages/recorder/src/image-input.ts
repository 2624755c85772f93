import { arrayField, stringField } from './unknown-fields.js';

/** Whether any part of a message's content has one of `types`. */
function hasPartOfType(message: unknown, types: ReadonlySet<string>): boolean {
  return arrayField(message, 'content').some((part) => types.has(stringField(part, 'type') ?? ''));
}

const CHAT_IMAGE_PARTS: ReadonlySet<string> = new Set(['image_url']);
const RESPONSES_IMAGE_PARTS: ReadonlySet<string> = new Set(['input_image']);

/** A chat completion with an `image_url` content part in any message (reported as `vision`). */
export function hasChatImageInput(params: unknown): boolean {
  return arrayField(params, 'messages').some((message) => hasPartOfType(message, CHAT_IMAGE_PARTS));
}

/** A Responses API call with an `input_image` part in its `input` items (reported as `vision`). */
export function hasResponsesImageInput(params: unknown): boolean {
  return arrayField(params, 'input').some((item) => hasPartOfType(item, RESPONSES_IMAGE_PARTS));
}
