/** A series' labels as `[name, value]` pairs, the way the exporter's store keeps them. */
export type LabelPairs = readonly (readonly [string, string])[];

/** Budget scopes as `label=value` text: `all` for `{}`, else pairs sorted by label, comma-separated. */
export function scopeText(scope: Readonly<Record<string, string>>): string {
  const pairs = Object.entries(scope).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return pairs.length === 0 ? 'all' : pairs.map(([label, value]) => `${label}=${value}`).join(',');
}

/** True when a series carries every `label=value` pair of the scope (`{}` matches every series). */
export function scopeMatches(scope: Readonly<Record<string, string>>, labels: LabelPairs): boolean {
  for (const [label, value] of Object.entries(scope)) {
    if (!labels.some(([name, actual]) => name === label && actual === value)) return false;
  }
  return true;
}
