/** Environment variable that turns message-content capture on (used when the option is not set). */
export const ENV_CAPTURE_MESSAGE_CONTENT = 'OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT';

/**
 * Values that turn capture on. The recorder writes content on spans only and emits no events, so
 * `SPAN_ONLY` and `SPAN_AND_EVENT` capture, while `EVENT_ONLY` (content on events, never on spans)
 * captures nothing here, like `NO_CONTENT` and `false`.
 */
const CAPTURE_VALUES = new Set(['true', 'span_only', 'span_and_event']);

/**
 * Whether message content goes on spans: the `captureMessageContent` option when set, else
 * {@link ENV_CAPTURE_MESSAGE_CONTENT} (`true`/`false`, or the Python contrib values `NO_CONTENT`,
 * `SPAN_ONLY`, `EVENT_ONLY`, `SPAN_AND_EVENT`; case-insensitive). Off by default.
 */
export function resolveCaptureMessageContent(
  option: boolean | undefined,
  envValue: string | undefined,
): boolean {
  if (option !== undefined) return option;
  return CAPTURE_VALUES.has((envValue ?? '').trim().toLowerCase());
}

/**
 * Content as a span attribute value: a JSON string. Strings are taken as already-serialised JSON;
 * anything `JSON.stringify` cannot serialise (cycles, bigints) is left out (`undefined`).
 */
export function serializeContent(content: unknown): string | undefined {
  if (content === undefined) return undefined;
  if (typeof content === 'string') return content;
  try {
    return JSON.stringify(content);
  } catch {
    return undefined;
  }
}
