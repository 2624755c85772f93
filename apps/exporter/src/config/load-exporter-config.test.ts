import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_EXPORTER_CONFIG } from './exporter-config.js';
import { ExporterConfigError, loadExporterConfig } from './load-exporter-config.js';

function configFile(contents: unknown): string {
  const directory = mkdtempSync(join(tmpdir(), 'exporter-config-'));
  const path = join(directory, 'exporter.json');
  writeFileSync(path, typeof contents === 'string' ? contents : JSON.stringify(contents));
  return path;
}

describe('loadExporterConfig', () => {
  it('returns the defaults when nothing is set', () => {
    expect(loadExporterConfig([], {})).toEqual({ ...DEFAULT_EXPORTER_CONFIG, budgets: [] });
    expect(DEFAULT_EXPORTER_CONFIG).toMatchObject({ host: '127.0.0.1', otlpPort: 4318, metricsPort: 9464 });
  });

  it('takes flags over environment over config file over defaults', () => {
    const path = configFile({ otlpPort: 1111, metricsPort: 2222, seriesCap: 3333, logLevel: 'warn' });
    const config = loadExporterConfig(['--config', path, '--otlp-port', '4444', '--log-level=debug'], {
      GROQMETER_EXPORTER_OTLP_PORT: '5555',
      GROQMETER_EXPORTER_METRICS_PORT: '6666',
    });
    expect(config).toMatchObject({ otlpPort: 4444, metricsPort: 6666, seriesCap: 3333, logLevel: 'debug' });
  });

  it('reads every setting from its flag', () => {
    const config = loadExporterConfig(
      [
        '--host=0.0.0.0',
        '--otlp-port=0',
        '--metrics-port=0',
        '--price-file=prices.yaml',
        '--reprice',
        '--budget=feature=team-a:month:500',
        '--budget=all:day:20',
        '--token=push-secret',
        '--scrape-token=scrape-secret',
        '--max-body-bytes=1024',
        '--series-cap=50',
        '--max-families=40',
        '--max-streams-per-series=30',
        '--max-label-value-length=20',
        '--max-labels-per-point=10',
        '--max-exposition-bytes=1000000',
        '--max-in-flight-body-bytes=4096',
        '--stale-after=30',
        '--log-level=silent',
        '--groq-base-url=http://127.0.0.1:9/',
        '--catalogue-interval=60',
        '--ledger-db=sqlite:/var/lib/groqmeter/ledger.db',
        '--groq-batches',
        '--groq-batches-state=/var/lib/groqmeter/batches.json',
        '--groq-batches-interval=120',
        '--prometheus-url=http://127.0.0.1:9090',
        '--pages-ledger',
      ],
      { GROQ_API_KEY: 'gsk_test' },
    );
    expect(config).toEqual({
      host: '0.0.0.0',
      otlpPort: 0,
      metricsPort: 0,
      priceFile: 'prices.yaml',
      reprice: true,
      budgets: [
        { scope: 'feature=team-a', period: 'month', usd: 500 },
        { scope: 'all', period: 'day', usd: 20 },
      ],
      token: 'push-secret',
      scrapeToken: 'scrape-secret',
      maxBodyBytes: 1024,
      seriesCap: 50,
      maxFamilies: 40,
      maxStreamsPerSeries: 30,
      maxLabelValueLength: 20,
      maxLabelsPerPoint: 10,
      maxExpositionBytes: 1_000_000,
      maxInFlightBodyBytes: 4096,
      staleAfterSeconds: 30,
      logLevel: 'silent',
      groqApiKey: 'gsk_test',
      groqBaseUrl: 'http://127.0.0.1:9',
      catalogueIntervalSeconds: 60,
      ledgerDb: 'sqlite:/var/lib/groqmeter/ledger.db',
      groqBatches: true,
      groqBatchesState: '/var/lib/groqmeter/batches.json',
      groqBatchesIntervalSeconds: 120,
      prometheusUrl: 'http://127.0.0.1:9090',
      pagesLedger: true,
    });
  });

  it('refuses a Prometheus URL for the pages that is not http(s)', () => {
    expect(() => loadExporterConfig(['--prometheus-url=ftp://prometheus:9090'], {})).toThrow(
      '--prometheus-url: expected an http(s) URL such as http://127.0.0.1:9090, got "ftp://prometheus:9090"',
    );
  });

  it('configures the batch reconciler from the environment, with an OpenAI-style base URL', () => {
    const config = loadExporterConfig([], {
      GROQ_API_KEY: 'gsk_test',
      GROQ_BASE_URL: 'http://127.0.0.1:9/openai/v1/',
      GROQMETER_EXPORTER_GROQ_BATCHES: 'true',
      GROQMETER_EXPORTER_GROQ_BATCHES_STATE: 'batches.json',
      GROQMETER_EXPORTER_GROQ_BATCHES_INTERVAL: '0.5',
    });
    expect(config).toMatchObject({
      groqBaseUrl: 'http://127.0.0.1:9',
      groqBatches: true,
      groqBatchesState: 'batches.json',
      groqBatchesIntervalSeconds: 0.5,
    });
    expect(DEFAULT_EXPORTER_CONFIG).toMatchObject({ groqBatches: false, groqBatchesIntervalSeconds: 300 });
  });

  it('refuses a batch reconciler without a key or a state file, never naming the key', () => {
    expect(() => loadExporterConfig(['--groq-batches', '--groq-batches-state=b.json'], {})).toThrow(
      new ExporterConfigError(
        '--groq-batches needs a Groq API key to list batches: set GROQ_API_KEY (groqApiKey programmatically)',
      ),
    );
    let thrown: unknown;
    try {
      loadExporterConfig(['--groq-batches'], { GROQ_API_KEY: 'gsk_secret_value' });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ExporterConfigError);
    expect((thrown as Error).message).toBe(
      '--groq-batches needs --groq-batches-state FILE (or GROQMETER_EXPORTER_GROQ_BATCHES_STATE): the file of metered batch ids that keeps a restart from metering a batch twice',
    );
    expect(() => loadExporterConfig(['--groq-batches-interval=-1'], {})).toThrow(
      '--groq-batches-interval: expected a number of seconds above 0, got "-1"',
    );
    expect(() => loadExporterConfig([], { GROQMETER_EXPORTER_GROQ_BATCHES: 'yes' })).toThrow(
      'GROQMETER_EXPORTER_GROQ_BATCHES: expected true or false, got "yes"',
    );
  });

  it('reads settings from the environment, budgets comma-separated', () => {
    const config = loadExporterConfig([], {
      GROQMETER_EXPORTER_HOST: '::1',
      GROQMETER_EXPORTER_REPRICE: 'true',
      GROQMETER_EXPORTER_BUDGETS: 'feature=team-a:month:500, all:day:20',
      GROQMETER_EXPORTER_TOKEN: 't',
      GROQMETER_EXPORTER_STALE_AFTER: '120',
      GROQ_BASE_URL: 'http://simulator:8080',
      GROQMETER_LEDGER_DB: 'postgres://ledger@db:5432/groq_ledger',
    });
    expect(config).toMatchObject({
      host: '::1',
      reprice: true,
      budgets: [
        { scope: 'feature=team-a', period: 'month', usd: 500 },
        { scope: 'all', period: 'day', usd: 20 },
      ],
      token: 't',
      staleAfterSeconds: 120,
      groqBaseUrl: 'http://simulator:8080',
      ledgerDb: 'postgres://ledger@db:5432/groq_ledger',
    });
  });

  it('reads a config file (from GROQMETER_EXPORTER_CONFIG too), its price file relative to it', () => {
    const path = configFile({
      priceFile: 'prices.json',
      budgets: ['feature=team-a:month:500', { scope: 'all', period: 'day', usd: 20 }],
      reprice: true,
      ledgerDb: 'sqlite:/var/lib/groqmeter/ledger.db',
    });
    const config = loadExporterConfig([], { GROQMETER_EXPORTER_CONFIG: path });
    expect(config.priceFile).toBe(join(path, '..', 'prices.json'));
    expect(config.ledgerDb).toBe('sqlite:/var/lib/groqmeter/ledger.db');
    expect(config.budgets).toEqual([
      { scope: 'feature=team-a', period: 'month', usd: 500 },
      { scope: 'all', period: 'day', usd: 20 },
    ]);
    expect(config.reprice).toBe(true);
  });

  it('takes the budget state file from the flag, the environment or the config file (relative to it)', () => {
    expect(loadExporterConfig(['--budgets-state', '/var/lib/groqmeter/budgets.json'], {}).budgetsState).toBe(
      '/var/lib/groqmeter/budgets.json',
    );
    expect(loadExporterConfig([], { GROQMETER_EXPORTER_BUDGETS_STATE: 'state.json' }).budgetsState).toBe(
      'state.json',
    );
    const path = configFile({ budgetsState: 'budgets-state.json' });
    expect(loadExporterConfig(['--config', path], {}).budgetsState).toBe(
      join(path, '..', 'budgets-state.json'),
    );
  });

  it('lets a stronger source replace the whole budget list', () => {
    const path = configFile({ budgets: ['feature=file:month:1'] });
    const config = loadExporterConfig(['--config', path], {
      GROQMETER_EXPORTER_BUDGETS: 'feature=env:day:2',
    });
    expect(config.budgets).toEqual([{ scope: 'feature=env', period: 'day', usd: 2 }]);
  });

  const errors: [string, string[], Record<string, string>, string][] = [
    ['an unknown flag', ['--otlp-prot', '1'], {}, "Unknown option '--otlp-prot'"],
    [
      'a bad port',
      ['--otlp-port', '70000'],
      {},
      '--otlp-port: expected a port number from 0 to 65535, got "70000"',
    ],
    [
      'a bad environment value',
      [],
      { GROQMETER_EXPORTER_SERIES_CAP: 'lots' },
      'GROQMETER_EXPORTER_SERIES_CAP: expected a whole number of at least 1, got "lots"',
    ],
    [
      'a bad log level',
      ['--log-level', 'loud'],
      {},
      '--log-level: expected one of debug, info, warn, error, silent, got "loud"',
    ],
    [
      'a bad budget',
      ['--budget', 'x:year:1'],
      {},
      '--budget: budget "x:year:1": period must be day, week or month, got "year"',
    ],
    [
      'a bad URL',
      ['--groq-base-url', 'ftp://x'],
      {},
      'expected an http(s) URL such as https://api.groq.com, got "ftp://x"',
    ],
    ['an empty token', ['--token='], {}, '--token: expected a non-empty string'],
    ['an empty ledger database', ['--ledger-db='], {}, '--ledger-db: expected a non-empty string'],
  ];

  it.each(errors)('refuses %s with a message naming the setting', (_case, argv, env, message) => {
    expect(() => loadExporterConfig(argv, env)).toThrow(ExporterConfigError);
    expect(() => loadExporterConfig(argv, env)).toThrow(message);
  });

  it('refuses unknown config-file keys, wrong value types and unreadable files', () => {
    expect(() => loadExporterConfig(['--config', configFile({ otlp_port: 1 })], {})).toThrow(
      /has unknown setting "otlp_port"; known settings are host, otlpPort/,
    );
    expect(() => loadExporterConfig(['--config', configFile({ reprice: 'maybe' })], {})).toThrow(
      /"reprice" in .*exporter\.json: expected true or false, got "maybe"/,
    );
    expect(() => loadExporterConfig(['--config', configFile('{ nope')], {})).toThrow(/is not valid JSON/);
    expect(() => loadExporterConfig(['--config', '/nonexistent/exporter.json'], {})).toThrow(
      'cannot read the config file /nonexistent/exporter.json (ENOENT); check the path given to --config or GROQMETER_EXPORTER_CONFIG',
    );
  });

  it('never echoes a token in an error', () => {
    expect(() => loadExporterConfig(['--scrape-token', 'super-secret', '--stale-after', 'x'], {})).toThrow(
      '--stale-after: expected a number of seconds above 0, got "x"',
    );
    let thrown: unknown;
    try {
      loadExporterConfig(['--scrape-token', 'super-secret', '--bogus'], {});
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ExporterConfigError);
    expect((thrown as Error).message).toBe(
      "Unknown option '--bogus'. Run groqmeter-exporter --help for the list of flags.",
    );
  });
});
