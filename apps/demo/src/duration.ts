const UNIT_SECONDS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600 };
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h)/gy;

/**
 * Parses a run length given on the command line into seconds: a bare number of seconds (`60`),
 * or one or more number-unit parts (`20s`, `1m`, `1m30s`, `1.5h`, `500ms`).
 *
 * @throws Error naming the input and the accepted forms when `text` is not a positive duration.
 */
export function parseDuration(text: string): number {
  const trimmed = text.trim();
  const seconds = /^\d+(?:\.\d+)?$/.test(trimmed) ? Number(trimmed) : sumUnitParts(trimmed);
  if (seconds === undefined || !(seconds > 0)) {
    throw new Error(
      `"${text}" is not a duration: expected a positive number of seconds (60) or number-unit parts (20s, 1m, 1m30s, 500ms)`,
    );
  }
  return seconds;
}

function sumUnitParts(text: string): number | undefined {
  PART.lastIndex = 0;
  let total = 0;
  let consumed = 0;
  for (let match = PART.exec(text); match !== null; match = PART.exec(text)) {
    total += Number(match[1]) * (UNIT_SECONDS[match[2] ?? ''] ?? Number.NaN);
    consumed = PART.lastIndex;
  }
  return consumed === text.length && consumed > 0 ? total : undefined;
}
