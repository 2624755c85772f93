import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { decimalFromNumber } from './decimal.js';
import { isPriceUnit, type PriceUnit, unitsForKey } from './price-units.js';
import { compileRate } from './rates.js';

/**
 * A price file: your own prices (negotiated rates, models the catalogue lacks) in JSON or YAML.
 * Each entry replaces the catalogue entry with the same id completely. `price-file.schema.json`
 * in this package is its JSON schema.
 */
export interface PriceFile {
  /** The schema, for editors; ignored. */
  $schema?: string;
  models: PriceFileModel[];
}

/** One model of a {@link PriceFile}; the shape of {@link ModelPrice} with defaults. */
export interface PriceFileModel {
  /** The model id as the API takes it, case-sensitive. */
  id: string;
  /** Who bills it, e.g. `groq`; `groq/` and `openai/` prefixed ids resolve within that provider. */
  provider: string;
  /** Other ids that resolve here: dated snapshots, deprecated names. */
  aliases?: string[];
  /** ISO date (`YYYY-MM-DD`) from which `prices` apply; the earliest period also covers older usage. */
  effectiveFrom?: string;
  /** ISO date from which the model is no longer served; usage from then on is not priced. */
  retiredOn?: string;
  prices: Record<string, PriceFilePrice>;
  /** Earlier periods, oldest first, each before `effectiveFrom`. */
  history?: PriceFilePeriod[];
  /**
   * Percentage off every token price of a batch request; `stacksWithCaching` gives cached input
   * the discount off its cached price (OpenAI) instead of the batch input price (Groq).
   */
  batch?: {
    percentOff: number;
    stacksWithCaching?: boolean;
    source?: string;
    date?: string;
    unconfirmed?: boolean;
  };
  /** Percentage off every token price, cached input included, by `service_tier` (OpenAI: `flex`). */
  serviceTierDiscounts?: Record<string, PriceFileDiscount>;
  /** `service_tier` values the prices apply to; absent means every tier. */
  serviceTiers?: string[];
  /** Minimum billed audio per request, in seconds (whole milliseconds). */
  audioMinimumSeconds?: number;
  notes?: string[];
}

/** A price in a {@link PriceFile}: USD per `per`, as a decimal string. */
export interface PriceFilePrice {
  usd: string;
  per: PriceUnit;
  /** Where the price comes from; defaults to the price file's name. */
  source?: string;
  /** Date of the source; defaults to the entry's `effectiveFrom`. */
  date?: string;
  unconfirmed?: boolean;
}

/** A discount of a {@link PriceFileModel}'s service tier. */
export interface PriceFileDiscount {
  percentOff: number;
  source?: string;
  date?: string;
  unconfirmed?: boolean;
}

/** An earlier price period of a {@link PriceFileModel}. */
export interface PriceFilePeriod {
  effectiveFrom: string;
  prices: Record<string, PriceFilePrice>;
}

/**
 * A price file that cannot be used. The message names the file, the path inside it (e.g.
 * `models[3].prices.input.usd`) and what was expected there.
 */
export class PriceFileError extends Error {
  override readonly name = 'PriceFileError';
  constructor(
    /** The file name, when known. */
    readonly file: string | undefined,
    /** Where in the file, e.g. `models[3].prices.input.usd`; empty for the whole file. */
    readonly path: string,
    problem: string,
  ) {
    super(`${file ?? 'price file'}: ${path ? `${path}: ` : ''}${problem}`);
  }
}

const FILE_KEYS = ['$schema', 'models'];
const MODEL_KEYS = [
  'id',
  'provider',
  'aliases',
  'effectiveFrom',
  'retiredOn',
  'prices',
  'history',
  'batch',
  'serviceTierDiscounts',
  'serviceTiers',
  'audioMinimumSeconds',
  'notes',
];
const PRICE_KEYS = ['usd', 'per', 'source', 'date', 'unconfirmed'];
const PERIOD_KEYS = ['effectiveFrom', 'prices'];
const BATCH_KEYS = ['percentOff', 'stacksWithCaching', 'source', 'date', 'unconfirmed'];
const DISCOUNT_KEYS = ['percentOff', 'source', 'date', 'unconfirmed'];
const TOKEN_KEYS = new Set(['input', 'cached_input', 'output', 'audio_input', 'audio_output']);
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const SOURCE_DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;
const PLAIN_USD = /^\d+(\.\d+)?$/;

