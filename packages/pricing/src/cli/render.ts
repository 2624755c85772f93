import { SINCE_LAUNCH } from '../compiled-model.js';
import { formatUsd } from '../money.js';
import type { CostLine, KnownPrice, ModelPrice } from '../types.js';
import { formatTable } from './table.js';

/** What was priced, besides the result itself. */
export interface PricedRequest {
  at: Date;
  batch: boolean;
  serviceTier: string | undefined;
  /** `effectiveFrom` of the price period used. */
  effectiveFrom: string;
}

const QUANTITY = new Intl.NumberFormat('en-US', { maximumFractionDigits: 3 });
const UNCONFIRMED_NOTE =
  '* unconfirmed price: secondary sources only or sources that disagree (see --list --json)';

function componentName(line: CostLine): string {
  const name = line.tool ? `tool ${line.tool}` : line.component;
  return line.unconfirmed ? `${name} *` : name;
}

function linesTable(result: KnownPrice): string {
  const rows = [
    ['component', 'quantity', 'unit', 'USD'],
    ...result.lines.map((line) => [
      componentName(line),
      QUANTITY.format(line.quantity),
      line.unit,
      formatUsd(line.amount),
    ]),
    ['total', '', '', result.totalUsd],
  ];
  return formatTable(rows, new Set([1, 3]));
}

function staleNote(retiredOn: string): string {
  return `stale: retired on ${retiredOn}, priced at its last known prices (Groq still served it)`;
}

function since(effectiveFrom: string): string {
  return effectiveFrom === SINCE_LAUNCH ? 'since launch' : `from ${effectiveFrom}`;
}

/** The readable bill: the model, when, the lines and the total, then the baseline if asked. */
export function renderPriceTable(result: KnownPrice, request: PricedRequest, baseline?: KnownPrice): string {
  const how = [request.batch ? 'batch' : undefined, request.serviceTier].filter(Boolean).join(', ');
  const parts = [
    `${result.model} (${result.provider})${how ? `, ${how}` : ''}`,
    `priced at ${request.at.toISOString()} with the prices in force ${since(request.effectiveFrom)}`,
    ...(result.stale ? [staleNote(result.stale.retiredOn)] : []),
    '',
    linesTable(result),
  ];
  if (baseline) {
    const saving = baseline.total - result.total;
    parts.push(
      '',
      `baseline ${baseline.model} (${baseline.provider}), list prices`,
      '',
      linesTable(baseline),
    );
    parts.push(
      '',
      `${saving >= 0n ? 'saved' : 'extra'} versus baseline: ${formatUsd(saving >= 0n ? saving : -saving)} USD`,
    );
  }
  if ([...result.lines, ...(baseline?.lines ?? [])].some((line) => line.unconfirmed))
    parts.push('', UNCONFIRMED_NOTE);
  return `${parts.join('\n')}\n`;
}

function lineJson(line: CostLine) {
  return {
    component: line.component,
    ...(line.tool === undefined ? {} : { tool: line.tool }),
    quantity: line.quantity,
    unit: line.unit,
    usd: formatUsd(line.amount),
    ...(line.unconfirmed ? { unconfirmed: true } : {}),
  };
}

/** One JSON object: the model, the request, each component and `total_usd` as decimal strings. */
export function renderPriceJson(result: KnownPrice, request: PricedRequest, baseline?: KnownPrice): string {
  const json = {
    requested_model: result.requestedModel,
    model: result.model,
    provider: result.provider,
    at: request.at.toISOString(),
    prices_effective_from: request.effectiveFrom,
    batch: request.batch,
    ...(request.serviceTier === undefined ? {} : { service_tier: request.serviceTier }),
    components: result.lines.map(lineJson),
    total_usd: result.totalUsd,
    ...(result.stale ? { stale: { retired_on: result.stale.retiredOn } } : {}),
    ...(baseline
      ? {
          baseline: {
            model: baseline.model,
            provider: baseline.provider,
            components: baseline.lines.map(lineJson),
            total_usd: baseline.totalUsd,
          },
        }
      : {}),
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}

function periodRows(prices: ModelPrice['prices'], from: string, status: string): string[][] {
  return Object.entries(prices).map(([key, price], index) => [
    '',
    '',
    key,
    `${price.usd}${price.unconfirmed ? ' *' : ''}`,
    price.per,
    index === 0 ? (from === SINCE_LAUNCH ? 'launch' : from) : '',
    index === 0 ? status : '',
  ]);
}

function modelRows(model: ModelPrice): string[][] {
  const history = model.history ?? [];
  const rows = periodRows(
    model.prices,
    model.effectiveFrom,
    model.retiredOn ? `retired ${model.retiredOn}` : '',
  );
  if (model.batch) rows.push(['', '', 'batch', `${model.batch.percentOff}% off`, 'tokens', '', '']);
  if (model.audioMinimumSeconds)
    rows.push(['', '', 'audio minimum', `${model.audioMinimumSeconds} s`, 'request', '', '']);
  history.forEach((period, index) => {
    const until = (history[index + 1] ?? model).effectiveFrom;
    rows.push(...periodRows(period.prices, period.effectiveFrom, `until ${until}`));
  });
  if (rows.length === 0) rows.push(['', '', '(no prices)', '', '', '', '']);
  const first = rows[0]!;
  first[0] = model.id;
  first[1] = model.provider;
  return rows;
}

/** The catalogue as a table: one row per price, earlier periods under the current one. */
export function renderCatalogueTable(models: ModelPrice[]): string {
  const rows = [['model', 'provider', 'price', 'USD', 'per', 'from', 'status'], ...models.flatMap(modelRows)];
  return `${formatTable(rows, new Set())}\n\n${UNCONFIRMED_NOTE}\n`;
}
