import {
  type BudgetDefinition,
  type BudgetsDocument,
  BudgetsFileError,
  forecastSpendUsd,
  readBudgetsFile,
  SpendRate,
  watchBudgetsFile,
} from '@groqmeter/budgets';
import type { Budget } from '../config/exporter-config.js';
import type { Logger } from '../log/logger.js';
import type { MetricStore } from '../store/metric-store.js';
import { BudgetSeries, type BudgetUse } from './budget-series.js';
import { budgetFromShorthand } from './budget-shorthand.js';
import { readBudgetState, writeBudgetState } from './budget-state-file.js';
import { type CounterReading, PeriodGrowth } from './period-growth.js';

/** The counter families a budget meters: spend, and operations by pricing outcome. */
const COST_FAMILY = 'groq_cost_usd_total';
const OPERATIONS_FAMILY = 'groq_priced_operations_total';

/** {@link ExporterBudgets}'s options. */
export interface ExporterBudgetsOptions {
  store: MetricStore;
  /** Budgets given as `--budget SCOPE:PERIOD:USD`. */
  shorthand: readonly Budget[];
  /** `--budgets FILE`, watched and reloaded on change. */
  file?: string;
  /** `--budgets-state FILE`: the periods' spend so far, read at start and saved as it grows. */
  stateFile?: string;
  logger: Logger;
}

/** How often, at most, the state file is written while spend grows (and once more at shutdown). */
const SAVE_INTERVAL_MS = 30_000;

/**
 * The exporter's budgets: the budgets file and the `--budget` shorthands, the spend and
 * operations of each budget's period so far, and the `groqmeter_budget_*` series that serve
 * them. {@link update} runs before every scrape.
 */
export class ExporterBudgets {
  private document: BudgetsDocument;
  private readonly spend: PeriodGrowth;
  private readonly operations: PeriodGrowth;
  private readonly series: BudgetSeries;
  private readonly rate = new SpendRate();
  private latest: readonly BudgetUse[] = [];
  private readonly stopWatching: (() => void) | undefined;
  private savedAtMs = Number.NEGATIVE_INFINITY;

  /**
   * Reads the budgets file (when given) and starts watching it.
   *
   * @throws {BudgetsFileError} when the file or a shorthand is invalid, or two budgets share a name;
   *   {@link BudgetStateFileError} when the state file exists but is not one.
   */
  constructor(private readonly options: ExporterBudgetsOptions) {
    this.document = this.load();
    this.spend = new PeriodGrowth(this.document.timezone);
    this.operations = new PeriodGrowth(this.document.timezone);
    const saved = options.stateFile === undefined ? undefined : readBudgetState(options.stateFile);
    if (saved) {
      this.spend.restore(saved.spend);
      this.operations.restore(saved.operations);
    }
    this.series = new BudgetSeries(options.store);
    this.stopWatching =
      options.file === undefined ? undefined : watchBudgetsFile(options.file, () => this.reload());
  }

  /** The budgets in force. */
  get budgets(): readonly BudgetDefinition[] {
    return this.document.budgets;
  }

  /** Each budget's use as of the last {@link update} (for the exporter's pages). */
  uses(): readonly BudgetUse[] {
    return this.latest;
  }

  /**
   * Reads the store's spend and operations, and serves each budget's use as of `nowMs`; the state
   * file, if any, is written when it is {@link SAVE_INTERVAL_MS} old.
   */
  update(nowMs: number): readonly BudgetUse[] {
    this.read(nowMs);
    if (nowMs - this.savedAtMs >= SAVE_INTERVAL_MS) this.save(nowMs);
    return this.latest;
  }

  /** Takes a last reading and writes the state file (at shutdown, once the last pushes are in). */
  saveNow(nowMs: number): void {
    this.read(nowMs);
    this.save(nowMs);
  }

  private read(nowMs: number): void {
    this.spend.observe(readings(this.options.store, COST_FAMILY), nowMs);
    this.operations.observe(readings(this.options.store, OPERATIONS_FAMILY), nowMs);
    this.rate.keepOnly(new Set(this.document.budgets.map((budget) => budget.name)));
    this.latest = this.document.budgets.map((budget): BudgetUse => {
      const bounds = this.spend.bounds(budget.period);
      if (!bounds) throw new Error('a reading sets the bounds of every period');
      const spentUsd = this.spend.growth(budget.period, budget.scope).get('') ?? 0;
      this.rate.observe(budget.name, spentUsd, nowMs);
      const ratePerSecond = this.rate.perSecond(budget.name);
      return {
        budget,
        bounds,
        spentUsd,
        ratePerSecond,
        forecastUsd:
          ratePerSecond === undefined
            ? undefined
            : forecastSpendUsd(spentUsd, ratePerSecond, nowMs, bounds.endMs),
        operations: this.operations.growth(budget.period, budget.scope, 'pricing'),
      };
    });
    this.series.publish(this.latest);
  }

  /** Writes the state file, if there is one; a failure is logged and retried at the next update. */
  private save(nowMs: number): void {
    const { stateFile, logger } = this.options;
    if (stateFile === undefined) return;
    try {
      writeBudgetState(stateFile, { spend: this.spend.saved(), operations: this.operations.saved() });
      this.savedAtMs = nowMs;
    } catch (error) {
      logger.warn('budget state file not written: a restart would count the periods from then on', {
        file: stateFile,
        error: (error as Error).message,
      });
    }
  }

  /** Stops watching the budgets file. */
  close(): void {
    this.stopWatching?.();
  }

  /** Reads the budgets file again; a file that cannot be used leaves the last good budgets in force. */
  reload(): void {
    try {
      this.document = this.load();
    } catch (error) {
      if (!(error instanceof BudgetsFileError)) throw error;
      this.series.countReload('rejected');
      this.options.logger.warn('budgets file rejected: the last good budgets stay in force', {
        file: this.options.file,
        error: error.message,
        budgets: this.document.budgets.length,
      });
      return;
    }
    this.spend.setTimeZone(this.document.timezone);
    this.operations.setTimeZone(this.document.timezone);
    this.series.countReload('applied');
    this.options.logger.info('budgets file reloaded', {
      file: this.options.file,
      budgets: this.document.budgets.length,
      timezone: this.document.timezone,
    });
  }

  private load(): BudgetsDocument {
    const fromFile: BudgetsDocument =
      this.options.file === undefined ? { timezone: 'UTC', budgets: [] } : readBudgetsFile(this.options.file);
    const budgets = [...fromFile.budgets];
    for (const shorthand of this.options.shorthand) {
      let budget: BudgetDefinition;
      try {
        budget = budgetFromShorthand(shorthand);
      } catch (error) {
        throw new BudgetsFileError(`--budget: ${(error as Error).message}`);
      }
      if (budgets.some((other) => other.name === budget.name)) {
        throw new BudgetsFileError(
          `--budget ${shorthand.scope}:${shorthand.period}:${shorthand.usd} is named ${budget.name}, like a budget of ${this.options.file ?? 'another --budget'}; give one of them another name or scope`,
        );
      }
      budgets.push(budget);
    }
    return { timezone: fromFile.timezone, budgets };
  }
}

function* readings(store: MetricStore, name: string): Generator<CounterReading> {
  const family = store.snapshot().find((candidate) => candidate.name === name);
  if (family?.kind !== 'counter') return;
  for (const series of family.series.values()) {
    const whole = series.firstElement();
    yield { labelText: series.labelText, received: whole - series.carriedIn, whole };
  }
}
