import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSimulatorConfig, SimulatorConfigError, validateSimulatorOptions } from './simulator-config';

async function configFile(content: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'groq-simulator-'));
  const path = join(dir, 'simulator.json');
  await writeFile(path, content);
  return path;
}

describe('loadSimulatorConfig', () => {
  it('reads a valid file', async () => {
    const config = {
      port: 8787,
      seed: 7,
      timeScale: 0.5,
      models: {
        'openai/gpt-oss-20b': {
          completionTokens: 10,
          limits: { tokensPerMinute: 500 },
          errorRates: { '500': 0.1 },
        },
      },
      faults: [{ fault: '429', count: 2, model: 'openai/gpt-oss-20b', retryAfterSeconds: 0 }],
    };
    expect(await loadSimulatorConfig(await configFile(JSON.stringify(config)))).toEqual(config);
  });

  it('lists every problem with its path, the bad value and what is expected', async () => {
    const path = await configFile(
      JSON.stringify({
        port: 70_000,
        tiemScale: 1,
        models: {
          m: { limits: { tokensPerMinute: -5 }, errorRates: { '429': 0.8, '500': 0.4 }, kind: 'video' },
        },
        faults: [{ count: 0 }],
      }),
    );
    const error = await loadSimulatorConfig(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SimulatorConfigError);
    expect((error as SimulatorConfigError).problems).toEqual([
      'the configuration has unknown key "tiemScale"; expected one of port, host, seed, models, faults, timeScale, plan, organization, retiredModel, batchTiming, now',
      'port must be a whole number from 0 to 65535, got 70000',
      'models["m"].kind must be one of "chat", "guard", "transcription", "speech", got "video"',
      'models["m"].limits.tokensPerMinute must be a whole number from 1 up, got -5',
      'models["m"].errorRates add up to 1.2; their sum must be at most 1',
      'faults[0].fault is missing; expected one of 429, 500, 503, 498, malformed-chunk, drop-mid-stream, stream-error',
      'faults[0].count must be a whole number from 1 up, got 0',
    ]);
    expect((error as Error).message).toContain(`Invalid simulator configuration in ${path}:`);
  });

  it('explains unreadable and non-JSON files', async () => {
    await expect(loadSimulatorConfig('/nonexistent/simulator.json')).rejects.toThrow(
      'the file could not be read',
    );
    await expect(loadSimulatorConfig(await configFile('{ port: 1 }'))).rejects.toThrow(
      'the file is not valid JSON',
    );
  });
});

describe('validateSimulatorOptions', () => {
  it('accepts a clock function from code', () => {
    const now = () => 0;
    expect(validateSimulatorOptions({ now }, 'options')).toEqual({ now });
  });

  it('rejects a non-object', () => {
    expect(() => validateSimulatorOptions(3, 'options')).toThrow(
      'the configuration must be an object, got 3',
    );
  });
});
