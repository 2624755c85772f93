import type { Usage } from '@groqmeter/pricing';
import { definedOnly, field, numberField } from '@groqmeter/recorder';

/**
 * The pricing {@link Usage} of a language-model result, in any of the AI SDK's usage shapes:
 * - spec v3/v4 (`ai` 6 and 7): `{ inputTokens: { total, noCache, cacheRead }, outputTokens: { total, reasoning } }`;
 * - spec v2 (`ai` 5): `{ inputTokens, outputTokens, reasoningTokens?, cachedInputTokens? }`.
 *
 * Returns `undefined` when the provider reported no token count at all (recorded as `usage_missing`).
 */
export function usageFromLanguageModelUsage(usage: unknown): Usage | undefined {
  const input = field(usage, 'inputTokens');
  const output = field(usage, 'outputTokens');
  const facts: Usage =
    typeof input === 'object' || typeof output === 'object'
      ? definedOnly({
          inputTokens: inputTotal(input),
          cachedInputTokens: numberField(input, 'cacheRead'),
          outputTokens: numberField(output, 'total'),
          reasoningTokens: numberField(output, 'reasoning'),
        })
      : definedOnly({
          inputTokens: numberField(usage, 'inputTokens'),
          cachedInputTokens: numberField(usage, 'cachedInputTokens'),
          outputTokens: numberField(usage, 'outputTokens'),
          reasoningTokens: numberField(usage, 'reasoningTokens'),
        });
  return Object.keys(facts).length === 0 ? undefined : facts;
}

/** `total`, or the parts added up for providers that report only the split. */
function inputTotal(input: unknown): number | undefined {
  const total = numberField(input, 'total');
  if (total !== undefined) return total;
  const noCache = numberField(input, 'noCache');
  return noCache === undefined ? undefined : noCache + (numberField(input, 'cacheRead') ?? 0);
}

/**
 * The usage of one call from both places it is reported: Groq's own counts (from the raw JSON)
 * win field by field, the AI SDK's normalised usage fills what they lack. Both describe the same
 * request, so nothing is added up.
 */
export function mergedUsage(normalised: Usage | undefined, groq: Usage | undefined): Usage | undefined {
  if (normalised === undefined || groq === undefined) return groq ?? normalised;
  return { ...normalised, ...groq };
}
