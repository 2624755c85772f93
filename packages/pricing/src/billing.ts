import type { CompiledModel, CompiledPeriod, TokenPlan } from './compiled-model.js';
import { decimalFromNumber, divideRoundingUp, powerOfTen } from './decimal.js';
import { exactSum, isExactProduct } from './exact-double.js';
import { toolKey } from './price-units.js';
import type { Rate } from './rates.js';
import type { CostComponent, CostLine, Money, Usage } from './types.js';

/** Below this many seconds a double is finer than a millisecond by far (ulp < 2^-23 s). */
const FAST_SECONDS_LIMIT = 1e9;

/**
 * Seconds billed to the millisecond, rounded up, read from the number's decimal form (the value a
 * person typed or a JSON document carried, not the binary float nearest to it).
 *
 * When `ms / 1000` is the very double `seconds`, the number's shortest decimal form has at most
 * three decimals and is `ms / 1000` (below {@link FAST_SECONDS_LIMIT} two decimals with three
 * places cannot both round to one double), so `ms` is the billed count: no decimal parsing.
 */
export function billedMilliseconds(seconds: number): number | bigint {
  if (seconds < FAST_SECONDS_LIMIT) {
    // `+ 0` turns -0 into 0: the decimal form of -0 is "0".
    const milliseconds = Math.round(seconds * 1000) + 0;
    if (milliseconds / 1000 === seconds) return milliseconds;
  }
  const { units, scale } = decimalFromNumber(seconds);
  return scale <= 3 ? units * powerOfTen(3 - scale) : divideRoundingUp(units, powerOfTen(scale - 3));
}

/** `count × rate` in doubles when that is the exact product, else `NaN`. */
function exactProduct(count: number, rate: Rate): number {
  const product = count * rate.perUnitNumber;
  return isExactProduct(count, rate.perUnitNumber, rate.perUnitHigh, product) ? product : Number.NaN;
}

/**
 * A bill being made: its lines, their total, and why it cannot be priced (the first reason wins).
 * Amounts are bigints; beside them the total is summed in doubles while that is provably exact
 * ({@link isExactProduct}, {@link exactSum}), so that it can be formatted without bigint division
 * (converting a double to a bigint costs more than the bigint product itself).
 */
export class Bill {
  unpriced: string | undefined = undefined;

  /**
   * @param lines The lines so far.
   * @param total The sum of their amounts.
   * @param exactTotal The same in quanta while every amount was exact in doubles; `NaN` once one was not.
   */
  constructor(
    private readonly model: CompiledModel,
    private readonly period: CompiledPeriod,
    public lines: CostLine[],
    public total: Money,
    public exactTotal: number,
  ) {}

  /** Records why the usage cannot be priced; the first reason wins. */
  refuse(what: string, hint: string): void {
    if (this.unpriced !== undefined) return;
    const keys = Object.keys(this.period.listing.prices);
    const known = keys.length > 0 ? `its prices: ${keys.join(', ')}` : 'it has no prices of its own';
    this.unpriced = `${this.model.id} has no price for ${what} (${known}); ${hint}`;
  }

  /** A line billed per character or call: the quantity is the billed count. */
  count(component: CostComponent, count: number, unit: CostLine['unit'], rate: Rate, tool?: string): void {
    this.add(component, count, unit, rate, BigInt(count) * rate.perUnit, exactProduct(count, rate), tool);
  }

  /** A line billed per millisecond, shown in seconds. */
  time(component: CostComponent, milliseconds: number | bigint, rate: Rate, tool?: string): void {
    const quantity = Number(milliseconds) / 1000;
    if (typeof milliseconds === 'number') {
      const amount = BigInt(milliseconds) * rate.perUnit;
      this.add(component, quantity, 'second', rate, amount, exactProduct(milliseconds, rate), tool);
    } else {
      // More milliseconds than a double holds exactly: the bigint amount only.
      this.add(component, quantity, 'second', rate, milliseconds * rate.perUnit, Number.NaN, tool);
    }
  }

