import { stringField } from './unknown-fields.js';

/**
 * Groq's `executed_tools[].type` values and the tool ids the price catalogue bills them under.
 * Types not listed keep their own name. Every call is counted, time-billed tools included: Groq
 * reports no duration for a code execution or a browser session (groq-sdk's `ExecutedTool` has
 * `index`, `type`, `arguments`, `output` and result arrays only), so the cost of such a call is
 * recorded as partial, never guessed.
 */
const TOOL_ID_BY_EXECUTED_TYPE: Readonly<Record<string, string>> = {
  search: 'web_search',
  web_search: 'web_search',
  visit: 'visit_website',
  visit_website: 'visit_website',
  python: 'code_execution',
  code_interpreter: 'code_execution',
  code_execution: 'code_execution',
  browser_automation: 'browser_automation',
  browser_search: 'browser_search',
  'browser.search': 'browser_search',
  'browser.open': 'browser_open',
  wolfram: 'wolfram_alpha',
  wolfram_alpha: 'wolfram_alpha',
};

/** The catalogue tool id of one `executed_tools[].type`. */
export function builtInToolId(executedType: string): string {
  return TOOL_ID_BY_EXECUTED_TYPE[executedType] ?? executedType;
}

/**
 * Count built-in tool calls by tool id from `executed_tools` entries (compound systems' and the
 * gpt-oss models' `message.executed_tools`). Undefined when no tool ran, so that a usage stays
 * without a `toolCalls` key. Shared by every adapter (groq-sdk, openai, AI SDK, LangChain).
 */
export function countBuiltInToolCalls(executedTools: readonly unknown[]): Record<string, number> | undefined {
  const counts: Record<string, number> = {};
  for (const tool of executedTools) {
    const type = stringField(tool, 'type');
    if (type === undefined) continue;
    const id = builtInToolId(type);
    counts[id] = (counts[id] ?? 0) + 1;
  }
  return Object.keys(counts).length > 0 ? counts : undefined;
}
