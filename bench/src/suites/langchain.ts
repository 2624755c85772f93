/**
 * LangChain JS `ChatGroq` with groqmeter's callback handler, and with `instrumentChatGroq()`
 * (the handler plus the per-attempt fetch wrapper), each against a bare `ChatGroq`. A handler
 * that does nothing is measured the same way: it is what LangChain's callback machinery alone
 * costs, which any handler pays. No patching: the models live in this process and the calls
 * interleave call by call.
 */
import { GroqmeterCallbackHandler, instrumentChatGroq } from '@groqmeter/langchain';
import { BaseCallbackHandler } from '@langchain/core/callbacks/base';
import { ChatGroq } from '@langchain/groq';
import { runSuiteScript, scriptInput } from '../bench-process';
import { BENCH_MODEL, BENCH_PROMPT, completionTokensHeaders } from '../bench-workload';
import { type ChatContender, compareChatContenders } from '../chat-comparison';
import { installOtelPipeline } from '../otel-pipeline';
import type { SuiteResult } from '../results';
import type { SuiteInput } from '../suite-input';

/** Awaited like groqmeter's handler, so that the two differ only in what the callbacks do. */
class EmptyCallbackHandler extends BaseCallbackHandler {
  name = 'empty';
  constructor() {
    super({ _awaitHandler: true });
  }
  override handleChatModelStart(): void {}
  override handleLLMNewToken(): void {}
  override handleLLMEnd(): void {}
}

function langChainContender(model: ChatGroq): ChatContender {
  return {
    async call() {
      await model.invoke(BENCH_PROMPT);
    },
    async stream(tokens, onChunk) {
      let count = 0;
      for await (const _chunk of await model.stream(BENCH_PROMPT, {
        headers: completionTokensHeaders(tokens),
      })) {
        count++;
        onChunk?.(count);
      }
      return count;
    },
  };
}

await runSuiteScript(async (): Promise<SuiteResult> => {
  const { simulatorUrl, plan } = scriptInput<SuiteInput>();
  const pipeline = installOtelPipeline();
  // One retry (LangChain's, the same code path with or without it): on a loaded machine the
  // simulator sometimes closes a keep-alive socket just as the next request reuses it ("other side
  // closed"), which without a retry fails the whole suite, bare baseline included.
  const chatGroq = (options: { callbacks?: BaseCallbackHandler[] } = {}) =>
    new ChatGroq({ apiKey: 'bench', model: BENCH_MODEL, baseUrl: simulatorUrl, maxRetries: 1, ...options });
  const shared = { sdk: 'LangChain ChatGroq.invoke', streamSdk: 'LangChain ChatGroq.stream', pipeline, plan };
  const empty = await compareChatContenders({
    ...shared,
    instrumentation: 'reference: a callback handler that does nothing',
    baseline: langChainContender(chatGroq()),
    instrumented: langChainContender(chatGroq({ callbacks: [new EmptyCallbackHandler()] })),
  });
  const handler = await compareChatContenders({
    ...shared,
    instrumentation: 'groqmeter GroqmeterCallbackHandler (callbacks)',
    baseline: langChainContender(chatGroq()),
    instrumented: langChainContender(chatGroq({ callbacks: [new GroqmeterCallbackHandler()] })),
  });
  const wrapped = await compareChatContenders({
    ...shared,
    instrumentation: 'groqmeter instrumentChatGroq()',
    baseline: langChainContender(chatGroq()),
    instrumented: langChainContender(instrumentChatGroq(chatGroq())),
  });
  const all = [empty, handler, wrapped];
  return {
    calls: all.flatMap((result) => result.calls ?? []),
    memory: all.flatMap((result) => result.memory ?? []),
  };
});
