/**
 * @groqmeter/pricing: the Groq price catalogue (with OpenAI list prices for comparison) and exact
 * cost arithmetic.
 */
export { DEFAULT_BASELINES } from './baselines.js';
export { formatUsd, parseUsd, QUANTA_PER_USD, toUsdNumber } from './money.js';
export { createPriceBook, defaultPriceBook, type PriceBookOptions, priceUsage } from './price-book.js';
export {
  loadPriceFile,
  type PriceFile,
  type PriceFileDiscount,
  PriceFileError,
  type PriceFileModel,
  type PriceFilePeriod,
  type PriceFilePrice,
  parsePriceFile,
} from './price-file.js';
export type { PriceUnit } from './price-units.js';
export type * from './types.js';
