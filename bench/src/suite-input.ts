import type { BenchPlan, SuiteName } from './bench-options';

/** What every suite process gets from `pnpm bench`. */
export interface SuiteInput {
  suite: SuiteName;
  plan: BenchPlan;
  /** The simulator's base URL for groq-sdk and LangChain (`http://127.0.0.1:PORT`). */
  simulatorUrl: string;
  /** Its OpenAI-compatible base URL for openai and `@ai-sdk/groq` (`.../openai/v1`). */
  openaiBaseURL: string;
}
