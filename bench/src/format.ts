/** Milliseconds for a table: µs below 1 ms, signed when asked (for added time). */
export function formatMs(ms: number, signed = false): string {
  const sign = signed && ms > 0 ? '+' : '';
  if (Math.abs(ms) < 1) return `${sign}${(ms * 1000).toFixed(0)} µs`;
  return `${sign}${ms.toFixed(ms >= 100 ? 0 : 2)} ms`;
}

/** Milliseconds as signed microseconds to a tenth, for costs per chunk (well under a microsecond). */
export function formatMicros(ms: number): string {
  return `${ms >= 0 ? '+' : ''}${(ms * 1000).toFixed(1)} µs`;
}

/** Bytes as KiB or MiB, signed when asked (for growth). */
export function formatBytes(bytes: number, signed = false): string {
  const sign = signed && bytes > 0 ? '+' : bytes < 0 ? '-' : '';
  const size = Math.abs(bytes);
  if (size < 1024) return `${sign}${size.toFixed(0)} B`;
  if (size < 1024 * 1024) return `${sign}${(size / 1024).toFixed(0)} KiB`;
  return `${sign}${(size / 1024 / 1024).toFixed(size < 100 * 1024 * 1024 ? 1 : 0)} MiB`;
}

/** A whole number with thousands separators: 1234567 -> "1,234,567". */
export function formatCount(count: number): string {
  return Math.round(count).toLocaleString('en-US');
}

export function formatRatio(ratio: number): string {
  return `${ratio.toFixed(2)}×`;
}

/**
 * A Markdown table with padded columns (the layout Biome's formatter gives Markdown, so that the
 * written results pass `biome check`); cells are escaped for `|`.
 */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const escaped = [header, ...rows].map((cells) => cells.map((cell) => cell.replaceAll('|', '\\|')));
  const width = (text: string) => [...text].length;
  const widths = header.map((_, column) =>
    Math.max(3, ...escaped.map((cells) => width(cells[column] ?? ''))),
  );
  const line = (cells: readonly string[]) =>
    `| ${widths.map((size, column) => (cells[column] ?? '') + ' '.repeat(size - width(cells[column] ?? ''))).join(' | ')} |`;
  const [head, ...body] = escaped;
  return [line(head!), line(widths.map((size) => '-'.repeat(size))), ...body.map(line)].join('\n');
}
