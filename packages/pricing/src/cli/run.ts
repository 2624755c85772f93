import { createPriceBook } from '../price-book.js';
import { loadPriceFile, PriceFileError } from '../price-file.js';
import type { KnownPrice, PriceBook, Usage } from '../types.js';
import { type CliRequest, CliUsageError, parseCliArgs } from './args.js';
import { renderCatalogueTable, renderPriceJson, renderPriceTable } from './render.js';

/** Where the CLI writes. */
export interface CliOutput {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

/** Exit codes: priced, bad input (flags, price file, usage), no price for the model or usage. */
const EXIT = { ok: 0, badInput: 1, noPrice: 2 } as const;

const HELP = `Usage: groqmeter-price --model ID [usage] [options]
       groqmeter-price --list [--json] [--price-file FILE]

Prices one Groq (or OpenAI) operation exactly from the groqmeter catalogue.

The model:
  --model ID            the model id as the API takes it; dated snapshots and groq/ or openai/
                        prefixes resolve to their catalogue entry

Usage of the operation:
  --input N             prompt tokens as Groq reports them (cached included)
  --cached N            the cached part of --input
  --output N            completion tokens (reasoning included)
  --reasoning N         the reasoning part of --output (billed as output)
  --audio-seconds S     transcription/translation audio (Groq bills at least 10 s per request)
  --characters C        text-to-speech input characters
  --tool NAME=COUNT     built-in tool calls, e.g. --tool web_search=3; time-billed tools take
                        seconds: --tool code_execution=90s (repeatable)

How it was served:
  --batch               a batch job (Groq: 50% off tokens; no stacking with caching)
  --service-tier TIER   on_demand, flex (priced as on_demand) or auto
  --at DATE             when it happened (2026-08-15 or 2026-08-15T12:00:00Z; default now)

Prices and output:
  --baseline MODEL      also price the same usage on MODEL at list price (e.g. gpt-4o)
  --price-file FILE     your prices, JSON or YAML (repeatable; later files win)
  --json                one JSON object with total_usd and each component as decimal strings
  --list                print the catalogue
  -h, --help            this help

Exit codes: 0 priced, 1 bad flags, price file or usage, 2 no price for the model or usage.
`;

function baselineOperation(usage: Usage) {
  if (usage.audioSeconds !== undefined) return 'transcription' as const;
  return usage.characters !== undefined ? ('speech' as const) : ('chat' as const);
}

function priceRequest(
  book: PriceBook,
  request: Extract<CliRequest, { kind: 'price' }>,
  out: CliOutput,
): number {
  const options = { batch: request.batch, serviceTier: request.serviceTier, at: request.at };
  const result = book.price(request.model, request.usage, options);
  if (!result.known) {
    out.stderr.write(`groqmeter-price: ${result.reason}\n`);
    return EXIT.noPrice;
  }
  let baseline: KnownPrice | undefined;
  if (request.baseline !== undefined) {
    const compared = book.priceBaseline(baselineOperation(request.usage), request.usage, request.baseline);
    if (!compared.known) {
      out.stderr.write(`groqmeter-price: baseline: ${compared.reason}\n`);
      return EXIT.noPrice;
    }
    baseline = compared;
  }
  const effectiveFrom = book.resolve(request.model, request.at)?.effectiveFrom ?? '';
  const priced = { at: request.at, batch: request.batch, serviceTier: request.serviceTier, effectiveFrom };
  const render = request.json ? renderPriceJson : renderPriceTable;
  out.stdout.write(render(result, priced, baseline));
  return EXIT.ok;
}

/**
 * Runs `groqmeter-price` with the given arguments and returns the exit code.
 */
export function runCli(argv: string[], out: CliOutput): number {
  try {
    const request = parseCliArgs(argv);
    if (request.kind === 'help') {
      out.stdout.write(HELP);
      return EXIT.ok;
    }
    const book = createPriceBook({ overrides: request.priceFiles.map(loadPriceFile) });
    if (request.kind === 'list') {
      const models = book.models();
      out.stdout.write(
        request.json ? `${JSON.stringify({ models }, null, 2)}\n` : renderCatalogueTable(models),
      );
      return EXIT.ok;
    }
    return priceRequest(book, request, out);
  } catch (error) {
    if (error instanceof CliUsageError) {
      out.stderr.write(`groqmeter-price: ${error.message}; see groqmeter-price --help\n`);
      return EXIT.badInput;
    }
    if (error instanceof PriceFileError || error instanceof RangeError) {
      out.stderr.write(`groqmeter-price: ${error.message}\n`);
      return EXIT.badInput;
    }
    throw error;
  }
}
