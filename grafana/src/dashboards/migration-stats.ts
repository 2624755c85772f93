import { type PanelSpec, rising } from '../panel-spec.js';
import { SERIES } from '../promql.js';
import { BASELINE_SAVINGS, groqShare, ON_OPENAI, spendOver } from './measures.js';
import { RANGE } from './range.js';

/** Where a stat sits in its row. */
interface StatSize {
  width: number;
  height: number;
}

/** A share from 0 to 1, coloured as the migration goes: orange below half, green from 90%. */
export const SHARE = {
  unit: 'percentunit',
  decimals: 1,
  min: 0,
  max: 1,
  thresholds: [
    { value: null, color: 'orange' },
    { value: 0.5, color: 'yellow' },
    { value: 0.9, color: 'green' },
  ],
} as const satisfies Partial<PanelSpec>;

/**
 * The migration's three headline stats, shown by the migration view and by the Overview's row:
 * one definition, so that both dashboards show the same numbers with the same words.
 */
export function groqShareOfSpendStat(size: StatSize): PanelSpec {
  return {
    kind: 'stat',
    title: 'Groq share of AI spend',
    description:
      'Groq spend ÷ all AI spend (Groq and OpenAI) in the dashboard range. Groq is cheaper per operation, so its share of operations is higher.',
    ...SHARE,
    ...size,
    targets: [{ expr: groqShare(SERIES.cost, RANGE) }],
  };
}

/** See {@link groqShareOfSpendStat}. */
export function realizedSavingsStat(size: StatSize): PanelSpec {
  return {
    kind: 'stat',
    title: 'Realized savings',
    description:
      'What the traffic Groq served would have cost on its OpenAI baseline (groq_cost_baseline_usd_total: gpt-4o for chat, whisper-1, tts-1), minus what it cost on Groq, in the dashboard range. Built-in tools are left out on both sides.',
    unit: 'currencyUSD',
    decimals: 4,
    thresholds: [
      { value: null, color: 'red' },
      { value: 0, color: 'green' },
    ],
    ...size,
    targets: [{ expr: BASELINE_SAVINGS }],
  };
}

/** See {@link groqShareOfSpendStat}. */
export function openaiSpendLeftStat(size: StatSize): PanelSpec {
  return {
    kind: 'stat',
    title: 'OpenAI spend left',
    description:
      'Spend still on OpenAI (provider="openai") in the dashboard range: the work still to move. 0 when nothing ran on OpenAI.',
    unit: 'currencyUSD',
    decimals: 4,
    thresholds: rising(0.000001, 100),
    ...size,
    targets: [{ expr: `${spendOver(RANGE, ON_OPENAI)} or vector(0)` }],
  };
}
