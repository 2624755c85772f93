/** The dashboard's time range as Grafana substitutes it into queries. */
export const RANGE = '$__range';

/** The range in seconds. */
export const RANGE_SECONDS = '$__range_s';

/** Grafana's rate window: at least four scrape intervals, so `rate()` always has two samples. */
export const RATE_INTERVAL = '$__rate_interval';

/** Panel relative time "this month so far" (calendar month in the dashboard's time zone). */
export const MONTH_TO_DATE = 'now/M';
