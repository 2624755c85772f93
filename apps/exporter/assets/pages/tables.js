// @ts-check
/**
 * The pages' tables, built with DOM nodes and `textContent` only: label values come from the
 * apps that push, and none of them may become markup.
 */
import { formatIn, formatTime, formatValue } from './format.js';

/**
 * @typedef {{ label: string, unit?: string, value: (row: any) => unknown, className?: string }} Column
 */

/**
 * Fills a table: a header row, then one row per item; a single "none yet" row when empty.
 * @param {HTMLTableElement | null} table
 * @param {Column[]} columns
 * @param {readonly any[]} rows
 * @param {string} empty
 */
export function renderTable(table, columns, rows, empty) {
  if (table === null) return;
  const head = document.createElement('thead');
  const headRow = head.insertRow();
  for (const column of columns) {
    const cell = document.createElement('th');
    cell.scope = 'col';
    cell.textContent = column.label;
    if (column.unit !== undefined) cell.className = 'num';
    headRow.append(cell);
  }
  const body = document.createElement('tbody');
  if (rows.length === 0) {
    const cell = body.insertRow().insertCell();
    cell.colSpan = columns.length;
    cell.className = 'empty';
    cell.textContent = empty;
  }
  for (const row of rows) {
    const tableRow = body.insertRow();
    for (const column of columns) {
      const cell = tableRow.insertCell();
      const value = column.value(row);
      if (column.unit !== undefined) {
        cell.className = 'num';
        cell.textContent = formatValue(column.unit, /** @type {number | null} */ (value));
      } else {
        cell.textContent = value === null || value === undefined || value === '' ? '–' : String(value);
      }
      if (column.className) cell.classList.add(column.className);
    }
  }
  table.replaceChildren(head, body);
}

