import { type GroqErrorResponse, invalidRequest } from './groq-errors';
import type { Exchange } from './http-exchange';

/** Request header that fixes `usage.completion_tokens` of a chat answer. */
export const COMPLETION_TOKENS_HEADER = 'x-simulator-completion-tokens';

/** The `x-simulator-completion-tokens` value, undefined when absent, or the 400 to send. */
export function completionTokensHeader(
  exchange: Exchange,
): { ok: true; value: number | undefined } | { ok: false; error: GroqErrorResponse } {
  const raw = exchange.header(COMPLETION_TOKENS_HEADER);
  if (raw === undefined) return { ok: true, value: undefined };
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) {
    return {
      ok: false,
      error: invalidRequest(
        `Header ${COMPLETION_TOKENS_HEADER} is \`${raw}\`; expected a whole number of tokens >= 1.`,
        'invalid_simulator_header',
      ),
    };
  }
  return { ok: true, value };
}
