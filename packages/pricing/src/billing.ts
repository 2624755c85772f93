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

/**
 * A bill being made: its lines, why it cannot be priced (the first reason wins), and its total.
 * Amounts are bigints; beside them the total is summed in doubles while that is provably exact
 * ({@link isExactProduct}, {@link exactSum}), so that it can be formatted without bigint division
 * (converting a double to a bigint costs more than the bigint product itself).
 */
export class Bill {
  readonly lines: CostLine[] = [];
  unpriced: string | undefined = undefined;
  /** The total in quanta while every amount so far was exact in doubles; `NaN` once one was not. */
  exactTotal = 0;

  constructor(
    private readonly model: CompiledModel,
    private readonly period: CompiledPeriod,
  ) {}

  /** The total of the lines. */
  total(): Money {
    const { lines } = this;
    if (lines.length === 0) return 0n;
    let total = lines[0]!.amount;
    for (let index = 1; index < lines.length; index++) total += lines[index]!.amount;
    return total;
  }

  /** Records why the usage cannot be priced; the first reason wins. */
  refuse(what: string, hint: string): void {
    if (this.unpriced !== undefined) return;
    const keys = Object.keys(this.period.listing.prices);
    const known = keys.length > 0 ? `its prices: ${keys.join(', ')}` : 'it has no prices of its own';
    this.unpriced = `${this.model.id} has no price for ${what} (${known}); ${hint}`;
  }

  /** `count × rate`, added to the double total while that stays exact. */
  private amount(count: number, rate: Rate): Money {
    const product = count * rate.perUnitNumber;
    this.exactTotal = isExactProduct(count, rate.perUnitNumber, rate.perUnitHigh, product)
      ? exactSum(this.exactTotal, product)
      : Number.NaN;
    return BigInt(count) * rate.perUnit;
  }

  /** `billed × rate` for a count that is a bigint (more milliseconds than a double holds exactly). */
  private bigAmount(billed: bigint, rate: Rate): Money {
    this.exactTotal = Number.NaN;
    return billed * rate.perUnit;
  }

  private push(
    component: CostComponent,
    quantity: number,
    unit: CostLine['unit'],
    rate: Rate,
    amount: Money,
    tool: string | undefined,
  ): void {
    const line: CostLine =
      tool === undefined
        ? { component, quantity, unit, amount }
        : { component, tool, quantity, unit, amount };
    if (rate.unconfirmed) line.unconfirmed = true;
    this.lines.push(line);
  }

  /** A line billed per token, character or call: the quantity is the billed count. */
  count(component: CostComponent, count: number, unit: CostLine['unit'], rate: Rate, tool?: string): void {
    this.push(component, count, unit, rate, this.amount(count, rate), tool);
  }

  tokens(component: CostComponent, count: number, rate: Rate | undefined, what: string): void {
    if (count === 0) return;
    if (rate) this.count(component, count, 'token', rate);
    else this.refuse(what, 'add the price in a price file if you are billed for it');
  }

  /** A line billed per millisecond, shown in seconds. */
  time(component: CostComponent, milliseconds: number | bigint, rate: Rate, tool?: string): void {
    const amount =
      typeof milliseconds === 'number' ? this.amount(milliseconds, rate) : this.bigAmount(milliseconds, rate);
    this.push(component, Number(milliseconds) / 1000, 'second', rate, amount, tool);
  }
}

function billTokens(bill: Bill, plan: TokenPlan | undefined, usage: Usage): void {
  const input = usage.inputTokens ?? 0;
  const output = usage.outputTokens ?? 0;
  if (input + output === 0) return;
  if (plan === undefined) {
    bill.refuse('batch requests', 'add a batch discount for it in a price file, or price it without batch');
    return;
  }
  const cached = usage.cachedInputTokens ?? 0;
  const audioInput = usage.audioInputTokens ?? 0;
  const audioOutput = usage.audioOutputTokens ?? 0;
  bill.tokens('input', input - cached - audioInput, plan.input, 'input tokens');
  bill.tokens('cached_input', cached, plan.cachedInput, 'cached input tokens');
  bill.tokens('audio_input', audioInput, plan.audioInput, 'audio input tokens');
  bill.tokens('output', output - audioOutput, plan.output, 'output tokens');
  bill.tokens('audio_output', audioOutput, plan.audioOutput, 'audio output tokens');
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
  const bill = new Bill(model, period);
  billTokens(bill, plan, usage);
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
