import type { BatchStore, BatchTiming } from './batch-store';
import type { FaultInjector } from './fault-injector';
import type { RateLimitScope } from './groq-errors';
import type { ResolvedModel } from './model-catalogue';
import type { PromptCache } from './prompt-cache';
import type { RateLimiter } from './rate-limiter';
import { base32Id, hexId, uuidFrom } from './seeded-random';
import type { StatsRecorder } from './stats-recorder';

/** The state one running simulator shares between its request handlers. */
export interface SimulatorRuntime {
  seed: number;
  organization: string;
  plan: 'free' | 'developer';
  timeScale: number;
  now: () => number;
  models: ReadonlyMap<string, ResolvedModel>;
  limiter: RateLimiter;
  cache: PromptCache;
  faults: FaultInjector;
  stats: StatsRecorder;
  ids: IdSequence;
  batches: BatchStore;
  /** How long new batches validate and run unless a request header says otherwise. */
  batchTiming: BatchTiming;
}

/** Deterministic ids: the n-th id of each kind depends only on the seed and n. */
export class IdSequence {
  private counters = new Map<string, number>();

  constructor(private readonly seed: number) {}

  private next(kind: string): number {
    const n = (this.counters.get(kind) ?? 0) + 1;
    this.counters.set(kind, n);
    return n;
  }

  /** `req_01...` (Groq's `x_groq.id` and `x-request-id`). */
  requestId(): string {
    return `req_01${base32Id(24, this.seed, 'req', this.next('req'))}`;
  }

  /** `chatcmpl-<uuid>`. */
  chatCompletionId(): string {
    return `chatcmpl-${uuidFrom(this.seed, 'chatcmpl', this.next('chatcmpl'))}`;
  }

  /** `<prefix>_01...` for files, batches and batch request lines. */
  objectId(prefix: 'file' | 'batch' | 'batch_req'): string {
    return `${prefix}_01${base32Id(24, this.seed, prefix, this.next(prefix))}`;
  }

  /** `<prefix>_01...` for Responses API objects (`resp`, `msg`, `rs`, `fc`, `ci`, `ws`, `mcp`, ...). */
  itemId(prefix: string): string {
    return `${prefix}_01${base32Id(24, this.seed, prefix, this.next(prefix))}`;
  }

  reset(): void {
    this.counters.clear();
  }
}

/** Groq's `system_fingerprint` of a model: stable per model id. */
export function systemFingerprint(model: string): string {
  return `fp_${hexId(10, 'fingerprint', model)}`;
}

/** The organization id shown in rate-limit messages when none is configured. */
export function organizationFor(seed: number): string {
  return `org_01${base32Id(24, seed, 'organization')}`;
}

/** The scope named in a rate-limit message for `model`. */
export function rateLimitScope(
  runtime: SimulatorRuntime,
  model: string,
  serviceTier: string,
): RateLimitScope {
  return { model, organization: runtime.organization, serviceTier, plan: runtime.plan };
}
