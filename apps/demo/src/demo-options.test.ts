import { describe, expect, it } from 'vitest';
import { parseDemoOptions } from './demo-options.js';

describe('parseDemoOptions', () => {
  it('defaults to the exporter and Prometheus default ports, seed 42 and no duration', () => {
    expect(parseDemoOptions([])).toEqual({
      seed: 42,
      prometheus: true,
      exporterOtlpPort: 4318,
      exporterMetricsPort: 9464,
      prometheusPort: 9090,
      help: false,
    });
  });

  it('reads every flag, ignoring the -- that pnpm passes through', () => {
    expect(
      parseDemoOptions([
        '--',
        '--duration',
        '1m30s',
        '--seed=7',
        '--rate',
        '2.5',
        '--no-prometheus',
        '--exporter-otlp-port',
        '14318',
        '--exporter-metrics-port',
        '19464',
        '--prometheus-port',
        '19090',
      ]),
    ).toEqual({
      durationSeconds: 90,
      seed: 7,
      rate: 2.5,
      prometheus: false,
      exporterOtlpPort: 14318,
      exporterMetricsPort: 19464,
      prometheusPort: 19090,
      help: false,
    });
  });

  it.each([
    [
      ['--duration', 'soon'],
      '--duration: "soon" is not a duration: expected a positive number of seconds (60) or number-unit parts (20s, 1m, 1m30s, 500ms)',
    ],
    [
      ['--rate', '0'],
      '--rate "0" is not a request rate: expected a number of requests per second above 0 and at most 100',
    ],
    [['--seed', '1.5'], '--seed "1.5" is out of range: expected a whole number from 0 to 4294967295'],
    [
      ['--exporter-otlp-port', '70000'],
      '--exporter-otlp-port "70000" is out of range: expected a whole number from 1 to 65535',
    ],
    [
      ['--exporter-otlp-port', '9464'],
      'the exporter OTLP port (9464), the exporter /metrics port (9464) and the Prometheus port (9090) must all differ',
    ],
    [['--verbose'], "Unknown option '--verbose'"],
    [['extra'], "Unexpected argument 'extra'"],
  ])('rejects %j', (argv, message) => {
    expect(() => parseDemoOptions(argv)).toThrow(message);
  });
});
