import type { CompiledModel, CompiledPeriod } from './compiled-model.js';
import { decimalFromNumber, divideRoundingUp, powerOfTen } from './decimal.js';
import { toolKey } from './price-units.js';
import type { Rate } from './rates.js';
import type { CostComponent, CostLine, Money, Usage } from './types.js';

/** The lines of a bill, or why the usage cannot be priced on the model. */
type Bill = { lines: CostLine[]; total: Money } | { unpriced: string };

/** Seconds billed to the millisecond, rounded up, read from the number's decimal form. */
function billedMilliseconds(seconds: number): bigint {
  const { units, scale } = decimalFromNumber(seconds);
  return scale <= 3 ? units * powerOfTen(3 - scale) : divideRoundingUp(units, powerOfTen(scale - 3));
}

class BillBuilder {
  readonly lines: CostLine[] = [];
  unpriced: string | undefined;

  constructor(
    private readonly model: CompiledModel,
    private readonly period: CompiledPeriod,
  ) {}

  /** Records why the usage cannot be priced; the first reason wins. */
  refuse(what: string, hint: string): void {
    if (this.unpriced !== undefined) return;
    const keys = Object.keys(this.period.listing.prices);
    const known = keys.length > 0 ? `its prices: ${keys.join(', ')}` : 'it has no prices of its own';
    this.unpriced = `${this.model.id} has no price for ${what} (${known}); ${hint}`;
  }

  add(
    component: CostComponent,
    quantity: number,
    unit: CostLine['unit'],
    rate: Rate,
    billed: bigint,
    tool?: string,
  ) {
    const line: CostLine =
      tool === undefined
        ? { component, quantity, unit, amount: billed * rate.perUnit }
        : { component, tool, quantity, unit, amount: billed * rate.perUnit };
    if (rate.unconfirmed) line.unconfirmed = true;
    this.lines.push(line);
  }

  tokens(component: CostComponent, count: number, rate: Rate | undefined, what: string): void {
    if (count === 0) return;
    if (rate) this.add(component, count, 'token', rate, BigInt(count));
    else this.refuse(what, 'add the price in a price file if you are billed for it');
  }

  /** A line billed per millisecond, shown in seconds. */
  time(component: CostComponent, milliseconds: bigint, rate: Rate, tool?: string): void {
    this.add(component, Number(milliseconds) / 1000, 'second', rate, milliseconds, tool);
  }
}

/** How a request was served: in a batch, or in a service tier (which may have a discount). */
export interface ServingMode {
  batch: boolean;
  serviceTier: string | undefined;
}

/** The token rates of a request: batch, else its tier's discounted rates, else the list rates. */
function tokenRates(period: CompiledPeriod, mode: ServingMode): ReadonlyMap<string, Rate> {
  if (mode.batch) return period.batchRates;
  const tier = mode.serviceTier === undefined ? undefined : period.tierRates.get(mode.serviceTier);
  return tier ?? period.rates;
}

function billTokens(
  bill: BillBuilder,
  model: CompiledModel,
  period: CompiledPeriod,
  usage: Usage,
  mode: ServingMode,
) {
  const input = usage.inputTokens ?? 0;
  const cached = usage.cachedInputTokens ?? 0;
  const audioInput = usage.audioInputTokens ?? 0;
  const output = usage.outputTokens ?? 0;
  const audioOutput = usage.audioOutputTokens ?? 0;
  if (input + output === 0) return;
  if (mode.batch && !model.hasBatch) {
    bill.refuse('batch requests', 'add a batch discount for it in a price file, or price it without batch');
    return;
  }
  const rates = tokenRates(period, mode);
  const inputRate = rates.get('input');
  // Groq bills cache hits at the input price on models without a cached price, and its batch
  // ignores caching; OpenAI's batch discount applies to the cached price as well.
  const cachedRate =
    mode.batch && !model.batchStacksWithCaching ? inputRate : (rates.get('cached_input') ?? inputRate);
  bill.tokens('input', input - cached - audioInput, inputRate, 'input tokens');
  bill.tokens('cached_input', cached, cachedRate, 'cached input tokens');
  bill.tokens('audio_input', audioInput, rates.get('audio_input'), 'audio input tokens');
  bill.tokens('output', output - audioOutput, rates.get('output'), 'output tokens');
  bill.tokens('audio_output', audioOutput, rates.get('audio_output'), 'audio output tokens');
}

function billAudio(
  bill: BillBuilder,
  model: CompiledModel,
  rates: ReadonlyMap<string, Rate>,
  seconds: number,
) {
  const rate = rates.get('audio');
  if (!rate) {
    if (seconds > 0) bill.refuse('audio seconds', 'price it on a transcription model, or add an audio price');
    return;
  }
  let billed = billedMilliseconds(seconds);
  // The minimum applies per request, before anything is summed.
  if (billed < model.audioMinimumMs) billed = model.audioMinimumMs;
  bill.time('audio', billed, rate);
}

function billTools(bill: BillBuilder, usage: Usage, rates: ReadonlyMap<string, Rate>) {
  // Most usages have no tools: no empty object and entry arrays for them.
  if (usage.toolCalls === undefined && usage.toolSeconds === undefined) return;
  for (const [tool, calls] of Object.entries(usage.toolCalls ?? {})) {
    if (calls === 0) continue;
    const rate = rates.get(toolKey(tool));
    if (!rate) bill.refuse(`${tool} calls`, 'add a tool price in a price file if you are billed for it');
    else if (rate.billing !== 'call')
      bill.refuse(`${tool} calls`, `${tool} is billed by time: report usage.toolSeconds`);
    else bill.add('tool', calls, 'call', rate, BigInt(calls), tool);
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
 * output (reasoning included), audio output tokens (all at the batch or service-tier discount
 * when one applies), audio (to the ms, rounded up, at least the model's minimum),
 * speech characters, and built-in tools per call or per ms. Any non-zero usage the model has no
 * price for makes the whole usage unpriced.
 */
export function billUsage(
  model: CompiledModel,
  period: CompiledPeriod,
  usage: Usage,
  mode: ServingMode,
): Bill {
  const bill = new BillBuilder(model, period);
  billTokens(bill, model, period, usage, mode);
  if (usage.audioSeconds !== undefined) billAudio(bill, model, period.rates, usage.audioSeconds);
  const characters = usage.characters ?? 0;
  if (characters > 0) {
    const rate = period.rates.get('speech');
    if (!rate) bill.refuse('speech characters', 'price it on a text-to-speech model, or add a speech price');
    else bill.add('speech', characters, 'character', rate, BigInt(characters));
  }
  billTools(bill, usage, period.rates);
  if (bill.unpriced !== undefined) return { unpriced: bill.unpriced };
  let total = 0n;
  for (const line of bill.lines) total += line.amount;
  return { lines: bill.lines, total };
}
