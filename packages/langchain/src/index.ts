export { GroqmeterCallbackHandler } from './callback-handler.js';
export { type ChatGroqLike, instrumentChatGroq } from './instrument-chat-groq.js';
export { DEFAULT_METADATA_KEYS } from './run-start.js';
export type { GroqmeterCallbackHandlerOptions } from './types.js';