  /** Adds a line; `exact` is its amount as an exact double, or `NaN`. */
  private add(
    component: CostComponent,
    quantity: number,
    unit: CostLine['unit'],
    rate: Rate,
    amount: Money,
    exact: number,
    tool: string | undefined,
  ): void {
    const line: CostLine =
      tool === undefined
        ? { component, quantity, unit, amount }
        : { component, tool, quantity, unit, amount };
    if (rate.unconfirmed) line.unconfirmed = true;
    const { lines } = this;
    // The first line of a bill without token lines: an array of one (a push would reserve 17).
    if (lines.length === 0) {
      this.lines = [line];
      this.total = amount;
    } else {
      lines.push(line);
      this.total += amount;
    }
    this.exactTotal = exactSum(this.exactTotal, exact);
  }
}

/** The line of `count` tokens at `rate`. */
function tokenLine(component: CostComponent, count: number, rate: Rate): CostLine {
  const amount = BigInt(count) * rate.perUnit;
  return rate.unconfirmed
    ? { component, quantity: count, unit: 'token', amount, unconfirmed: true }
    : { component, quantity: count, unit: 'token', amount };
}

const TOKEN_HINT = 'add the price in a price file if you are billed for it';

/** A bill without lines that refuses `what`. */
function refused(model: CompiledModel, period: CompiledPeriod, what: string, hint = TOKEN_HINT): Bill {
  const bill = new Bill(model, period, [], 0n, 0);
  bill.refuse(what, hint);
  return bill;
}

/**
 * The bill of the tokens of a validated usage, where every bill starts: uncached text input,
 * cached input, audio input, text output (reasoning included) and audio output at the rates of
 * `plan` (`undefined`: a batch the model has no price for). A chat costing has nothing else to
 * bill, so this is its hot path: every count is checked against the plan first (the first one
 * without a rate refuses the usage, as the lines of an unpriced bill are never shown), then the
 * lines go into an array made at their number (a push into an empty array reserves 17 slots).
 * Amounts are `BigInt(count) * perUnit`: converting the exact double product instead makes one
 * bigint where this makes two, but measured slower (a double past the small-integer range takes
 * the runtime's conversion).
 */
function billTokens(
  model: CompiledModel,
  period: CompiledPeriod,
  plan: TokenPlan | undefined,
  usage: Usage,
): Bill {
  const input = usage.inputTokens ?? 0;
  const output = usage.outputTokens ?? 0;
  if (input + output === 0) return new Bill(model, period, [], 0n, 0);
  if (plan === undefined) {
    return refused(
      model,
      period,
      'batch requests',
      'add a batch discount for it in a price file, or price it without batch',
    );
  }
  const cached = usage.cachedInputTokens ?? 0;
  const audioInput = usage.audioInputTokens ?? 0;
  const audioOutput = usage.audioOutputTokens ?? 0;
  const textInput = input - cached - audioInput;
  const textOutput = output - audioOutput;
  const {
    input: inputRate,
    cachedInput,
    audioInput: audioInputRate,
    output: outputRate,
    audioOutput: audioOutputRate,
  } = plan;
  if (textInput !== 0 && !inputRate) return refused(model, period, 'input tokens');
  if (cached !== 0 && !cachedInput) return refused(model, period, 'cached input tokens');
  if (audioInput !== 0 && !audioInputRate) return refused(model, period, 'audio input tokens');
  if (textOutput !== 0 && !outputRate) return refused(model, period, 'output tokens');
  if (audioOutput !== 0 && !audioOutputRate) return refused(model, period, 'audio output tokens');
  const lines = new Array<CostLine>(
    (textInput !== 0 ? 1 : 0) +
      (cached !== 0 ? 1 : 0) +
      (audioInput !== 0 ? 1 : 0) +
      (textOutput !== 0 ? 1 : 0) +
      (audioOutput !== 0 ? 1 : 0),
  );
  let index = 0;
  let exact = 0;
  if (textInput !== 0) {
    lines[index++] = tokenLine('input', textInput, inputRate!);
    exact = exactSum(exact, exactProduct(textInput, inputRate!));
  }
  if (cached !== 0) {
    lines[index++] = tokenLine('cached_input', cached, cachedInput!);
    exact = exactSum(exact, exactProduct(cached, cachedInput!));
  }
  if (audioInput !== 0) {
    lines[index++] = tokenLine('audio_input', audioInput, audioInputRate!);
    exact = exactSum(exact, exactProduct(audioInput, audioInputRate!));
  }
  if (textOutput !== 0) {
    lines[index++] = tokenLine('output', textOutput, outputRate!);
    exact = exactSum(exact, exactProduct(textOutput, outputRate!));
  }
  if (audioOutput !== 0) {
    lines[index++] = tokenLine('audio_output', audioOutput, audioOutputRate!);
    exact = exactSum(exact, exactProduct(audioOutput, audioOutputRate!));
  }
  return new Bill(model, period, lines, sumOf(lines), exact);
}

