import type { Labels } from '../store/series.js';

/**
 * A series' label set as the exposition writes it: `a="x",b="y"`, sorted by name, values escaped,
 * without braces. The store keys series by this text and the exposition writes it as it is, so
 * a label set is escaped once, when its series is made, not at every scrape.
 */

const LABEL_VALUE_ESCAPES = /[\\"\n]/;

/** A label value escaped for the exposition as prom-client escapes it: `\\`, `\n`, `\"`. */
export function escapeLabelValue(value: string): string {
  if (!LABEL_VALUE_ESCAPES.test(value)) return value;
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

/** The label text of name-sorted label pairs (empty values are the caller's to leave out). */
export function labelText(labels: Labels): string {
  // Joined: one flat string, not a tree of concatenations kept by the series.
  return labels.map(([name, value]) => `${name}="${escapeLabelValue(value)}"`).join(',');
}

/** The store's estimate of a label set's exposition bytes per line: name, value and 4 per label. */
export function labelBytes(labels: Labels): number {
  let bytes = 0;
  for (const [name, value] of labels) bytes += name.length + value.length + 4;
  return bytes;
}

const BACKSLASH = 0x5c;
const QUOTE = 0x22;

/** The label pairs of a label text made by {@link labelText} (its inverse). */
export function parseLabelText(text: string): Labels {
  const labels: [string, string][] = [];
  let index = 0;
  while (index < text.length) {
    const equals = text.indexOf('="', index);
    const name = sharedName(text.slice(index, equals));
    let value = '';
    let from = equals + 2;
    let at = from;
    for (;;) {
      const code = text.charCodeAt(at);
      if (code === QUOTE) break;
      if (code === BACKSLASH) {
        const escaped = text[at + 1];
        value += `${text.slice(from, at)}${escaped === 'n' ? '\n' : escaped}`;
        at += 2;
        from = at;
      } else at++;
    }
    value += text.slice(from, at);
    labels.push([name, value]);
    // Past the closing quote and the comma.
    index = at + 2;
  }
  return labels;
}

/**
 * Label names, one string each: the label sets read back (the priced usage of a push, a series
 * going, the pages' points whose labels are read) then share them instead of each holding a
 * copy. Bounded like the sanitised-name cache.
 */
const NAME_CACHE_LIMIT = 4096;
const names = new Map<string, string>();

function sharedName(name: string): string {
  const shared = names.get(name);
  if (shared !== undefined) return shared;
  if (names.size >= NAME_CACHE_LIMIT) names.clear();
  names.set(name, name);
  return name;
}
