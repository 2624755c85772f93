#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { startSimulator } from './server';
import { loadSimulatorConfig, SimulatorConfigError } from './simulator-config';
import type { SimulatorOptions } from './types';

const USAGE = `Usage: groqmeter-simulator [--port N] [--host 127.0.0.1] [--config FILE] [--seed N] [--time-scale X]

Serves a Groq-compatible API under /openai/v1 until SIGINT or SIGTERM.
  --port N          TCP port (default 0: any free port; the URL is printed)
  --host H          interface to listen on (default 127.0.0.1)
  --config FILE     JSON file with simulator options (models, faults, limits, ...)
  --seed N          seed of ids, texts and random faults (default 1)
  --time-scale X    multiply simulated delays; 0 = never wait (default 1 here)
  --help            show this help`;

function numberFlag(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (value.trim() === '' || !Number.isFinite(parsed)) {
    throw new SimulatorConfigError('the command line', [`--${name} must be a number, got "${value}"`]);
  }
  return parsed;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      config: { type: 'string' },
      seed: { type: 'string' },
      'time-scale': { type: 'string' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const fromFile: SimulatorOptions = values.config ? await loadSimulatorConfig(values.config) : {};
  const options: SimulatorOptions = { timeScale: 1, ...fromFile };
  const port = numberFlag('port', values.port);
  const seed = numberFlag('seed', values.seed);
  const timeScale = numberFlag('time-scale', values['time-scale']);
  if (port !== undefined) options.port = port;
  if (seed !== undefined) options.seed = seed;
  if (timeScale !== undefined) options.timeScale = timeScale;
  if (values.host !== undefined) options.host = values.host;

  const simulator = await startSimulator(options);
  process.stdout.write(
    `groqmeter-simulator listening on ${simulator.url} (OpenAI-compatible base URL ${simulator.openaiBaseURL})\n`,
  );
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`groqmeter-simulator received ${signal}, stopping\n`);
    simulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`groqmeter-simulator: ${message}\n\n${USAGE}\n`);
  process.exit(2);
});
