// @ts-check
/**
 * The pages' live part: polls the exporter's JSON (`/api/summary` every 5 s, `/api/charts` every
 * 15 s, `/api/ledger` on the detail page) and updates the page in place. A failed poll (the
 * exporter restarting) is shown and retried; the page never needs a reload.
 */
import { renderChart } from './charts.js';
import { formatPercent, formatTime, formatUsd, formatValue } from './format.js';
import { renderDetailTables, renderLedger } from './tables.js';

const SUMMARY_EVERY_MS = 5_000;
const CHARTS_EVERY_MS = 15_000;
const page = document.body.dataset.page;
let range = '1h';
/** @type {number | undefined} */
let failingSince;
/** @type {number | undefined} */
let lastUpdateMs;

/**
 * @param {string} path
 * @returns {Promise<any>}
 */
async function getJson(path) {
  const response = await fetch(path, { headers: { accept: 'application/json' }, cache: 'no-store' });
  if (response.status === 401) throw new Error('the scrape token is needed: open this page with ?token=…');
  if (!response.ok) throw new Error(`${path} answered ${response.status}`);
  return response.json();
}

/** @param {Error | undefined} error */
function showStatus(error) {
  const status = document.getElementById('status');
  if (!status) return;
  if (error === undefined) {
    failingSince = undefined;
    lastUpdateMs = Date.now();
    status.dataset.state = 'live';
    status.textContent = `live · updated ${formatTime(lastUpdateMs)}`;
    return;
  }
  failingSince ??= Date.now();
  status.dataset.state = 'failing';
  status.textContent = `exporter unreachable since ${formatTime(failingSince)} (${error.message}); retrying`;
}

/**
 * The value at a dotted path of the summary (`card.lowestHeadroom.share`).
 * @param {any} summary
 * @param {string} path
 */
function at(summary, path) {
  return path.split('.').reduce((value, key) => (value == null ? undefined : value[key]), summary);
}

/** @param {any} summary */
function renderSummary(summary) {
  for (const element of document.querySelectorAll('[data-field]')) {
    const field = /** @type {HTMLElement} */ (element);
    const value = at(summary, field.dataset.field ?? '');
    field.textContent = formatValue(field.dataset.format ?? 'number', value);
  }
  const card = summary.card;
  renderBudget(card);
  const availability = card.availability;
  const dot = document.getElementById('availability-dot');
  if (dot) dot.dataset.state = availability.state;
  setText(
    'availability-state',
    { ok: 'Up', degraded: 'Degraded', poor: 'Poor', idle: 'No traffic' }[
      /** @type {string} */ (availability.state)
    ] ?? availability.state,
  );
  setText(
    'availability-line',
    availability.share === null
      ? `no finished operations in the last ${availability.windowSeconds / 60} min`
      : `${formatPercent(availability.share)} succeeded, p95 ${formatValue('seconds', availability.p95Seconds)} (last ${availability.windowSeconds / 60} min)`,
  );
  setText(
    'headroom-line',
    card.lowestHeadroom === null
      ? 'no x-ratelimit-* headers yet'
      : `${card.lowestHeadroom.model}, ${card.lowestHeadroom.resource === 'requests' ? 'requests per day' : `${card.lowestHeadroom.resource} per minute`}`,
  );
  const notExact = Object.entries(card.pricing)
    .filter(([pricing, count]) => pricing !== 'exact' && count > 0)
    .map(([pricing, count]) => `${formatValue('count', count)} ${pricing}`);
  setText('pricing-line', notExact.length === 0 ? 'every priced operation is exact' : notExact.join(', '));
  setText(
    'source-line',
    `Current values from the exporter's store (as /metrics serves them); month-to-date from ${card.monthSource === 'prometheus' ? 'Prometheus' : 'the exporter'}; charts from ${summary.mode === 'prometheus' ? 'Prometheus, with the Grafana dashboards’ PromQL' : 'the exporter’s in-memory history'}. Times in your time zone.`,
  );
  if (page === 'detail') renderDetailTables(summary);
}

/** @param {any} card */
function renderBudget(card) {
  const meter = document.getElementById('budget-meter');
  const bar = document.getElementById('budget-bar');
  const line = document.getElementById('budget-line');
  if (!meter || !bar || !line) return;
  const budget =
    card.budgets.find(
      (/** @type {any} */ candidate) => candidate.scope === 'all' && candidate.period === 'month',
    ) ?? card.budgets[0];
  meter.hidden = budget === undefined;
  line.hidden = budget === undefined;
  if (budget === undefined) return;
  bar.style.width = `${Math.min(100, budget.used * 100)}%`;
  bar.dataset.state =
    budget.used >= 1 ? 'over' : (budget.forecastUsd ?? 0) > budget.usd ? 'forecast-over' : 'ok';
  const others = card.budgets.length > 1 ? ` · ${card.budgets.length - 1} more on the detail page` : '';
  const forecast =
    budget.period === 'month' || budget.forecastUsd === null
      ? ''
      : ` · forecast ${formatUsd(budget.forecastUsd)}`;
  line.textContent = `${formatPercent(budget.used)} of ${budget.name} (${budget.scope}, ${formatUsd(budget.usd)} per ${budget.period})${forecast}${others}`;
}

/**
 * @param {string} id
 * @param {string} text
 */
function setText(id, text) {
  const element = document.getElementById(id);
  if (element) element.textContent = text;
}

async function pollSummary() {
  try {
    const summary = await getJson('/api/summary');
    renderSummary(summary);
    if (page === 'detail') {
      renderLedger(summary.ledger ? (await getJson('/api/ledger')).rows : undefined);
    }
    showStatus(undefined);
  } catch (error) {
    showStatus(/** @type {Error} */ (error));
  }
}

async function pollCharts() {
  try {
    const { charts } = await getJson(`/api/charts?range=${range}`);
    for (const chart of charts) {
      for (const figure of document.querySelectorAll(`[data-chart="${chart.id}"]`)) {
        renderChart(/** @type {HTMLElement} */ (figure), chart);
      }
    }
  } catch (error) {
    showStatus(/** @type {Error} */ (error));
  }
}

for (const button of document.querySelectorAll('[data-range]')) {
  button.addEventListener('click', () => {
    range = /** @type {HTMLElement} */ (button).dataset.range ?? '1h';
    for (const other of document.querySelectorAll('[data-range]')) {
      other.setAttribute('aria-pressed', String(other === button));
    }
    void pollCharts();
  });
}

void pollSummary();
void pollCharts();
setInterval(pollSummary, SUMMARY_EVERY_MS);
setInterval(pollCharts, CHARTS_EVERY_MS);
