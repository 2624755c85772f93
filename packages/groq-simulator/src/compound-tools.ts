import { type ChatUsage, roundMicro } from './chat-answer';
import { type GroqErrorResponse, invalidRequest } from './groq-errors';
import { isRecord } from './is-record';

/** Request header that lists the built-in tools a compound answer executes, in order. */
export const COMPOUND_TOOLS_HEADER = 'x-simulator-compound-tools';

/** `executed_tools[].type` values as Groq sends them, by the `enabled_tools` name that allows each. */
export const EXECUTED_TOOL_TYPES = {
  web_search: 'search',
  visit_website: 'visit',
  code_interpreter: 'python',
  browser_automation: 'browser_automation',
  wolfram_alpha: 'wolfram',
} as const;

export type ExecutedToolType = (typeof EXECUTED_TOOL_TYPES)[keyof typeof EXECUTED_TOOL_TYPES];

const ALL_TYPES: readonly ExecutedToolType[] = Object.values(EXECUTED_TOOL_TYPES);

/** Prompt tokens each executed tool's output adds: the system reads it back before answering. */
export const TOOL_OUTPUT_TOKENS = 100;
/** Completion tokens of the routing pass per executed tool (the tool-call arguments). */
export const TOOL_CALL_TOKENS = 8;

/** The systems that run built-in tools, and how many calls each makes at most (Groq's docs). */
const MAX_TOOL_CALLS: Readonly<Record<string, number>> = { 'groq/compound': 10, 'groq/compound-mini': 1 };

/** The models a compound answer reports in `usage_breakdown.models[]`: the answering one first. */
export const COMPOUND_ANSWER_MODEL = 'openai/gpt-oss-120b';
export const COMPOUND_TOOL_MODEL = 'meta-llama/llama-4-scout-17b-16e-instruct';

/** Whether `model` is a Groq compound system. */
export function isCompoundSystem(model: string): boolean {
  return model in MAX_TOOL_CALLS;
}

/**
 * The tools a compound request executes: the header's list (executed types, comma-separated), else
 * the request's `compound_custom.tools.enabled_tools` (each enabled tool once), else a web search
 * followed, on `groq/compound`, by a code execution; capped at the system's tool-call limit.
 */
export function plannedToolTypes(
  model: string,
  body: unknown,
  header: string | undefined,
): { ok: true; value: ExecutedToolType[] } | { ok: false; error: GroqErrorResponse } {
  const limit = MAX_TOOL_CALLS[model] ?? 0;
  if (header !== undefined) {
    const names = header
      .split(',')
      .map((name) => name.trim())
      .filter((name) => name !== '');
    const unknown = names.find((name) => !ALL_TYPES.includes(name as ExecutedToolType));
    if (unknown !== undefined) {
      return {
        ok: false,
        error: invalidRequest(
          `Header ${COMPOUND_TOOLS_HEADER} names \`${unknown}\`; expected any of ${ALL_TYPES.join(', ')}.`,
        ),
      };
    }
    return { ok: true, value: (names as ExecutedToolType[]).slice(0, limit) };
  }
  const enabled = enabledTools(body);
  const types = enabled
    ? enabled.flatMap((name) =>
        name in EXECUTED_TOOL_TYPES ? [EXECUTED_TOOL_TYPES[name as keyof typeof EXECUTED_TOOL_TYPES]] : [],
      )
    : (['search', 'python'] as ExecutedToolType[]);
  return { ok: true, value: types.slice(0, limit) };
}

function enabledTools(body: unknown): string[] | undefined {
  if (!isRecord(body) || !isRecord(body.compound_custom) || !isRecord(body.compound_custom.tools))
    return undefined;
  const list = body.compound_custom.tools.enabled_tools;
  return Array.isArray(list) ? list.filter((name): name is string => typeof name === 'string') : undefined;
}

/** One entry of `message.executed_tools`, with the result fields of its type. */
export function executedTool(type: ExecutedToolType, index: number, topic: string): Record<string, unknown> {
  const url = `https://example.com/${encodeURIComponent(topic.toLowerCase().replace(/\s+/g, '-'))}`;
  switch (type) {
    case 'search':
      return {
        index,
        type,
        arguments: JSON.stringify({ query: topic }),
        output: `Title: ${topic}\nURL: ${url}\nContent: About ${topic}.`,
        search_results: { results: [{ title: topic, url, content: `About ${topic}.`, score: 0.9 }] },
      };
    case 'visit':
      return {
        index,
        type,
        arguments: JSON.stringify({ url }),
        output: `Title: ${topic}\nContent: About ${topic}.`,
      };
    case 'python':
      return {
        index,
        type,
        arguments: JSON.stringify({ code: 'print(6 * 7)' }),
        output: '42\n',
        code_results: [{ text: '42\n' }],
      };
    case 'browser_automation':
      return {
        index,
        type,
        arguments: JSON.stringify({ query: topic }),
        output: `Browsed 1 page about ${topic}.`,
        browser_results: [{ title: topic, url, content: `About ${topic}.`, live_view_url: `${url}#live` }],
      };
    case 'wolfram':
      return { index, type, arguments: JSON.stringify({ query: topic }), output: 'Result: 42' };
  }
}

/** The same entry as its first streamed delta: what was called, before the output arrives. */
export function executedToolStart(tool: Record<string, unknown>): Record<string, unknown> {
  return { index: tool.index, type: tool.type, arguments: tool.arguments };
}

/**
 * `usage_breakdown` of a non-streamed compound answer: the answering model read the prompt and
 * wrote the answer minus the routing tokens; the tool model read every tool output and wrote the
 * calls. Token counts add up exactly to `usage`.
 */
export function usageBreakdown(
  usage: ChatUsage,
  userPromptTokens: number,
  tools: number,
): Record<string, unknown> {
  if (tools === 0) return { models: [{ model: COMPOUND_ANSWER_MODEL, usage }] };
  const toolCompletion = Math.min(TOOL_CALL_TOKENS * tools, Math.max(0, usage.completion_tokens - 1));
  const toolPrompt = usage.prompt_tokens - userPromptTokens;
  const part = (prompt: number, completion: number, queue: number) => {
    const promptTime = roundMicro((usage.prompt_time * prompt) / usage.prompt_tokens);
    const completionTime = roundMicro(
      (usage.completion_time * completion) / Math.max(1, usage.completion_tokens),
    );
    return {
      queue_time: queue,
      prompt_tokens: prompt,
      prompt_time: promptTime,
      completion_tokens: completion,
      completion_time: completionTime,
      total_tokens: prompt + completion,
      total_time: roundMicro(promptTime + completionTime),
    };
  };
  return {
    models: [
      {
        model: COMPOUND_ANSWER_MODEL,
        usage: part(userPromptTokens, usage.completion_tokens - toolCompletion, usage.queue_time),
      },
      { model: COMPOUND_TOOL_MODEL, usage: part(toolPrompt, toolCompletion, 0) },
    ],
  };
}

/**
 * `x_groq.usage_breakdown` of a streamed compound answer. Groq's streams repeat the request's
 * total usage in every entry instead of each model's share, so summing the entries over-counts;
 * the simulator reproduces that so groqmeter's handling of it is tested.
 */
export function streamedUsageBreakdown(
  usage: ChatUsage,
  userPromptTokens: number,
  tools: number,
): Record<string, unknown> {
  const models = (usageBreakdown(usage, userPromptTokens, tools).models as { model: string }[]).map(
    (entry) => ({
      model: entry.model,
      usage,
    }),
  );
  return { models };
}
