import { formatGoDuration } from './go-duration';
import type { ModelLimits } from './types';

/** The state of one budget as the `x-ratelimit-*` headers report it. */
export interface BudgetSnapshot {
  limit: number;
  /** Whole units left now. */
  remaining: number;
  /** Seconds until the budget is full again. */
  resetSeconds: number;
}

/** Budgets of one model; a missing field means the model has no limit of that kind. */
export interface ModelBudgetSnapshot {
  requests?: BudgetSnapshot;
  tokens?: BudgetSnapshot;
}

/** Why a request was refused. */
export interface RateLimitRefusal {
  ok: false;
  /** 429 when the budget is short now; 413 when the request can never fit the TPM limit. */
  status: 429 | 413;
  resource: 'requests' | 'tokens';
  limit: number;
  used: number;
  requested: number;
  /** Seconds until the request would fit (0 for 413). */
  waitSeconds: number;
}

export type Admission = { ok: true } | RateLimitRefusal;

const SECONDS_PER_DAY = 86_400;
const SECONDS_PER_MINUTE = 60;

/**
 * A budget that refills continuously: `limit` units per `periodSeconds`, starting full. Groq's
 * documented example (14400 RPD, 30 used, reset `2m59.56s`) matches a day budget refilling at
 * 14400 per 86400 s, so both RPD and TPM are modelled this way.
 */
class RefillingBudget {
  private level: number;
  private updatedAt: number;
  private readonly perSecond: number;

  constructor(
    readonly limit: number,
    periodSeconds: number,
    now: number,
  ) {
    this.level = limit;
    this.updatedAt = now;
    this.perSecond = limit / periodSeconds;
  }

  snapshot(now: number): BudgetSnapshot {
    this.refill(now);
    return {
      limit: this.limit,
      remaining: Math.floor(this.level),
      resetSeconds: (this.limit - this.level) / this.perSecond,
    };
  }

  /** Seconds until `amount` units are available (0 when they are now). */
  waitSeconds(amount: number, now: number): number {
    this.refill(now);
    return amount <= this.level ? 0 : (amount - this.level) / this.perSecond;
  }

  used(now: number): number {
    this.refill(now);
    return this.limit - Math.floor(this.level);
  }

  take(amount: number, now: number): void {
    this.refill(now);
    this.level -= amount;
  }

  private refill(now: number): void {
    const elapsedSeconds = Math.max(0, now - this.updatedAt) / 1000;
    this.level = Math.min(this.limit, this.level + elapsedSeconds * this.perSecond);
    this.updatedAt = Math.max(this.updatedAt, now);
  }
}

interface ModelBudgets {
  requests?: RefillingBudget;
  tokens?: RefillingBudget;
}

/**
 * Per-model request-per-day and token-per-minute budgets on an injectable clock. A request is
 * admitted only when both budgets cover it, and then both are charged at once.
 */
export class RateLimiter {
  private readonly budgets = new Map<string, ModelBudgets>();

  constructor(
    private readonly limitsOf: (model: string) => ModelLimits | undefined,
    private readonly now: () => number,
  ) {}

  /** Charges one request and `tokens` tokens to `model`, or says why it cannot. */
  admit(model: string, tokens: number): Admission {
    const now = this.now();
    const { requests, tokens: tokenBudget } = this.budgetsOf(model, now);
    if (tokenBudget && tokens > tokenBudget.limit) {
      return {
        ok: false,
        status: 413,
        resource: 'tokens',
        limit: tokenBudget.limit,
        used: tokenBudget.used(now),
        requested: tokens,
        waitSeconds: 0,
      };
    }
    const requestWait = requests?.waitSeconds(1, now) ?? 0;
    if (requests && requestWait > 0) {
      return refusal('requests', requests, now, 1, requestWait);
    }
    const tokenWait = tokenBudget?.waitSeconds(tokens, now) ?? 0;
    if (tokenBudget && tokenWait > 0) {
      return refusal('tokens', tokenBudget, now, tokens, tokenWait);
    }
    requests?.take(1, now);
    tokenBudget?.take(tokens, now);
    return { ok: true };
  }

  /** The budgets of `model` now, without charging anything. */
  snapshot(model: string): ModelBudgetSnapshot {
    const now = this.now();
    const { requests, tokens } = this.budgetsOf(model, now);
    const snapshot: ModelBudgetSnapshot = {};
    if (requests) snapshot.requests = requests.snapshot(now);
    if (tokens) snapshot.tokens = tokens.snapshot(now);
    return snapshot;
  }

  /** Refills every budget. */
  reset(): void {
    this.budgets.clear();
  }

  private budgetsOf(model: string, now: number): ModelBudgets {
    let budgets = this.budgets.get(model);
    if (!budgets) {
      const limits = this.limitsOf(model) ?? {};
      budgets = {};
      if (limits.requestsPerDay !== undefined) {
        budgets.requests = new RefillingBudget(limits.requestsPerDay, SECONDS_PER_DAY, now);
      }
      if (limits.tokensPerMinute !== undefined) {
        budgets.tokens = new RefillingBudget(limits.tokensPerMinute, SECONDS_PER_MINUTE, now);
      }
      this.budgets.set(model, budgets);
    }
    return budgets;
  }
}

function refusal(
  resource: 'requests' | 'tokens',
  budget: RefillingBudget,
  now: number,
  requested: number,
  waitSeconds: number,
): RateLimitRefusal {
  return {
    ok: false,
    status: 429,
    resource,
    limit: budget.limit,
    used: budget.used(now),
    requested,
    waitSeconds,
  };
}

/** The `x-ratelimit-*` headers of a snapshot, reset times in Go duration format. */
export function rateLimitHeaders(snapshot: ModelBudgetSnapshot): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const resource of ['requests', 'tokens'] as const) {
    const budget = snapshot[resource];
    if (!budget) continue;
    headers[`x-ratelimit-limit-${resource}`] = String(budget.limit);
    headers[`x-ratelimit-remaining-${resource}`] = String(budget.remaining);
    headers[`x-ratelimit-reset-${resource}`] = formatGoDuration(budget.resetSeconds);
  }
  return headers;
}
