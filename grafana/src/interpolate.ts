/**
 * Grafana's substitution of dashboard variables into a Prometheus query, for running dashboard
 * queries outside Grafana (tests, scripts). Multi-value variables become a regex alternation, as
 * Grafana does for `=~` matchers.
 */

/** Values of the variables a query may contain. */
export interface QueryVariables {
  /** Filter variables by name (`job`, `model`, ...): one value, several (OR-ed), or `.*` for All. */
  filters: Record<string, string | readonly string[]>;
  /** The dashboard (or panel) time range in seconds: `$__range`, `$__range_s`, `$__range_ms`. */
  rangeSeconds: number;
  /** `$__rate_interval` in seconds (Grafana: max(4 × scrape interval, step + scrape interval)). */
  rateIntervalSeconds: number;
  /** `$__interval` in seconds (the query step). */
  intervalSeconds: number;
}

const REGEX_SPECIAL = /[\\^$.|?*+()[\]{}]/g;

/** Escape a literal label value for use inside a PromQL regex matcher, as Grafana does. */
export function escapeRegex(value: string): string {
  return value.replace(REGEX_SPECIAL, '\\\\$&');
}

function filterValue(value: string | readonly string[]): string {
  if (typeof value === 'string') return value;
  const escaped = value.map(escapeRegex);
  return escaped.length === 1 ? (escaped[0] ?? '') : `(${escaped.join('|')})`;
}

/**
 * Replace `$name`, `${name}` and Grafana's built-in range variables in `expr`. A filter
 * variable given as a string is used verbatim (a regex such as `.*`); given as an array, its
 * values are escaped and OR-ed. Throws if a variable is left without a value.
 */
export function interpolate(expr: string, variables: QueryVariables): string {
  const builtIns: Record<string, string> = {
    __range_ms: String(variables.rangeSeconds * 1000),
    __range_s: String(variables.rangeSeconds),
    __range: `${variables.rangeSeconds}s`,
    __rate_interval: `${variables.rateIntervalSeconds}s`,
    __interval_ms: String(variables.intervalSeconds * 1000),
    __interval: `${variables.intervalSeconds}s`,
  };
  return expr.replace(
    /\$\{(\w+)\}|\$(\w+)/g,
    (match, braced: string | undefined, bare: string | undefined) => {
      const name = braced ?? bare ?? '';
      const builtIn = builtIns[name];
      if (builtIn !== undefined) return builtIn;
      const filter = variables.filters[name];
      if (filter === undefined) {
        throw new Error(
          `No value for the variable ${match} in query: ${expr}\nPass it in filters (e.g. { ${name}: '.*' }).`,
        );
      }
      return filterValue(filter);
    },
  );
}
