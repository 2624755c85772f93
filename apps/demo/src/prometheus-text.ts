/** One sample line of the Prometheus text exposition format. */
export interface MetricSample {
  /** The series name as exposed, suffix included (`groq_cost_usd_total`, `..._bucket`). */
  name: string;
  labels: Record<string, string>;
  value: number;
}

const NAME = /[a-zA-Z_:][a-zA-Z0-9_:]*/y;
const LABEL_NAME = /[a-zA-Z_][a-zA-Z0-9_]*/y;
const ESCAPES: Record<string, string> = { '\\': '\\', '"': '"', n: '\n' };

/**
 * Parses the Prometheus text exposition format (version 0.0.4, and the OpenMetrics text that
 * differs from it only in `# EOF` and comments) into its samples. `# HELP`/`# TYPE` comments and
 * timestamps are skipped: the summary needs names, labels and values only.
 *
 * @throws Error naming the line number and what was expected when a line is malformed.
 */
export function parsePrometheusText(text: string): MetricSample[] {
  const samples: MetricSample[] = [];
  const lines = text.split('\n');
  for (const [index, rawLine] of lines.entries()) {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#')) continue;
    samples.push(parseSampleLine(line, index + 1));
  }
  return samples;
}

function parseSampleLine(line: string, lineNumber: number): MetricSample {
  const fail = (expected: string, at: number): never => {
    throw new Error(
      `metrics text line ${lineNumber}, column ${at + 1}: expected ${expected}; the line is: ${line}`,
    );
  };
  NAME.lastIndex = 0;
  const name = NAME.exec(line)?.[0] ?? fail('a metric name', 0);
  let at = name.length;
  const labels: Record<string, string> = {};
  if (line[at] === '{') {
    at = skipSpaces(line, at + 1);
    while (line[at] !== '}') {
      LABEL_NAME.lastIndex = at;
      const labelName = LABEL_NAME.exec(line)?.[0] ?? fail('a label name or "}"', at);
      at = skipSpaces(line, at + labelName.length);
      if (line[at] !== '=') fail('"=" after the label name', at);
      at = skipSpaces(line, at + 1);
      if (line[at] !== '"') fail('a quoted label value', at);
      const { value, end } = readQuoted(line, at + 1) ?? fail('a closing quote', line.length);
      labels[labelName] = value;
      at = skipSpaces(line, end);
      if (line[at] === ',') at = skipSpaces(line, at + 1);
      else if (line[at] !== '}') fail('"," or "}"', at);
    }
    at += 1;
  }
  const [valueText] = line.slice(at).trim().split(/\s+/);
  const value = parseSampleValue(valueText ?? '') ?? fail('a sample value (a number, +Inf, -Inf or NaN)', at);
  return { name, labels, value };
}

function skipSpaces(line: string, at: number): number {
  let position = at;
  while (line[position] === ' ' || line[position] === '\t') position += 1;
  return position;
}

function readQuoted(line: string, start: number): { value: string; end: number } | undefined {
  let value = '';
  for (let at = start; at < line.length; at += 1) {
    const char = line[at] as string;
    if (char === '"') return { value, end: at + 1 };
    if (char === '\\') {
      const next = line[at + 1] ?? '';
      value += ESCAPES[next] ?? `\\${next}`;
      at += 1;
    } else {
      value += char;
    }
  }
  return undefined;
}

/** Reads a sample value or a bucket bound (`le`): a float, `+Inf`, `-Inf` or `NaN`. */
export function parseSampleValue(text: string): number | undefined {
  if (text === '+Inf' || text === 'Inf') return Number.POSITIVE_INFINITY;
  if (text === '-Inf') return Number.NEGATIVE_INFINITY;
  if (text === 'NaN') return Number.NaN;
  if (text === '' || !/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) return undefined;
  return Number(text);
}
