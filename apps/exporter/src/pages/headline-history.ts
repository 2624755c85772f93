import { HistoryRing } from './history-ring.js';

/**
 * The headline aggregates kept in memory for the pages' charts when no Prometheus is configured:
 * cumulative totals (and one gauge) as the exporter's store holds them at each sample.
 */
export const HEADLINE_COLUMNS = [
  'spendUsd',
  'inputTokens',
  'outputTokens',
  'requests',
  'errors',
  'finished',
  'durationSum',
  'durationCount',
  'lowestHeadroom',
] as const;

export type HeadlineColumn = (typeof HEADLINE_COLUMNS)[number];

/** Duration buckets kept per row; histograms with more buckets keep count and sum only. */
export const MAX_DURATION_BUCKETS = 20;

/** One sample of the headline aggregates. */
export interface HeadlineSample {
  values: Readonly<Record<HeadlineColumn, number>>;
  /** Bucket bounds of the operation duration, and per-bucket counts (`bounds.length + 1`). */
  durationBounds: readonly number[];
  durationBuckets: readonly number[];
}

/** A resolution of the history: how far apart its points are and how many it keeps. */
export interface HistoryResolution {
  stepMs: number;
  points: number;
}

/** An hour of 10-second points, for the live charts. */
export const FINE_RESOLUTION: HistoryResolution = { stepMs: 10_000, points: 360 };
/** A day of one-minute points. */
export const DAY_RESOLUTION: HistoryResolution = { stepMs: 60_000, points: 1440 };

const WIDTH = HEADLINE_COLUMNS.length + MAX_DURATION_BUCKETS;

/** The rows of one resolution, for charting. */
export interface HistoryRows {
  stepMs: number;
  /** The duration bucket bounds of the latest sample. */
  durationBounds: readonly number[];
  rows: { timeMs: number; row: Float64Array }[];
}

/**
 * A bounded in-memory history of the headline aggregates at two resolutions
 * ({@link FINE_RESOLUTION}, {@link DAY_RESOLUTION}). Memory is fixed at construction:
 * {@link HeadlineHistory.byteLength}.
 */
export class HeadlineHistory {
  private readonly fine: HistoryRing;
  private readonly day: HistoryRing;
  private durationBounds: readonly number[] = [];
  private readonly row = new Float64Array(WIDTH);

  constructor(
    readonly fineResolution: HistoryResolution = FINE_RESOLUTION,
    readonly dayResolution: HistoryResolution = DAY_RESOLUTION,
  ) {
    this.fine = new HistoryRing(fineResolution.points, WIDTH);
    this.day = new HistoryRing(dayResolution.points, WIDTH);
  }

  /**
   * Records a sample: always into the fine ring, into the day ring once per day step (the first
   * sample of each step). Bucket counts of a histogram with new bounds start a fresh comparison.
   */
  record(timeMs: number, sample: HeadlineSample): void {
    HEADLINE_COLUMNS.forEach((column, index) => {
      this.row[index] = sample.values[column];
    });
    const keepBuckets = sample.durationBuckets.length <= MAX_DURATION_BUCKETS;
    this.row.fill(Number.NaN, HEADLINE_COLUMNS.length);
    if (keepBuckets) {
      sample.durationBuckets.forEach((count, index) => {
        this.row[HEADLINE_COLUMNS.length + index] = count;
      });
    }
    this.durationBounds = keepBuckets ? sample.durationBounds : [];
    this.fine.push(timeMs, this.row);
    const lastDay = this.day.lastTimeMs();
    const step = this.dayResolution.stepMs;
    if (lastDay === undefined || Math.floor(lastDay / step) !== Math.floor(timeMs / step)) {
      this.day.push(timeMs, this.row);
    }
  }

  /** The rows of the fine (`1h`) or day (`24h`) resolution, oldest first. */
  rows(resolution: 'fine' | 'day'): HistoryRows {
    const ring = resolution === 'fine' ? this.fine : this.day;
    return {
      stepMs: resolution === 'fine' ? this.fineResolution.stepMs : this.dayResolution.stepMs,
      durationBounds: this.durationBounds,
      rows: [...ring.entries()].map(({ timeMs, row }) => ({ timeMs, row: row.slice() })),
    };
  }

  /** Bytes held by both rings (allocated up front, constant). */
  get byteLength(): number {
    return this.fine.byteLength + this.day.byteLength;
  }
}

/** The column index of a headline aggregate in a history row. */
export function columnIndex(column: HeadlineColumn): number {
  return HEADLINE_COLUMNS.indexOf(column);
}

/** The offset of the first duration bucket in a history row. */
export const BUCKETS_OFFSET = HEADLINE_COLUMNS.length;
