/**
 * One label's value read from a series' label text (`a="x",b="y"`, escaped as the exposition
 * writes it; see `label-text.ts`), without reading the others: the budgets match their scopes
 * against every cost series at every scrape, and the pages total and filter every series of their
 * families at each history sample, so neither parses a label set nor keeps one per series.
 *
 * A quote inside a value is always escaped (`\"`), so `name="` starts a label only at the start
 * of the text or after a comma, and the value ends at the first quote not escaped.
 */
export function labelValueIn(text: string, name: string): string | undefined {
  const opening = `${name}="`;
  const comma = text.startsWith(opening) ? -1 : text.indexOf(`,${opening}`);
  if (comma === -1 && !text.startsWith(opening)) return undefined;
  const start = comma + 1 + opening.length;
  let at = start;
  let escaped = false;
  for (;;) {
    const char = text[at];
    if (char === undefined) return undefined;
    if (char === '"') break;
    if (char === '\\') {
      escaped = true;
      at++;
    }
    at++;
  }
  const raw = text.slice(start, at);
  return escaped ? raw.replace(/\\(.)/g, (_, char: string) => (char === 'n' ? '\n' : char)) : raw;
}

/** Whether the label text has every `label: value` of a budget scope (`{}`: every series). */
export function scopeMatchesText(scope: Readonly<Record<string, string>>, text: string): boolean {
  for (const [label, value] of Object.entries(scope)) if (labelValueIn(text, label) !== value) return false;
  return true;
}
