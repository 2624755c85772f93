import { parseArgs } from 'node:util';
import type { Usage } from '../types.js';

/** Bad command-line input; the message says what was wrong and what was expected. */
export class CliUsageError extends Error {
  override readonly name = 'CliUsageError';
}

/** What the command line asks for. */
export type CliRequest =
  | { kind: 'help' }
  | { kind: 'list'; json: boolean; priceFiles: string[] }
  | {
      kind: 'price';
      model: string;
      usage: Usage;
      batch: boolean;
      serviceTier: string | undefined;
      at: Date;
      baseline: string | undefined;
      json: boolean;
      priceFiles: string[];
    };

const OPTIONS = {
  model: { type: 'string' },
  input: { type: 'string' },
  cached: { type: 'string' },
  output: { type: 'string' },
  reasoning: { type: 'string' },
  'audio-seconds': { type: 'string' },
  characters: { type: 'string' },
  tool: { type: 'string', multiple: true },
  batch: { type: 'boolean' },
  'service-tier': { type: 'string' },
  baseline: { type: 'string' },
  'price-file': { type: 'string', multiple: true },
  at: { type: 'string' },
  json: { type: 'boolean' },
  list: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const WHOLE_NUMBER = /^\d+$/;
const SECONDS = /^\d+(\.\d+)?$/;
const TOOL_USE = /^([a-z0-9][a-z0-9_.-]*)=(?:(\d+)|(\d+(?:\.\d+)?)s)$/;
const AT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/;

function count(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!WHOLE_NUMBER.test(value) || !Number.isSafeInteger(parsed)) {
    throw new CliUsageError(`--${flag} expects a whole number ≥ 0, got "${value}"`);
  }
  return parsed;
}

function seconds(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!SECONDS.test(value))
    throw new CliUsageError(`--${flag} expects seconds such as 12 or 3.25, got "${value}"`);
  return Number(value);
}

function toolUsage(values: string[] | undefined): Pick<Usage, 'toolCalls' | 'toolSeconds'> {
  const toolCalls: Record<string, number> = {};
  const toolSeconds: Record<string, number> = {};
  for (const value of values ?? []) {
    const match = TOOL_USE.exec(value);
    if (!match) {
      throw new CliUsageError(
        `--tool expects NAME=COUNT for calls (web_search=3) or NAME=SECONDSs for time-billed tools (code_execution=90s), got "${value}"`,
      );
    }
    const [, name = '', calls, time] = match;
    if (name in toolCalls || name in toolSeconds)
      throw new CliUsageError(`--tool ${name} is given more than once`);
    if (calls !== undefined) toolCalls[name] = count('tool', calls) ?? 0;
    else toolSeconds[name] = Number(time);
  }
  const result: Pick<Usage, 'toolCalls' | 'toolSeconds'> = {};
  if (Object.keys(toolCalls).length > 0) result.toolCalls = toolCalls;
  if (Object.keys(toolSeconds).length > 0) result.toolSeconds = toolSeconds;
  return result;
}

function time(value: string | undefined): Date {
  if (value === undefined) return new Date();
  const at = new Date(value);
  if (!AT.test(value) || Number.isNaN(at.getTime())) {
    throw new CliUsageError(
      `--at expects an ISO date (2026-08-15) or a date-time with a zone (2026-08-15T12:00:00Z), got "${value}"`,
    );
  }
  return at;
}

function readFlags(argv: string[]) {
  try {
    return parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new CliUsageError(error instanceof Error ? error.message : String(error));
  }
}

/**
 * Reads the command line.
 *
 * @throws {CliUsageError} for unknown flags, missing values and malformed numbers or dates.
 */
export function parseCliArgs(argv: string[]): CliRequest {
  const values = readFlags(argv);
  const priceFiles = values['price-file'] ?? [];
  const json = values.json === true;
  if (values.help) return { kind: 'help' };
  if (values.list) return { kind: 'list', json, priceFiles };
  if (values.model === undefined)
    throw new CliUsageError('--model ID is required (or --list to see the catalogue)');

  const usage: Usage = { ...toolUsage(values.tool) };
  const fields = {
    inputTokens: count('input', values.input),
    cachedInputTokens: count('cached', values.cached),
    outputTokens: count('output', values.output),
    reasoningTokens: count('reasoning', values.reasoning),
    audioSeconds: seconds('audio-seconds', values['audio-seconds']),
    characters: count('characters', values.characters),
  };
  for (const [field, value] of Object.entries(fields)) {
    if (value !== undefined) usage[field as keyof typeof fields] = value;
  }
  return {
    kind: 'price',
    model: values.model,
    usage,
    batch: values.batch === true,
    serviceTier: values['service-tier'],
    at: time(values.at),
    baseline: values.baseline,
    json,
    priceFiles,
  };
}
