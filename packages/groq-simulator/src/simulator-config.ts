import { readFile } from 'node:fs/promises';
import { isRecord } from './is-record';
import { FAULT_KINDS, type SimulatorOperation, type SimulatorOptions } from './types';

/** Thrown when options or a config file do not describe a valid simulator. */
export class SimulatorConfigError extends Error {
  constructor(
    readonly source: string,
    readonly problems: readonly string[],
  ) {
    super(
      `Invalid simulator configuration in ${source}:\n${problems.map((p) => `  - ${p}`).join('\n')}\nFix these values (see the README section "Configuration") and start the simulator again.`,
    );
    this.name = 'SimulatorConfigError';
  }
}

const OPERATIONS: readonly SimulatorOperation[] = [
  'chat',
  'responses',
  'transcription',
  'translation',
  'speech',
  'models',
  'files',
  'batch',
];
const MODEL_KINDS = ['chat', 'guard', 'transcription', 'speech'];
const REASONING_FORMATS = ['parsed', 'raw', 'hidden'];

type Check = (value: unknown) => string | undefined;

const wholeNumber =
  (min: number, max = Number.MAX_SAFE_INTEGER): Check =>
  (v) =>
    typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max
      ? undefined
      : `must be a whole number from ${min}${max < Number.MAX_SAFE_INTEGER ? ` to ${max}` : ' up'}`;
const number =
  (min: number, exclusive = false): Check =>
  (v) =>
    typeof v === 'number' && Number.isFinite(v) && (exclusive ? v > min : v >= min)
      ? undefined
      : `must be a number ${exclusive ? '>' : '>='} ${min}`;
const probability: Check = (v) =>
  typeof v === 'number' && v >= 0 && v <= 1 ? undefined : 'must be a probability from 0 to 1';
const text: Check = (v) =>
  typeof v === 'string' && v.trim() !== '' ? undefined : 'must be a non-empty string';
const flag: Check = (v) => (typeof v === 'boolean' ? undefined : 'must be true or false');
const oneOf =
  (values: readonly string[]): Check =>
  (v) =>
    typeof v === 'string' && values.includes(v)
      ? undefined
      : `must be one of ${values.map((x) => `"${x}"`).join(', ')}`;

class Problems {
  readonly list: string[] = [];

  check(path: string, value: unknown, check: Check): void {
    if (value === undefined) return;
    const problem = check(value);
    if (problem) this.list.push(`${path} ${problem}, got ${JSON.stringify(value)}`);
  }

  /** Reports keys of `value` not in `allowed`; false when `value` is not an object at all. */
  object(path: string, value: unknown, allowed: readonly string[]): value is Record<string, unknown> {
    if (!isRecord(value)) {
      this.list.push(`${path} must be an object, got ${JSON.stringify(value)}`);
      return false;
    }
    for (const key of Object.keys(value)) {
      if (!allowed.includes(key)) {
        this.list.push(`${path} has unknown key "${key}"; expected one of ${allowed.join(', ')}`);
      }
    }
    return true;
  }
}

const OPTION_KEYS = [
  'port',
  'host',
  'seed',
  'models',
  'faults',
  'timeScale',
  'plan',
  'organization',
  'retiredModel',
  'batchTiming',
  'now',
];
const MODEL_KEYS = [
  'kind',
  'ownedBy',
  'contextWindow',
  'maxCompletionTokens',
  'active',
  'latencyMs',
  'timeToFirstTokenMs',
  'outputTokensPerSecond',
  'completionTokens',
  'reasoningTokens',
  'defaultReasoningFormat',
  'promptCaching',
  'limits',
  'errorRates',
];
const FAULT_RULE_KEYS = ['fault', 'count', 'model', 'operation', 'retryAfterSeconds'];

/**
 * Checks simulator options (from code or a parsed config file) and returns them typed.
 *
 * @param source where the options came from, named in the error (a file path or "options")
 * @throws SimulatorConfigError listing every problem found
 */
