import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

/**
 * `GROQMETER_GROQ_SDK_DIR` (set by `test:versions`) runs the same suite against another groq-sdk:
 * the directory of that installed package. groq-sdk 0.x keeps its `Stream` in `lib/streaming`.
 */
const ENV_GROQ_SDK_DIR = 'GROQMETER_GROQ_SDK_DIR';
/** `GROQMETER_OPENAI_DIR` (set by `test:versions --sdk openai`): the openai package to test against. */
const ENV_OPENAI_DIR = 'GROQMETER_OPENAI_DIR';

function openaiAliases(openaiDir: string | undefined) {
  return openaiDir === undefined ? [] : [{ find: /^openai$/, replacement: join(openaiDir, 'index.mjs') }];
}

function groqSdkAliases(sdkDir: string | undefined) {
  if (sdkDir === undefined) return [];
  const { version } = JSON.parse(readFileSync(join(sdkDir, 'package.json'), 'utf8')) as { version: string };
  const streaming = version.startsWith('0.') ? 'lib/streaming.mjs' : 'core/streaming.mjs';
  return [
    { find: /^groq-sdk\/core\/streaming$/, replacement: join(sdkDir, streaming) },
    { find: /^groq-sdk$/, replacement: join(sdkDir, 'index.mjs') },
  ];
}

/** The in-process suites that talk to groq-sdk (the child-process ones load the installed 1.x). */
const GROQ_SDK_SUITES = [
  'test/chat.test.ts',
  'test/chat-stream.test.ts',
  'test/compound.test.ts',
  'test/other-operations.test.ts',
  'test/instrumentation.test.ts',
];
/** The suites that talk to the openai SDK (as `test:versions --sdk openai` runs them). */
const OPENAI_SUITES = ['test/openai.test.ts', 'test/openai-instrumentation.test.ts'];

/**
 * The representative subset of the version matrix that every `pnpm test` proves offline: older
 * SDKs installed as npm aliases (devDependencies `groq-sdk-0-27`, `openai-4`, ...), each running
 * the same suites as the installed groq-sdk 1.6.0 and openai 6.30.1 with the SDK swapped in.
 * `test:versions` runs the whole matrix.
 */
const ALIASED_SDKS = [
  { alias: 'groq-sdk-0-27', env: ENV_GROQ_SDK_DIR, suites: GROQ_SDK_SUITES },
  { alias: 'groq-sdk-0-37', env: ENV_GROQ_SDK_DIR, suites: GROQ_SDK_SUITES },
  { alias: 'openai-4', env: ENV_OPENAI_DIR, suites: OPENAI_SUITES },
  { alias: 'openai-5', env: ENV_OPENAI_DIR, suites: OPENAI_SUITES },
  // The provider suite calls the Assistants API as openai 5 and later spell it.
  { alias: 'openai-7', env: ENV_OPENAI_DIR, suites: [...OPENAI_SUITES, 'test/openai-provider.test.ts'] },
];

function aliasedProject({
  alias,
  env,
  suites,
}: (typeof ALIASED_SDKS)[number]): TestProjectInlineConfiguration {
  const dir = join(import.meta.dirname, 'node_modules', alias);
  const { version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string };
  return {
    extends: true,
    resolve: { alias: env === ENV_GROQ_SDK_DIR ? groqSdkAliases(dir) : openaiAliases(dir) },
    test: { name: `${alias} (${version})`, include: suites, env: { [env]: dir } },
  };
}

const sdkDir = process.env[ENV_GROQ_SDK_DIR];
const openaiDir = process.env[ENV_OPENAI_DIR];
/** Under `test:versions` only the SDK it installed runs; otherwise the aliases run too. */
const matrixRun = sdkDir !== undefined || openaiDir !== undefined;

export default defineConfig({
  resolve: { alias: [...groqSdkAliases(sdkDir), ...openaiAliases(openaiDir)] },
  test: {
    // The child-process tests run the built package, as its users do.
    globalSetup: ['./test/build-once.ts'],
    testTimeout: 20_000,
    ...(matrixRun
      ? {}
      : { projects: [{ extends: true, test: { name: 'installed' } }, ...ALIASED_SDKS.map(aliasedProject)] }),
  },
});