/** @param {any} summary */
export function renderDetailTables(summary) {
  const byId = (/** @type {string} */ id) =>
    /** @type {HTMLTableElement | null} */ (document.getElementById(id));
  renderTable(
    byId('budgets-table'),
    [
      { label: 'Budget', value: (row) => row.name },
      { label: 'Scope', value: (row) => row.scope },
      { label: 'Period', value: (row) => row.period },
      { label: 'Budget', unit: 'usd', value: (row) => row.usd },
      { label: 'Spent', unit: 'usd', value: (row) => row.spentUsd },
      { label: 'Used', unit: 'percent', value: (row) => row.used },
      { label: 'Forecast', unit: 'usd', value: (row) => row.forecastUsd },
      { label: 'Resets', value: (row) => (row.resetsAtMs === null ? null : formatTime(row.resetsAtMs)) },
    ],
    summary.card.budgets,
    'No budget configured (--budget or --budgets FILE).',
  );
  renderTable(
    byId('models-table'),
    [
      { label: 'Model', value: (row) => row.model },
      { label: 'Requests', unit: 'count', value: (row) => row.requests },
      { label: 'Errors', unit: 'count', value: (row) => row.errors },
      { label: 'Input tokens', unit: 'count', value: (row) => row.inputTokens },
      { label: 'Output tokens', unit: 'count', value: (row) => row.outputTokens },
      { label: 'Spend', unit: 'usd', value: (row) => row.spendUsd },
      { label: 'Avg latency', unit: 'seconds', value: (row) => row.avgLatencySeconds },
      { label: 'p95 latency', unit: 'seconds', value: (row) => row.p95LatencySeconds },
      { label: 'p95 TTFT', unit: 'seconds', value: (row) => row.p95TtftSeconds },
      { label: 'p95 queue', unit: 'seconds', value: (row) => row.p95QueueSeconds },
      { label: 'Server tok/s', unit: 'number', value: (row) => row.outputTokensPerSecond },
    ],
    summary.models,
    'No operations yet.',
  );
  renderTable(
    byId('audio-table'),
    [
      { label: 'Model', value: (row) => row.model },
      { label: 'Operation', value: (row) => row.operation },
      { label: 'Billed minutes', unit: 'number', value: (row) => row.billedMinutes },
    ],
    summary.audio,
    'No transcription or translation yet.',
  );
  renderTable(
    byId('speech-table'),
    [
      { label: 'Model', value: (row) => row.model },
      { label: 'TTS characters', unit: 'count', value: (row) => row.characters },
    ],
    summary.speech,
    'No text-to-speech yet.',
  );
  renderTable(
    byId('tools-table'),
    [
      { label: 'Tool', value: (row) => row.tool },
      { label: 'Model', value: (row) => row.model },
      { label: 'Calls', unit: 'count', value: (row) => row.calls },
    ],
    summary.tools,
    'No built-in tool calls yet (web search, code execution, browser automation).',
  );
  renderTable(
    byId('errors-table'),
    [
      { label: 'Error type', value: (row) => row.errorType },
      { label: 'Operations', unit: 'count', value: (row) => row.count },
    ],
    summary.errorsByType,
    'No errors.',
  );
  renderTable(
    byId('ratelimits-table'),
    [
      { label: 'Model', value: (row) => row.model },
      {
        label: 'Resource',
        value: (row) => (row.resource === 'requests' ? 'requests / day' : `${row.resource} / minute`),
      },
      { label: 'Remaining', unit: 'count', value: (row) => row.remaining },
      { label: 'Limit', unit: 'count', value: (row) => row.limit },
      { label: 'Headroom', unit: 'percent', value: (row) => row.share },
      { label: 'Resets', value: (row) => (row.resetSeconds === null ? null : formatIn(row.resetSeconds)) },
      { label: '429s', unit: 'count', value: (row) => row.hits },
    ],
    summary.rateLimits,
    'No x-ratelimit-* headers seen yet.',
  );
  const catalogueNote = document.getElementById('catalogue-note');
  if (catalogueNote) {
    catalogueNote.textContent =
      summary.catalogue === null
        ? 'The model list is polled from GET /models when the exporter has GROQ_API_KEY (or the simulator).'
        : '';
  }
  renderTable(
    byId('catalogue-table'),
    [
      { label: 'Model', value: (row) => row.id },
      { label: 'Owned by', value: (row) => row.ownedBy },
      { label: 'Context window', unit: 'count', value: (row) => row.contextWindow },
      { label: 'Active', value: (row) => (row.active ? 'yes' : 'no') },
    ],
    summary.catalogue ?? [],
    summary.catalogue === null ? 'Not configured.' : 'No models listed yet.',
  );
}

/**
 * @param {any[] | undefined} rows
 */
export function renderLedger(rows) {
  const note = document.getElementById('ledger-note');
  if (note) {
    note.textContent =
      rows === undefined
        ? 'The list of recent operations shows when the operator runs the exporter with --ledger-db and --pages-ledger.'
        : '';
  }
  renderTable(
    /** @type {HTMLTableElement | null} */ (document.getElementById('ledger-table')),
    [
      { label: 'Time', value: (row) => formatTime(row.startTimeMs) },
      { label: 'Service', value: (row) => row.service },
      { label: 'Operation', value: (row) => row.operation },
      { label: 'Model', value: (row) => row.model },
      { label: 'Outcome', value: (row) => row.outcome },
      { label: 'Input', unit: 'count', value: (row) => row.inputTokens },
      { label: 'Output', unit: 'count', value: (row) => row.outputTokens },
      { label: 'Cost', unit: 'usd6', value: (row) => (row.costUsd === null ? null : Number(row.costUsd)) },
      { label: 'Pricing', value: (row) => row.pricing },
      { label: 'Duration', unit: 'seconds', value: (row) => row.durationSeconds },
      { label: 'Feature', value: (row) => row.feature },
      { label: 'User', value: (row) => row.userId },
    ],
    rows ?? [],
    rows === undefined ? 'Ledger view off.' : 'No operations in the last day.',
  );
}