export function validateSimulatorOptions(value: unknown, source: string): SimulatorOptions {
  const problems = new Problems();
  if (!problems.object('the configuration', value, OPTION_KEYS))
    throw new SimulatorConfigError(source, problems.list);
  problems.check('port', value.port, wholeNumber(0, 65_535));
  problems.check('host', value.host, text);
  problems.check('seed', value.seed, wholeNumber(Number.MIN_SAFE_INTEGER));
  problems.check('timeScale', value.timeScale, number(0));
  problems.check('plan', value.plan, oneOf(['free', 'developer']));
  problems.check('organization', value.organization, text);
  if (
    value.batchTiming !== undefined &&
    problems.object('batchTiming', value.batchTiming, ['validatingSeconds', 'inProgressSeconds'])
  ) {
    problems.check('batchTiming.validatingSeconds', value.batchTiming.validatingSeconds, number(0));
    problems.check('batchTiming.inProgressSeconds', value.batchTiming.inProgressSeconds, number(0));
  }
  if (value.retiredModel !== null) problems.check('retiredModel', value.retiredModel, text);
  if (value.now !== undefined && typeof value.now !== 'function') {
    problems.list.push('now must be a function returning milliseconds (it cannot come from a JSON file)');
  }
  if (
    value.models !== undefined &&
    problems.object('models', value.models, Object.keys(value.models as object))
  ) {
    for (const [id, model] of Object.entries(value.models)) checkModel(problems, `models["${id}"]`, model);
  }
  if (value.faults !== undefined) {
    if (!Array.isArray(value.faults))
      problems.list.push(`faults must be an array, got ${JSON.stringify(value.faults)}`);
    else {
      for (const [i, rule] of value.faults.entries()) checkFaultRule(problems, `faults[${i}]`, rule);
    }
  }
  if (problems.list.length > 0) throw new SimulatorConfigError(source, problems.list);
  return value as SimulatorOptions;
}

function checkModel(problems: Problems, path: string, model: unknown): void {
  if (!problems.object(path, model, MODEL_KEYS)) return;
  problems.check(`${path}.kind`, model.kind, oneOf(MODEL_KINDS));
  problems.check(`${path}.ownedBy`, model.ownedBy, text);
  problems.check(`${path}.contextWindow`, model.contextWindow, wholeNumber(1));
  problems.check(`${path}.maxCompletionTokens`, model.maxCompletionTokens, wholeNumber(1));
  problems.check(`${path}.active`, model.active, flag);
  problems.check(`${path}.latencyMs`, model.latencyMs, number(0));
  problems.check(`${path}.timeToFirstTokenMs`, model.timeToFirstTokenMs, number(0));
  problems.check(`${path}.outputTokensPerSecond`, model.outputTokensPerSecond, number(0, true));
  problems.check(`${path}.completionTokens`, model.completionTokens, wholeNumber(1));
  problems.check(`${path}.reasoningTokens`, model.reasoningTokens, wholeNumber(0));
  problems.check(`${path}.defaultReasoningFormat`, model.defaultReasoningFormat, oneOf(REASONING_FORMATS));
  problems.check(`${path}.promptCaching`, model.promptCaching, flag);
  if (
    model.limits !== undefined &&
    problems.object(`${path}.limits`, model.limits, ['requestsPerDay', 'tokensPerMinute'])
  ) {
    problems.check(`${path}.limits.requestsPerDay`, model.limits.requestsPerDay, wholeNumber(1));
    problems.check(`${path}.limits.tokensPerMinute`, model.limits.tokensPerMinute, wholeNumber(1));
  }
  if (
    model.errorRates !== undefined &&
    problems.object(`${path}.errorRates`, model.errorRates, FAULT_KINDS)
  ) {
    let total = 0;
    for (const [kind, rate] of Object.entries(model.errorRates)) {
      problems.check(`${path}.errorRates["${kind}"]`, rate, probability);
      if (typeof rate === 'number') total += rate;
    }
    if (total > 1) {
      problems.list.push(
        `${path}.errorRates add up to ${Math.round(total * 1e6) / 1e6}; their sum must be at most 1`,
      );
    }
  }
}

function checkFaultRule(problems: Problems, path: string, rule: unknown): void {
  if (!problems.object(path, rule, FAULT_RULE_KEYS)) return;
  if (rule.fault === undefined)
    problems.list.push(`${path}.fault is missing; expected one of ${FAULT_KINDS.join(', ')}`);
  problems.check(`${path}.fault`, rule.fault, oneOf(FAULT_KINDS));
  problems.check(`${path}.count`, rule.count, wholeNumber(1));
  problems.check(`${path}.model`, rule.model, text);
  problems.check(`${path}.operation`, rule.operation, oneOf(OPERATIONS));
  problems.check(`${path}.retryAfterSeconds`, rule.retryAfterSeconds, number(0));
}

/**
 * Reads simulator options from a JSON file (the same shape as {@link SimulatorOptions}, without
 * `now`).
 *
 * @throws SimulatorConfigError when the file cannot be read, is not JSON, or has invalid values
 */
export async function loadSimulatorConfig(path: string): Promise<SimulatorOptions> {
  let textContent: string;
  try {
    textContent = await readFile(path, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new SimulatorConfigError(path, [`the file could not be read (${reason}); check the path`]);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(textContent);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new SimulatorConfigError(path, [`the file is not valid JSON (${reason})`]);
  }
  if (isRecord(parsed) && 'now' in parsed) {
    throw new SimulatorConfigError(path, [
      'now cannot be set from a file; pass it to startSimulator in code',
    ]);
  }
  return validateSimulatorOptions(parsed, path);
}
