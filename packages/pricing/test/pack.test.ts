/**
 * The package as users get it: packed (from the test build, staged like the package), installed
 * with npm into a fresh app, then used through the bin, `require()` and `import`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBuildDir } from './test-build.js';

const scratch = mkdtempSync(join(tmpdir(), 'groqmeter-pricing-pack-'));
const app = join(scratch, 'app');

/** npm would read pnpm's npm_config_* settings of the test run; the fresh app gets none of them. */
const cleanEnv = Object.fromEntries(
  Object.entries(process.env).filter(([name]) => !name.toLowerCase().startsWith('npm_')),
);

function inApp(command: string, args: string[]): string {
  return execFileSync(command, args, { cwd: app, env: cleanEnv, encoding: 'utf8' });
}

beforeAll(() => {
  execFileSync('pnpm', ['pack', '--pack-destination', scratch], { cwd: testBuildDir, stdio: 'pipe' });
  const tarball = readdirSync(scratch).find((name) => name.endsWith('.tgz'));
  if (!tarball) throw new Error(`pnpm pack wrote no .tgz into ${scratch}`);
  mkdirSync(app);
  writeFileSync(
    join(app, 'package.json'),
    JSON.stringify({ name: 'pack-check', version: '1.0.0', private: true }),
  );
  inApp('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', join(scratch, tarball)]);
}, 240_000);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the packed package in a fresh npm app', () => {
  it('ships the built files, the types and the price-file schema', () => {
    const installed = join(app, 'node_modules', '@groqmeter', 'pricing');
    expect(
      [
        'dist/index.js',
        'dist/index.cjs',
        'dist/index.d.ts',
        'dist/index.d.cts',
        'dist/cli.js',
        'price-file.schema.json',
      ].filter((file) => !existsSync(join(installed, file))),
    ).toEqual([]);
  });

  it('runs the groqmeter-price bin', () => {
    const bin = join(app, 'node_modules', '.bin', 'groqmeter-price');
    const output = inApp(bin, [
      '--model',
      'openai/gpt-oss-20b',
      '--input',
      '1000000',
      '--at',
      '2026-11-01',
      '--json',
    ]);
    // 1M × 0.075 / 1M = 0.075
    expect(JSON.parse(output)).toMatchObject({ model: 'openai/gpt-oss-20b', total_usd: '0.075000000' });
  });

  it('loads with require() (CommonJS)', () => {
    const script = `
      const { priceUsage, formatUsd, QUANTA_PER_USD } = require('@groqmeter/pricing');
      const result = priceUsage('whisper-large-v3-turbo', { audioSeconds: 3600 });
      console.log(JSON.stringify([formatUsd(result.total), String(QUANTA_PER_USD), require.resolve('@groqmeter/pricing')]));
    `;
    const [total, quanta, resolved] = JSON.parse(inApp(process.execPath, ['-e', script]));
    // 3600 s × 0.04 / 3600 s = 0.04
    expect([total, quanta, resolved.endsWith(join('dist', 'index.cjs'))]).toEqual([
      '0.040000000',
      '3600000000000000000',
      true,
    ]);
  });

  it('loads with import (ES module)', () => {
    const script = `
      import { createPriceBook, DEFAULT_BASELINES } from '@groqmeter/pricing';
      const result = createPriceBook().priceBaseline('speech', { characters: 1000 });
      console.log(JSON.stringify([result.totalUsd, DEFAULT_BASELINES.chat, import.meta.resolve('@groqmeter/pricing')]));
    `;
    const [total, chatBaseline, resolved] = JSON.parse(
      inApp(process.execPath, ['--input-type=module', '-e', script]),
    );
    // tts-1: 1,000 × 15 / 1M = 0.015
    expect([total, chatBaseline, resolved.endsWith('dist/index.js')]).toEqual([
      '0.015000000',
      'gpt-4o',
      true,
    ]);
  });
});
