import type { PrometheusDashboardSpec } from '../build-dashboard.js';
import { NEUTRAL } from '../panel-spec.js';
import { SERIES, select, sumBy } from '../promql.js';
import { growth, spendOver } from './measures.js';
import { RANGE, RATE_INTERVAL } from './range.js';

const perHour = (by: readonly string[], selector: string) =>
  `${sumBy(by, `rate(${selector}[${RATE_INTERVAL}])`)} * 3600`;

/** Whisper minutes, text-to-speech characters and built-in tool calls. */
export const audioTools: PrometheusDashboardSpec = {
  datasource: 'prometheus',
  uid: 'groqmeter-audio-tools',
  title: 'groqmeter / Audio & tools',
  description:
    'Transcription and translation minutes as billed, text-to-speech characters, and built-in tool calls.',
  file: 'audio-tools.json',
  rows: [
    [
      {
        kind: 'stat',
        title: 'Transcription minutes',
        description:
          'Audio minutes billed for transcription and translation in the dashboard range (Groq bills at least 10 s per request).',
        unit: 'm',
        decimals: 2,
        thresholds: NEUTRAL,
        width: 6,
        height: 5,
        targets: [
          { expr: `${growth(SERIES.audioBilledSeconds, RANGE)} / 60`, expect: 'audio_billed_minutes' },
        ],
      },
      {
        kind: 'stat',
        title: 'TTS characters',
        description: 'Text-to-speech input characters in the dashboard range.',
        unit: 'short',
        thresholds: NEUTRAL,
        width: 6,
        height: 5,
        targets: [{ expr: growth(SERIES.speechCharacters, RANGE), expect: 'speech_characters' }],
      },
      {
        kind: 'stat',
        title: 'Tool calls',
        description:
          'Built-in tool calls (web search, browser search, code execution) in the dashboard range.',
        unit: 'short',
        thresholds: NEUTRAL,
        width: 6,
        height: 5,
        targets: [{ expr: growth(SERIES.toolCalls, RANGE), expect: 'tool_calls' }],
      },
      {
        kind: 'stat',
        title: 'Audio and speech spend',
        description:
          'Groq spend on the audio (transcription, translation) and speech (TTS) components in the dashboard range.',
        unit: 'currencyUSD',
        decimals: 4,
        thresholds: NEUTRAL,
        width: 6,
        height: 5,
        targets: [{ expr: spendOver(RANGE, ['component=~"audio|speech"']), expect: 'audio_speech_spend' }],
      },
    ],
    [
      {
        kind: 'timeseries',
        title: 'Transcription minutes per hour',
        description: 'Billed audio minutes per hour by model and operation (transcription, translation).',
        unit: 'm',
        thresholds: NEUTRAL,
        width: 12,
        height: 8,
        targets: [
          {
            expr: `${perHour(['model', 'operation'], select(SERIES.audioBilledSeconds))} / 60`,
            legend: '{{model}} {{operation}}',
          },
        ],
      },
      {
        kind: 'timeseries',
        title: 'TTS characters per hour',
        description: 'Text-to-speech input characters per hour by model.',
        unit: 'short',
        thresholds: NEUTRAL,
        width: 12,
        height: 8,
        targets: [{ expr: perHour(['model'], select(SERIES.speechCharacters)), legend: '{{model}}' }],
      },
    ],
    [
      {
        kind: 'timeseries',
        title: 'Tool calls per hour',
        description: 'Built-in tool calls per hour by tool.',
        unit: 'short',
        thresholds: NEUTRAL,
        width: 12,
        height: 8,
        targets: [{ expr: perHour(['tool'], select(SERIES.toolCalls)), legend: '{{tool}}' }],
      },
      {
        kind: 'table',
        title: 'Tool calls by tool and model',
        description: 'Built-in tool calls in the dashboard range for each tool and model.',
        unit: 'short',
        thresholds: NEUTRAL,
        width: 12,
        height: 8,
        targets: [{ expr: growth(SERIES.toolCalls, RANGE, { by: ['tool', 'model'] }), expect: 'tool_calls' }],
      },
    ],
  ],
};
