/**
 * One process of the per-promise-tax suite: the same bare workload (a plain groq-sdk client
 * streaming, and a chain of awaited promises), with groqmeter not loaded, loaded but never called,
 * or loaded and called once before. Whatever groqmeter leaves installed in a process (its own
 * AsyncLocalStorage, hooks) taxes the user's promises here, where no row of the chat suites sees
 * it: their baselines run in the instrumented process and pay it too.
 */
import { context, createContextKey } from '@opentelemetry/api';
import type GroqClient from 'groq-sdk';
import { runSuiteScript, scriptInput } from '../bench-process';
import { runInterleaved } from '../interleave';
import { requireFromBench } from '../module-copies';
import { installOtelPipeline } from '../otel-pipeline';
import type { PromiseTaxSample } from '../results';
import { stainlessChatContender } from '../stainless-contender';
import { median } from '../statistics';
import type { SuiteInput } from '../suite-input';

/** What groqmeter does in the process before the bare workload runs. */
export type PromiseTaxVariant = 'not loaded' | 'loaded, not called' | 'loaded, called once';

/** Input of this script: the suite's input and the variant. */
export interface PromiseTaxInput extends SuiteInput {
  variant: PromiseTaxVariant;
}

const APP_KEY = createContextKey('bench app context');

/** Promise hops of one timed await chain. */
const HOPS = 100_000;

async function awaitChain(hops: number): Promise<void> {
  for (let hop = 0; hop < hops; hop++) await Promise.resolve(hop);
}

await runSuiteScript(async (): Promise<PromiseTaxSample> => {
  const { simulatorUrl, plan, variant } = scriptInput<PromiseTaxInput>();
  // The app's own OTel set-up is the same in every variant, its context manager in use (as any
  // instrumented server's is, which turns its AsyncLocalStorage on): only groqmeter differs.
  installOtelPipeline();
  context.with(context.active().setValue(APP_KEY, true), () => undefined);
  const { default: Groq } = requireFromBench('groq-sdk') as { default: typeof GroqClient };
  const client = () => new Groq({ apiKey: 'bench', baseURL: simulatorUrl, maxRetries: 0 });
  if (variant !== 'not loaded') {
    const { instrumentGroq } = await import('@groqmeter/instrumentation-groq');
    const instrumented = stainlessChatContender(instrumentGroq(client()));
    if (variant === 'loaded, called once') {
      await instrumented.call();
      await instrumented.stream(plan.streams.chunks);
    }
  }
  const bare = stainlessChatContender(client());
  const [streams, chains] = await runInterleaved(
    [
      { name: 'bare stream', run: async () => void (await bare.stream(plan.streams.chunks)) },
      { name: 'await chain', run: () => awaitChain(HOPS) },
    ],
    plan.streams,
  );
  return {
    variant,
    chunksPerStream: await bare.stream(plan.streams.chunks),
    streamMs: median(streams!),
    hopNs: (median(chains!) * 1e6) / HOPS,
  };
});
