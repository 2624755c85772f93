import { scopeText } from '@groqmeter/budgets';
import type { Counter, Meter } from '@opentelemetry/api';
import type { AdmissionDecision, AdmissionHook, AdmissionRequest } from '../admission.js';
import type { ExhaustedBudget, ProxyBudgets } from './proxy-budgets.js';

/**
 * What a request is known by when it is admitted, as budget scope labels: its attribution
 * (`feature`, `platform`, `key_label`, …), its `model` and its `operation`. A budget scoped on a
 * label only known from the answer (`component`, `service_tier`) is never matched here.
 */
export function admissionLabels(request: AdmissionRequest): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [key, value] of Object.entries(request.attribution)) {
    if (value !== undefined) labels[key.replace(/[^a-zA-Z0-9_]/g, '_')] = String(value);
  }
  if (request.requestModel !== undefined) labels.model = request.requestModel;
  if (request.operation !== undefined) labels.operation = request.operation;
  return labels;
}

/**
 * The Groq-shaped 429 of a budget over its hard limit: Groq's `{"error":{message,type,code}}`
 * (code `budget_exceeded`, plus the budget and when it resets), `retry-after` in seconds until the
 * reset, and `x-should-retry: false`, which groq-sdk and the openai SDK obey instead of retrying.
 */
export function budgetRefusal(exhausted: ExhaustedBudget, nowMs: number): AdmissionDecision {
  const { budget, spentUsd, resetsAtMs } = exhausted;
  const resetsAt = new Date(resetsAtMs).toISOString();
  return {
    action: 'respond',
    status: 429,
    headers: {
      'retry-after': String(Math.max(1, Math.ceil((resetsAtMs - nowMs) / 1000))),
      'x-should-retry': 'false',
      'x-groqmeter-budget': budget.name,
    },
    body: JSON.stringify({
      error: {
        message:
          `Budget ${budget.name} (${scopeText(budget.scope)}, per ${budget.period}) is used up: ` +
          `$${Number(spentUsd.toPrecision(12))} spent of $${budget.usd}. The groqmeter proxy refuses its requests ` +
          `until the budget resets at ${resetsAt}; nothing was sent to Groq.`,
        type: 'budget_exceeded',
        code: 'budget_exceeded',
        budget: budget.name,
        resets_at: resetsAt,
      },
    }),
  };
}

/**
 * An admission hook that refuses the requests of a scope whose enforced budget is used up, counts
 * each refusal in `refusals` (`groqmeter_proxy_budget_refusals_total{budget}`), and hands every
 * other request to `next`.
 */
export function budgetAdmission(
  budgets: ProxyBudgets,
  refusals: Counter,
  next: AdmissionHook,
  clock: () => number = Date.now,
): AdmissionHook {
  return (request) => {
    const exhausted = budgets.exhausted(admissionLabels(request));
    if (exhausted === undefined) return next(request);
    refusals.add(1, { budget: exhausted.budget.name });
    return budgetRefusal(exhausted, clock());
  };
}

/** `groqmeter.proxy.budget.refusals` (`groqmeter_proxy_budget_refusals_total{budget}`): requests refused over a budget. */
export function budgetRefusalCounter(meter: Meter): Counter {
  return meter.createCounter('groqmeter.proxy.budget.refusals', {
    description: 'Requests the groqmeter proxy refused (429) because their budget is used up, by budget',
    unit: '{request}',
  });
}
