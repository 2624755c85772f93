/**
 * The openai SDK (pointed at the simulator's OpenAI-compatible API) instrumented by one peer
 * instrumentation, against a bare copy of the SDK loaded before the instrumentation was
 * registered, interleaved in this process. One process per peer: they patch the same prototypes.
 */
import type { Instrumentation } from '@opentelemetry/instrumentation';
import type OpenAIClient from 'openai';
import { runSuiteScript, scriptInput } from '../bench-process';
import { compareChatContenders } from '../chat-comparison';
import { loadBareAndPatched, requireFromBench } from '../module-copies';
import { installOtelPipeline } from '../otel-pipeline';
import { stainlessChatContender } from '../stainless-contender';
import type { SuiteInput } from '../suite-input';

/** The openai instrumentations compared, by suite name. */
type OpenAiPeer = 'openai-contrib' | 'openllmetry' | 'openinference';

function isOpenAiPeer(suite: string): suite is OpenAiPeer {
  return suite in PEERS;
}

/**
 * Each peer with message content capture off (groqmeter's default; OpenLLMetry's default is on),
 * so that every contender does the same job: metadata, usage and, where it has them, metrics.
 * Required only here: some instrumentations hook `require` as soon as they are loaded.
 */
const PEERS: Record<OpenAiPeer, { label: string; create(): Instrumentation }> = {
  'openai-contrib': {
    label: '@opentelemetry/instrumentation-openai',
    create() {
      const { OpenAIInstrumentation } = requireFromBench(
        '@opentelemetry/instrumentation-openai',
      ) as typeof import('@opentelemetry/instrumentation-openai');
      return new OpenAIInstrumentation({ captureMessageContent: false });
    },
  },
  openllmetry: {
    label: 'OpenLLMetry @traceloop/instrumentation-openai',
    create() {
      const { OpenAIInstrumentation } = requireFromBench(
        '@traceloop/instrumentation-openai',
      ) as typeof import('@traceloop/instrumentation-openai');
      return new OpenAIInstrumentation({ traceContent: false }) as unknown as Instrumentation;
    },
  },
  openinference: {
    label: 'OpenInference @arizeai/openinference-instrumentation-openai',
    create() {
      const { OpenAIInstrumentation } = requireFromBench(
        '@arizeai/openinference-instrumentation-openai',
      ) as typeof import('@arizeai/openinference-instrumentation-openai');
      return new OpenAIInstrumentation({
        traceConfig: { hideInputs: true, hideOutputs: true },
      }) as unknown as Instrumentation;
    },
  },
};

await runSuiteScript(async () => {
  const { openaiBaseURL, plan, suite: peer } = scriptInput<SuiteInput>();
  if (!isOpenAiPeer(peer))
    throw new Error(`openai-peer.ts runs ${Object.keys(PEERS).join(', ')}, not ${peer}.`);
  const pipeline = installOtelPipeline();
  const { registerInstrumentations } = await import('@opentelemetry/instrumentation');
  const { bare, patched } = loadBareAndPatched<{ default: typeof OpenAIClient }>('openai', () => {
    registerInstrumentations({ instrumentations: [PEERS[peer].create()] });
  });
  const client = (OpenAI: typeof OpenAIClient) =>
    new OpenAI({ apiKey: 'bench', baseURL: openaiBaseURL, maxRetries: 0 });
  return compareChatContenders({
    sdk: 'openai chat.completions.create',
    streamSdk: 'openai chat.completions.create({ stream: true })',
    instrumentation: PEERS[peer].label,
    baseline: stainlessChatContender(client(bare.default)),
    instrumented: stainlessChatContender(client(patched.default)),
    pipeline,
    plan,
  });
});
