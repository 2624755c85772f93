import {
  type BudgetDefinition,
  type BudgetsDocument,
  BudgetsFileError,
  periodBounds,
  readBudgetsFile,
  scopeMatches,
  scopeText,
  watchBudgetsFile,
} from '@groqmeter/budgets';
import type { Attributes } from '@opentelemetry/api';

/** A budget over its hard limit, as the proxy refuses its requests. */
export interface ExhaustedBudget {
  budget: BudgetDefinition;
  spentUsd: number;
  /** When the period ends and the budget resets, milliseconds since the epoch. */
  resetsAtMs: number;
}

/** Options of {@link ProxyBudgets}. */
export interface ProxyBudgetsOptions {
  /** `--budgets FILE`, the exporter's budgets file. */
  file: string;
  /**
   * The exporter's `/metrics` (`--budgets-exporter-url`): its `groqmeter_budget_spent_usd_total`
   * counts the spend of every proxy and app pushing to it, so that several proxies agree.
   */
  exporterMetricsUrl?: string;
  /** How often the exporter's view is read. */
  exporterPollMs?: number;
  clock?: () => number;
  /** Reports a budgets file that could not be reloaded, or an exporter that could not be read. */
  warn: (message: string, fields: Record<string, string | number | undefined>) => void;
}

interface PeriodSpend {
  startMs: number;
  usd: number;
}

/** How often the exporter's view is read by default. */
export const EXPORTER_POLL_MS = 5_000;

const SPENT_LINE = /^groqmeter_budget_spent_usd_total\{(?:[^}]*,)?budget="([^"]+)"(?:,[^}]*)?\} (\S+)$/gm;

/**
 * The budgets the proxy enforces (`enforce: true` in the budgets file) and the spend of each in its
 * current period: what the proxy's own recorder metered (every `groq.cost.usd` it added, matched
 * by the budget's scope), or the exporter's view when that is larger. The file is watched and
 * reloaded like the exporter's; a file that cannot be used keeps the last good budgets.
 */
export class ProxyBudgets {
  private document: BudgetsDocument;
  private readonly own = new Map<string, PeriodSpend>();
  private readonly fromExporter = new Map<string, number>();
  private readonly clock: () => number;
  private readonly stopWatching: () => void;
  private readonly poller: NodeJS.Timeout | undefined;

  /** @throws {BudgetsFileError} when the file cannot be used. */
  constructor(private readonly options: ProxyBudgetsOptions) {
    this.clock = options.clock ?? Date.now;
    this.document = readBudgetsFile(options.file);
    this.stopWatching = watchBudgetsFile(options.file, () => this.reload());
    if (options.exporterMetricsUrl !== undefined) {
      this.poller = setInterval(() => void this.readExporter(), options.exporterPollMs ?? EXPORTER_POLL_MS);
      this.poller.unref();
      void this.readExporter();
    }
  }

  /** The budgets a gateway enforces. */
  get enforced(): readonly BudgetDefinition[] {
    return this.document.budgets.filter((budget) => budget.enforce);
  }

  /** Adds a cost the proxy's recorder metered to every enforced budget whose scope it is in. */
  record(usd: number, attributes: Attributes): void {
    if (!(usd > 0)) return;
    const labels = labelsOf(attributes);
    const nowMs = this.clock();
    for (const budget of this.enforced) {
      if (!inScope(budget, labels)) continue;
      const spend = this.periodSpend(budget, nowMs);
      spend.usd += usd;
    }
  }

  /**
   * The first enforced budget whose scope holds every label of `labels` and whose spend this
   * period has reached its `usd`; `undefined` when the request may go.
   */
  exhausted(labels: Readonly<Record<string, string>>): ExhaustedBudget | undefined {
    const nowMs = this.clock();
    for (const budget of this.enforced) {
      if (!inScope(budget, labels)) continue;
      const own = this.periodSpend(budget, nowMs).usd;
      const spentUsd = Math.max(own, this.fromExporter.get(budget.name) ?? 0);
      if (spentUsd >= budget.usd) {
        return {
          budget,
          spentUsd,
          resetsAtMs: periodBounds(budget.period, this.document.timezone, nowMs).endMs,
        };
      }
    }
    return undefined;
  }

  close(): void {
    this.stopWatching();
    clearInterval(this.poller);
  }

  private periodSpend(budget: BudgetDefinition, nowMs: number): PeriodSpend {
    const { startMs } = periodBounds(budget.period, this.document.timezone, nowMs);
    // A budget whose scope or period changed on reload starts afresh, like a new period.
    const key = `${budget.name}\u0000${budget.period}\u0000${scopeText(budget.scope)}`;
    let spend = this.own.get(key);
    if (spend?.startMs !== startMs) {
      spend = { startMs, usd: 0 };
      this.own.set(key, spend);
    }
    return spend;
  }

  private reload(): void {
    try {
      this.document = readBudgetsFile(this.options.file);
    } catch (error) {
      if (!(error instanceof BudgetsFileError)) throw error;
      this.options.warn('budgets file rejected: the last good budgets stay in force', {
        file: this.options.file,
        error: error.message,
      });
    }
  }

  private async readExporter(): Promise<void> {
    const url = this.options.exporterMetricsUrl as string;
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const text = await response.text();
      this.fromExporter.clear();
      for (const [, budget, value] of text.matchAll(SPENT_LINE)) {
        this.fromExporter.set(budget as string, Number(value));
      }
    } catch (error) {
      // The proxy's own metering still holds; the exporter's view is only ever added to it.
      this.options.warn("the exporter's budget spend could not be read", {
        url,
        error: (error as Error).message,
      });
    }
  }
}

/** Metric attributes as the label names the exporter gives them (`.` and other marks become `_`). */
function labelsOf(attributes: Attributes): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined || value === null) continue;
    labels[key.replace(/[^a-zA-Z0-9_]/g, '_')] = String(value);
  }
  return labels;
}

function inScope(budget: BudgetDefinition, labels: Readonly<Record<string, string>>): boolean {
  return scopeMatches(budget.scope, Object.entries(labels));
}
