/**
 * LangChain JS `ChatGroq` with groqmeter's callback handler, and with `instrumentChatGroq()`
 * (the handler plus the per-attempt fetch wrapper), each against a bare `ChatGroq`. A handler
 * that does nothing is measured the same way: it is what LangChain's callback machinery alone
 * costs, which any handler pays. No patching: each row's models live in a process of the row's
 * own (suite-rows.ts) and the calls interleave call by call.
 */
import { GroqmeterCallbackHandler, instrumentChatGroq } from '@groqmeter/langchain';
import { BaseCallbackHandler } from '@langchain/core/callbacks/base';
import { ChatGroq } from '@langchain/groq';
import { BENCH_MODEL, BENCH_PROMPT, completionTokensHeaders } from '../bench-workload';
import { type ChatContender, compareChatContenders } from '../chat-comparison';
import { installOtelPipeline } from '../otel-pipeline';
import { runSuiteRows, type SuiteRow } from '../suite-rows';

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

type ChatGroqOptions = { callbacks?: BaseCallbackHandler[] };

/** A row: `ChatGroq` bare against the one `instrument` makes (from the same options). */
function row(
  instrumentation: string,
  instrument: (chatGroq: (options?: ChatGroqOptions) => ChatGroq) => ChatGroq,
): SuiteRow {
  return async ({ simulatorUrl, plan }) => {
    const pipeline = installOtelPipeline();
    // One retry (LangChain's, the same code path with or without it): on a loaded machine the
    // simulator sometimes closes a keep-alive socket just as the next request reuses it ("other side
    // closed"), which without a retry fails the whole suite, bare baseline included.
    const chatGroq = (options: ChatGroqOptions = {}) =>
      new ChatGroq({ apiKey: 'bench', model: BENCH_MODEL, baseUrl: simulatorUrl, maxRetries: 1, ...options });
    return compareChatContenders({
      sdk: 'LangChain ChatGroq.invoke',
      streamSdk: 'LangChain ChatGroq.stream',
      instrumentation,
      baseline: langChainContender(chatGroq()),
      instrumented: langChainContender(instrument(chatGroq)),
      pipeline,
      plan,
    });
  };
}

await runSuiteRows('suites/langchain.ts', [
  row('reference: a callback handler that does nothing', (chatGroq) =>
    chatGroq({ callbacks: [new EmptyCallbackHandler()] }),
  ),
  row('groqmeter GroqmeterCallbackHandler (callbacks)', (chatGroq) =>
    chatGroq({ callbacks: [new GroqmeterCallbackHandler()] }),
  ),
  row('groqmeter instrumentChatGroq()', (chatGroq) => instrumentChatGroq(chatGroq())),
]);
