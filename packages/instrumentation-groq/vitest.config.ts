import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

/**
 * `GROQMETER_GROQ_SDK_DIR` (set by `test:versions`) runs the same suite against another groq-sdk:
 * the directory of that installed package. groq-sdk 0.x keeps its `Stream` in `lib/streaming`.
 */
const sdkDir = process.env.GROQMETER_GROQ_SDK_DIR;
/** `GROQMETER_OPENAI_DIR` (set by `test:versions --sdk openai`): the openai package to test against. */
const openaiDir = process.env.GROQMETER_OPENAI_DIR;

function openaiAliases() {
  return openaiDir === undefined ? [] : [{ find: /^openai$/, replacement: join(openaiDir, 'index.mjs') }];
}

function sdkAliases() {
  if (sdkDir === undefined) return openaiAliases();
  const { version } = JSON.parse(readFileSync(join(sdkDir, 'package.json'), 'utf8')) as { version: string };
  const streaming = version.startsWith('0.') ? 'lib/streaming.mjs' : 'core/streaming.mjs';
  return [
    { find: /^groq-sdk\/core\/streaming$/, replacement: join(sdkDir, streaming) },
    { find: /^groq-sdk$/, replacement: join(sdkDir, 'index.mjs') },
    ...openaiAliases(),
  ];
}

export default defineConfig({
  resolve: { alias: sdkAliases() },
  test: {
    // The child-process tests run the built package, as its users do.
    globalSetup: ['./test/build-once.ts'],
    testTimeout: 20_000,
  },
});