/** How a value reads in an error message. */
function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  if (typeof value === 'object') return 'an object';
  return `the ${typeof value} ${String(value)}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether `text` is a real calendar date written `YYYY-MM-DD`. */
function isIsoDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (!match) return false;
  const [, year, month, day] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Walks one price file, failing at the first problem with its path. */
class PriceFileReader {
  constructor(private readonly file: string | undefined) {}

  fail(path: string, expected: string, value: unknown): never {
    throw new PriceFileError(this.file, path, `expected ${expected}, got ${describe(value)}`);
  }

  record(path: string, value: unknown, keys: string[], expected: string): Record<string, unknown> {
    if (!isRecord(value)) this.fail(path, expected, value);
    for (const key of Object.keys(value)) {
      if (!keys.includes(key)) {
        throw new PriceFileError(
          this.file,
          path ? `${path}.${key}` : key,
          `unexpected key; expected only ${keys.join(', ')}`,
        );
      }
    }
    return value;
  }

  string(path: string, value: unknown): string {
    if (typeof value !== 'string' || value.trim() === '') this.fail(path, 'a non-empty string', value);
    return value;
  }

  id(path: string, value: unknown): string {
    if (typeof value !== 'string' || value === '' || /\s/.test(value)) {
      this.fail(path, 'a model id: a non-empty string without spaces', value);
    }
    return value;
  }

  strings(path: string, value: unknown, read: (path: string, item: unknown) => string): string[] {
    if (!Array.isArray(value)) this.fail(path, 'an array of strings', value);
    return value.map((item, index) => read(`${path}[${index}]`, item));
  }

  isoDate(path: string, value: unknown): string {
    if (typeof value !== 'string' || !isIsoDate(value)) {
      this.fail(path, 'a date written YYYY-MM-DD, such as "2026-08-16"', value);
    }
    return value;
  }

  boolean(path: string, value: unknown): boolean {
    if (typeof value !== 'boolean') this.fail(path, 'true or false', value);
    return value;
  }

  optional<T>(
    source: Record<string, unknown>,
    key: string,
    path: string,
    read: (path: string, value: unknown) => T,
  ): T | undefined {
    return source[key] === undefined ? undefined : read(`${path}.${key}`, source[key]);
  }

  priceFile(data: unknown): PriceFile {
    const root = this.record('', data, FILE_KEYS, 'an object with a "models" array');
    const $schema = this.optional(root, '$schema', '', (path, value) => this.string(path, value));
    if (!Array.isArray(root.models)) this.fail('models', 'an array of models', root.models);
    const models = root.models.map((model, index) => this.model(`models[${index}]`, model));
    this.checkUniqueIds(models);
    return $schema === undefined ? { models } : { $schema, models };
  }

  model(path: string, value: unknown): PriceFileModel {
    const raw = this.record(path, value, MODEL_KEYS, 'a model object with id, provider and prices');
    const model: PriceFileModel = {
      id: this.id(`${path}.id`, raw.id),
      provider: this.string(`${path}.provider`, raw.provider),
      prices: {},
    };
    const aliases = this.optional(raw, 'aliases', path, (p, v) =>
      this.strings(p, v, (q, w) => this.id(q, w)),
    );
    if (aliases) model.aliases = aliases;
    const effectiveFrom = this.optional(raw, 'effectiveFrom', path, (p, v) => this.isoDate(p, v));
    if (effectiveFrom) model.effectiveFrom = effectiveFrom;
    const batch = this.optional(raw, 'batch', path, (p, v) => this.batch(p, v));
    if (batch) model.batch = batch;
    const tierDiscounts = this.optional(raw, 'serviceTierDiscounts', path, (p, v) =>
      this.tierDiscounts(p, v),
    );
    if (tierDiscounts) model.serviceTierDiscounts = tierDiscounts;
    // Every discounted token price must stay exact too.
    const discounts = [
      ...(batch ? [batch.percentOff] : []),
      ...Object.values(tierDiscounts ?? {}).map((discount) => discount.percentOff),
    ];
    model.prices = this.prices(`${path}.prices`, raw.prices, discounts);
    const history = this.optional(raw, 'history', path, (p, v) =>
      this.history(p, v, effectiveFrom, discounts),
    );
    if (history) model.history = history;
    const retiredOn = this.optional(raw, 'retiredOn', path, (p, v) => this.isoDate(p, v));
    if (retiredOn) {
      if (effectiveFrom && retiredOn <= effectiveFrom) {
        this.fail(`${path}.retiredOn`, `a date after effectiveFrom (${effectiveFrom})`, retiredOn);
      }
      model.retiredOn = retiredOn;
    }
    const tiers = this.optional(raw, 'serviceTiers', path, (p, v) =>
      this.strings(p, v, (q, w) => this.string(q, w)),
    );
    if (tiers) model.serviceTiers = tiers;
    const minimum = this.optional(raw, 'audioMinimumSeconds', path, (p, v) => this.wholeMilliseconds(p, v));
    if (minimum !== undefined) model.audioMinimumSeconds = minimum;
    const notes = this.optional(raw, 'notes', path, (p, v) =>
      this.strings(p, v, (q, w) => this.string(q, w)),
    );
    if (notes) model.notes = notes;
    return model;
  }

  batch(path: string, value: unknown): NonNullable<PriceFileModel['batch']> {
    const raw = this.record(path, value, BATCH_KEYS, 'an object with percentOff');
    const stacks = this.optional(raw, 'stacksWithCaching', path, (p, v) => this.boolean(p, v));
    const discount = this.discount(path, raw);
    return stacks === undefined ? discount : { ...discount, stacksWithCaching: stacks };
  }

  tierDiscounts(path: string, value: unknown): Record<string, PriceFileDiscount> {
    if (!isRecord(value))
      this.fail(
        path,
        'an object of discounts keyed by service tier, e.g. { "flex": { "percentOff": 50 } }',
        value,
      );
    const discounts: Record<string, PriceFileDiscount> = {};
    for (const [tier, discount] of Object.entries(value)) {
      const tierPath = `${path}.${tier}`;
      discounts[tier] = this.discount(
        tierPath,
        this.record(tierPath, discount, DISCOUNT_KEYS, 'an object with percentOff'),
      );
    }
    return discounts;
  }

  discount(path: string, raw: Record<string, unknown>): PriceFileDiscount {
    const percentOff = raw.percentOff;
    if (
      typeof percentOff !== 'number' ||
      !Number.isInteger(percentOff) ||
      percentOff < 0 ||
      percentOff > 100
    ) {
      this.fail(`${path}.percentOff`, 'a whole number from 0 to 100', percentOff);
    }
    return { percentOff, ...this.provenance(path, raw) };
  }

  history(
    path: string,
    value: unknown,
    effectiveFrom: string | undefined,
    discounts: readonly number[],
  ): PriceFilePeriod[] {
    if (!Array.isArray(value)) this.fail(path, 'an array of earlier price periods', value);
    if (!effectiveFrom) {
      this.fail(
        path.replace(/history$/, 'effectiveFrom'),
        'a date when the model has a history',
        effectiveFrom,
      );
    }
    let previous: string | undefined;
    return value.map((item, index) => {
      const itemPath = `${path}[${index}]`;
      const raw = this.record(itemPath, item, PERIOD_KEYS, 'an object with effectiveFrom and prices');
      const from = this.isoDate(`${itemPath}.effectiveFrom`, raw.effectiveFrom);
      if (previous !== undefined && from <= previous) {
        this.fail(`${itemPath}.effectiveFrom`, `a date after the previous period's (${previous})`, from);
      }
      if (from >= effectiveFrom) {
        this.fail(
          `${itemPath}.effectiveFrom`,
          `a date before the model's effectiveFrom (${effectiveFrom})`,
          from,
        );
      }
      previous = from;
      return {
        effectiveFrom: from,
        prices: this.prices(`${itemPath}.prices`, raw.prices, discounts),
      };
    });
  }

  prices(path: string, value: unknown, discounts: readonly number[]): Record<string, PriceFilePrice> {
    if (!isRecord(value)) this.fail(path, 'an object of prices keyed input, cached_input, output, …', value);
    const prices: Record<string, PriceFilePrice> = {};
    for (const [key, price] of Object.entries(value)) {
      const units = unitsForKey(key);
      if (!units) {
        throw new PriceFileError(
          this.file,
          `${path}.${key}`,
          'unexpected price key; expected input, cached_input, output, audio_input, audio_output, audio, speech or tool:<id> (lower case, e.g. tool:web_search)',
        );
      }
      prices[key] = this.price(`${path}.${key}`, price, units, TOKEN_KEYS.has(key) ? discounts : []);
    }
    return prices;
  }

  price(path: string, value: unknown, units: PriceUnit[], discounts: readonly number[]): PriceFilePrice {
    const raw = this.record(path, value, PRICE_KEYS, 'a price object with usd and per');
    const usd = raw.usd;
    if (typeof usd !== 'string' || !PLAIN_USD.test(usd)) {
      const hint = typeof usd === 'number' ? ' (quote the number so no digit is lost)' : '';
      this.fail(`${path}.usd`, `a decimal string of USD such as "0.075"${hint}`, usd);
    }
    const per = raw.per;
    if (typeof per !== 'string' || !isPriceUnit(per) || !units.includes(per)) {
      this.fail(`${path}.per`, `one of ${units.map((unit) => JSON.stringify(unit)).join(', ')}`, per);
    }
    const exact = compileRate(usd, per) && discounts.every((percentOff) => compileRate(usd, per, percentOff));
    if (!exact) {
      this.fail(
        `${path}.usd`,
        'a price the money quantum holds exactly (1 USD = 3.6e18 quanta: up to 9 decimals always fit)',
        usd,
      );
    }
    return { usd, per, ...this.provenance(path, raw) };
  }

  provenance(
    path: string,
    raw: Record<string, unknown>,
  ): Pick<PriceFilePrice, 'source' | 'date' | 'unconfirmed'> {
    const result: Pick<PriceFilePrice, 'source' | 'date' | 'unconfirmed'> = {};
    const source = this.optional(raw, 'source', path, (p, v) => this.string(p, v));
    if (source !== undefined) result.source = source;
    const date = this.optional(raw, 'date', path, (p, v) => {
      if (typeof v !== 'string' || !SOURCE_DATE.test(v))
        this.fail(p, 'a date written YYYY-MM-DD, YYYY-MM or YYYY', v);
      return v;
    });
    if (date !== undefined) result.date = date;
    const unconfirmed = this.optional(raw, 'unconfirmed', path, (p, v) => this.boolean(p, v));
    if (unconfirmed !== undefined) result.unconfirmed = unconfirmed;
    return result;
  }

  wholeMilliseconds(path: string, value: unknown): number {
    if (
      typeof value !== 'number' ||
      !Number.isFinite(value) ||
      value < 0 ||
      decimalFromNumber(value).scale > 3
    ) {
      this.fail(path, 'a number of seconds ≥ 0 with at most 3 decimals', value);
    }
    return value;
  }

  checkUniqueIds(models: PriceFileModel[]): void {
    const seen = new Map<string, string>();
    models.forEach((model, index) => {
      const names = [model.id, ...(model.aliases ?? [])];
      names.forEach((name, position) => {
        const path = position === 0 ? `models[${index}].id` : `models[${index}].aliases[${position - 1}]`;
        const first = seen.get(name);
        if (first !== undefined)
          this.fail(path, `an id or alias not used before (${first} is the same)`, name);
        seen.set(name, path);
      });
    });
  }
}

/**
 * Validates parsed price-file data (from JSON, YAML or code) and returns it typed.
 *
 * @param fileName names the file in error messages.
 * @throws {PriceFileError} naming the file, the path inside it and what was expected there.
 */
export function parsePriceFile(data: unknown, fileName?: string): PriceFile {
  return new PriceFileReader(fileName).priceFile(data);
}

/**
 * Reads and validates a price file: JSON for `.json`, YAML for `.yaml` / `.yml`.
 *
 * @throws {PriceFileError} when the file cannot be read or parsed, or does not match the format.
 */
export function loadPriceFile(path: string): PriceFile {
  const extension = extname(path).toLowerCase();
  if (!['.json', '.yaml', '.yml'].includes(extension)) {
    throw new PriceFileError(path, '', 'expected a file name ending in .json, .yaml or .yml');
  }
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new PriceFileError(path, '', `cannot be read (${reason}); expected a readable price file`);
  }
  let data: unknown;
  try {
    data = extension === '.json' ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message.trimEnd() : String(error);
    throw new PriceFileError(
      path,
      '',
      `expected valid ${extension === '.json' ? 'JSON' : 'YAML'}: ${reason}`,
    );
  }
  return parsePriceFile(data, path);
}
