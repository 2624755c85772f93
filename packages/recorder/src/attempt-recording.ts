import type { Span } from '@opentelemetry/api';
import type { OperationMetrics } from './operation-metrics.js';
import { parseRateLimitHeaders } from './rate-limit-headers.js';
import {
  ATTR_GROQ_RATELIMIT_REMAINING_REQUESTS,
  ATTR_GROQ_RATELIMIT_REMAINING_TOKENS,
  DROPPED_REASON_VALUE_BAD_HEADER,
  RESOURCE_VALUE_REQUESTS,
  RESOURCE_VALUE_TOKENS,
} from './semconv.js';
import type { AttemptFacts } from './types.js';

/** What recording one HTTP attempt needs of its operation. */
export interface AttemptTarget {
  metrics: OperationMetrics;
  span: Span;
  /** Whether the span records (its rate-limit attributes are set only then). */
  recording: boolean;
  dropped(reason: string, count?: number): void;
}

/**
 * One HTTP attempt of a Groq-served operation: the rate-limit windows and `retry-after` its
 * headers carry, a 429 counted as a rate-limit hit, unreadable headers counted as dropped.
 */
export function recordGroqAttempt(target: AttemptTarget, facts: AttemptFacts): void {
  const { metrics, span } = target;
  if (facts.headers !== undefined) {
    const snapshot = parseRateLimitHeaders(facts.headers);
    metrics.rateLimitWindow(RESOURCE_VALUE_REQUESTS, snapshot.requests);
    metrics.rateLimitWindow(RESOURCE_VALUE_TOKENS, snapshot.tokens);
    if (target.recording) {
      if (snapshot.requests.remaining !== undefined) {
        span.setAttribute(ATTR_GROQ_RATELIMIT_REMAINING_REQUESTS, snapshot.requests.remaining);
      }
      if (snapshot.tokens.remaining !== undefined) {
        span.setAttribute(ATTR_GROQ_RATELIMIT_REMAINING_TOKENS, snapshot.tokens.remaining);
      }
    }
    if (snapshot.retryAfterSeconds !== undefined) metrics.retryAfter(snapshot.retryAfterSeconds);
    if (snapshot.invalidHeaders.length > 0) {
      target.dropped(DROPPED_REASON_VALUE_BAD_HEADER, snapshot.invalidHeaders.length);
    }
  }
  if (facts.status === 429) metrics.rateLimitHit();
}
