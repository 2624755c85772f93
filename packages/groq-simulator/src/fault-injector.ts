import { createHash } from 'node:crypto';
import { type GroqErrorResponse, invalidRequest } from './groq-errors';
import type { Random } from './seeded-random';
import { FAULT_KINDS, type FaultKind, type FaultRule, type SimulatorOperation } from './types';

/** Request headers that script faults from a test. */
export const FAULT_HEADER = 'x-simulator-fault';
export const FAULT_COUNT_HEADER = 'x-simulator-fault-count';
export const CALL_ID_HEADER = 'x-simulator-call-id';
export const RETRY_AFTER_HEADER = 'x-simulator-retry-after';
const SDK_RETRY_COUNT_HEADER = 'x-stainless-retry-count';

/** Faults answered with an error status instead of the answer. */
export function isErrorFault(kind: FaultKind): boolean {
  return kind === '429' || kind === '500' || kind === '503' || kind === '498';
}

/** A fault chosen for one request. */
export interface InjectedFault {
  kind: FaultKind;
  /** `retry-after` seconds when `kind` is `429` (already scaled). */
  retryAfterSeconds: number;
}

/** What the injector needs to know about a request. */
export interface FaultCandidate {
  model: string;
  operation: SimulatorOperation;
  serviceTier: string;
  headers: (name: string) => string | undefined;
  /** The raw request body: identical bodies are the same logical call when no id says otherwise. */
  body: Uint8Array;
  errorRates: Partial<Record<FaultKind, number>>;
}

export type FaultDecision = { fault?: InjectedFault } | { error: GroqErrorResponse };

interface ActiveRule {
  rule: FaultRule;
  remaining: number;
}

/**
 * Decides whether a request fails, in this order: the `x-simulator-fault` header, then the
 * scripted rules (first match with attempts left), then the model's random error rates.
 */
export class FaultInjector {
  private rules: ActiveRule[] = [];
  private readonly attempts = new Map<string, number>();

  constructor(
    private readonly scripted: readonly FaultRule[],
    private readonly random: Random,
    private readonly timeScale: number,
  ) {
    this.reset();
  }

  decide(candidate: FaultCandidate): FaultDecision {
    const fromHeader = this.fromHeaders(candidate);
    if (fromHeader) return fromHeader;
    const rule = this.rules.find(
      ({ rule: r, remaining }) =>
        remaining > 0 &&
        (r.model === undefined || r.model === candidate.model) &&
        (r.operation === undefined || r.operation === candidate.operation),
    );
    if (rule) {
      rule.remaining -= 1;
      return { fault: this.fault(rule.rule.fault, rule.rule.retryAfterSeconds) };
    }
    const fault = this.randomFault(candidate);
    return fault ? { fault } : {};
  }

  /** Restores every scripted rule and forgets the attempts of logical calls. */
  reset(): void {
    this.rules = this.scripted.map((rule) => ({ rule, remaining: rule.count ?? 1 }));
    this.attempts.clear();
  }

  private fromHeaders(candidate: FaultCandidate): FaultDecision | undefined {
    const value = candidate.headers(FAULT_HEADER);
    if (value === undefined) return undefined;
    const kind = FAULT_KINDS.find((k) => k === value.trim());
    if (!kind) {
      return {
        error: invalidRequest(
          `Header ${FAULT_HEADER} is \`${value}\`; expected one of ${FAULT_KINDS.join(', ')}.`,
          'invalid_simulator_header',
        ),
      };
    }
    const retryAfter = optionalNumber(candidate.headers(RETRY_AFTER_HEADER));
    if (retryAfter === null) {
      return {
        error: invalidRequest(
          `Header ${RETRY_AFTER_HEADER} must be a number of seconds >= 0.`,
          'invalid_simulator_header',
        ),
      };
    }
    const countHeader = candidate.headers(FAULT_COUNT_HEADER);
    if (countHeader === undefined) return { fault: this.fault(kind, retryAfter) };
    const count = Number(countHeader);
    if (!Number.isInteger(count) || count < 0) {
      return {
        error: invalidRequest(
          `Header ${FAULT_COUNT_HEADER} is \`${countHeader}\`; expected a whole number of attempts >= 0.`,
          'invalid_simulator_header',
        ),
      };
    }
    return this.attemptOf(candidate) < count ? { fault: this.fault(kind, retryAfter) } : {};
  }

  /**
   * Which attempt (0-based) of its logical call this request is: counted per
   * `x-simulator-call-id`, else read from the SDK's `x-stainless-retry-count`, else counted per
   * identical model + body.
   */
  private attemptOf(candidate: FaultCandidate): number {
    const callId = candidate.headers(CALL_ID_HEADER);
    if (callId === undefined) {
      const retryCount = Number(candidate.headers(SDK_RETRY_COUNT_HEADER));
      if (Number.isInteger(retryCount) && retryCount >= 0) return retryCount;
    }
    const key =
      callId !== undefined
        ? `id:${callId}`
        : `body:${createHash('sha256').update(candidate.model).update(candidate.body).digest('hex')}`;
    const attempt = this.attempts.get(key) ?? 0;
    this.attempts.set(key, attempt + 1);
    return attempt;
  }

  private randomFault(candidate: FaultCandidate): InjectedFault | undefined {
    const draw = this.random();
    let threshold = 0;
    for (const kind of FAULT_KINDS) {
      if (kind === '498' && candidate.serviceTier !== 'flex') continue;
      threshold += candidate.errorRates[kind] ?? 0;
      if (draw < threshold) return this.fault(kind, undefined);
    }
    return undefined;
  }

  private fault(kind: FaultKind, retryAfterSeconds: number | undefined): InjectedFault {
    return { kind, retryAfterSeconds: retryAfterSeconds ?? Math.ceil(this.timeScale) };
  }
}

/** `undefined` when absent, `null` when not a number >= 0. */
function optionalNumber(value: string | undefined): number | undefined | null {
  if (value === undefined) return undefined;
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 && value.trim() !== '' ? n : null;
}
