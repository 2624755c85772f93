import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type RunningExporter, startExporter } from '@groqmeter/exporter';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scrapeMetrics } from '../src/metrics-scrape.js';
import { summarizeMetrics } from '../src/metrics-summary.js';
import { runNode, simulatorEnv } from './run-process.js';

const examplesDir = fileURLToPath(new URL('../../../examples/', import.meta.url));

/** Each example, the `service.name` it reports as, and the model and feature it records. */
const EXAMPLES = [
  { dir: 'groq-sdk-esm', service: 'example-groq-sdk-esm', feature: 'support-chat' },
  { dir: 'groq-sdk-cjs', service: 'example-groq-sdk-cjs', feature: 'support-chat' },
  { dir: 'langchain', service: 'example-langchain', feature: 'summarizer' },
  { dir: 'ai-sdk', service: 'example-ai-sdk', feature: 'haiku' },
];

/** The arguments of the example's `start` script after `node`: what `pnpm start` runs. */
function startArguments(dir: string): string[] {
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
    scripts: { start: string };
  };
  const [command, ...args] = manifest.scripts.start.split(' ');
  expect(command).toBe('node');
  return args;
}

let exporter: RunningExporter;

beforeAll(async () => {
  exporter = await startExporter({ host: '127.0.0.1', otlpPort: 0, metricsPort: 0, logLevel: 'silent' });
});

afterAll(async () => {
  await exporter?.close();
});

describe.each(EXAMPLES.map((example) => [example.dir, example] as const))(
  'examples/%s',
  (dir, { service, feature }) => {
    it('runs against the simulator, exits 0 and records a cost on the exporter', async () => {
      const exampleDir = join(examplesDir, dir);
      if (!existsSync(join(exampleDir, 'node_modules'))) {
        throw new Error(
          `examples/${dir} has no node_modules: the examples are pnpm workspace packages, so pnpm-workspace.yaml ` +
            'must list "examples/*" and `pnpm install` must have run.',
        );
      }
      const result = await runNode(startArguments(exampleDir), {
        cwd: exampleDir,
        env: simulatorEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: new URL(exporter.otlpUrl).origin }),
        timeoutMs: 60_000,
      });
      // Node may warn (deprecations); an error would show up here.
      expect(result.stderr).not.toMatch(/error/i);
      expect(result.code).toBe(0);
      expect(result.stdout.trim()).not.toBe('');

      const costs = (await scrapeMetrics(exporter.metricsUrl)).filter(
        (sample) => sample.labels.job === service,
      );
      const summary = summarizeMetrics(costs);
      expect(summary.totalSpendUsd).toBeGreaterThan(0);
      expect(summary.spendByModel.map((share) => share.key)).toEqual(['openai/gpt-oss-20b']);
      expect(summary.spendByFeature.map((share) => share.key)).toEqual([feature]);
      expect(summary.requestsByService).toEqual([{ service, requests: 1, errors: 0, rateLimited: 0 }]);
    }, 90_000);
  },
);
