import { createPriceBook, defaultPriceBook, loadPriceFile, type PriceBook } from '@groqmeter/pricing';

/**
 * The exporter's price book: the shipped catalogue, with the entries of `priceFile` (JSON or
 * YAML, the `@groqmeter/pricing` price-file format) replacing or extending it.
 *
 * @throws {PriceFileError} (from `@groqmeter/pricing`) naming the file and what is wrong in it.
 */
export function loadPriceBook(priceFile: string | undefined): PriceBook {
  return priceFile === undefined
    ? defaultPriceBook
    : createPriceBook({ overrides: loadPriceFile(priceFile) });
}