/** The sum of the amounts of `lines`. */
function sumOf(lines: readonly CostLine[]): Money {
  let total = 0n;
  for (const line of lines) total += line.amount;
  return total;
}

function billAudio(bill: Bill, model: CompiledModel, rate: Rate | undefined, seconds: number): void {
  if (!rate) {
    if (seconds > 0) bill.refuse('audio seconds', 'price it on a transcription model, or add an audio price');
    return;
  }
  let billed = billedMilliseconds(seconds);
  // The minimum applies per request, before anything is summed.
  if (billed < model.audioMinimumMs) billed = model.audioMinimumMs;
  bill.time('audio', billed, rate);
}

function billTools(bill: Bill, usage: Usage, rates: ReadonlyMap<string, Rate>): void {
  for (const [tool, calls] of Object.entries(usage.toolCalls ?? {})) {
    if (calls === 0) continue;
    const rate = rates.get(toolKey(tool));
    if (!rate) bill.refuse(`${tool} calls`, 'add a tool price in a price file if you are billed for it');
    else if (rate.billing !== 'call')
      bill.refuse(`${tool} calls`, `${tool} is billed by time: report usage.toolSeconds`);
    else bill.count('tool', calls, 'call', rate, tool);
  }
  for (const [tool, seconds] of Object.entries(usage.toolSeconds ?? {})) {
    if (seconds === 0) continue;
    const rate = rates.get(toolKey(tool));
    if (!rate) bill.refuse(`${tool} time`, 'add a tool price in a price file if you are billed for it');
    else if (rate.billing !== 'millisecond')
      bill.refuse(`${tool} time`, `${tool} is billed per call: report usage.toolCalls`);
    else bill.time('tool', billedMilliseconds(seconds), rate, tool);
  }
}

/**
 * Applies the billing rules to a validated usage: uncached text input, cached input (at the cached
 * price, or the input price where the model has none; in a batch at the batch input price, or
 * at the discounted cached price where the batch stacks with caching), audio input tokens, text
 * output (reasoning included), audio output tokens (all at the rates of `plan`: the batch or
 * service-tier discount when one applies; `undefined`: a batch the model has no price for), audio
 * (to the ms, rounded up, at least the model's minimum), speech characters, and built-in tools per
 * call or per ms. Any non-zero usage the model has no price for makes the whole usage unpriced
 * (`bill.unpriced`).
 */
export function billUsage(
  model: CompiledModel,
  period: CompiledPeriod,
  plan: TokenPlan | undefined,
  usage: Usage,
): Bill {
  const bill = billTokens(model, period, plan, usage);
  if (usage.audioSeconds !== undefined) billAudio(bill, model, period.audio, usage.audioSeconds);
  const characters = usage.characters ?? 0;
  if (characters > 0) {
    const rate = period.speech;
    if (!rate) bill.refuse('speech characters', 'price it on a text-to-speech model, or add a speech price');
    else bill.count('speech', characters, 'character', rate);
  }
  // Most usages have no tools: no empty object and entry arrays for them.
  if (usage.toolCalls !== undefined || usage.toolSeconds !== undefined) billTools(bill, usage, period.rates);
  return bill;
}
