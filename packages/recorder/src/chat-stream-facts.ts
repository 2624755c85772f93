import { builtInToolId } from './built-in-tools.js';
import { type ChatCompletionFacts, readChatCompletionFacts } from './chat-completion-facts.js';
import { type ChatMessage, type MessagePart, outputMessage, toolCallPart } from './chat-content.js';
import { withToolCalls } from './chat-response.js';
import type { StreamFacts } from './stream-facts.js';
import type { OperationResult } from './types.js';
import {
  asRecord,
  definedOnly,
  field,
  finiteNumber,
  nonEmptyString,
  numberField,
  stringField,
} from './unknown-fields.js';

interface StreamedToolCall {
  id?: string;
  name?: string;
  arguments: string;
}

/** What one choice streamed so far; kept only when content capture is on. */
interface StreamedChoice {
  content: string;
  reasoning: string;
  toolCalls: Map<number, StreamedToolCall>;
}

/** Whether a chunk has any of the fields usage and its breakdown are read from. */
function carriesUsage(chunk: Record<string, unknown>, xGroq: Record<string, unknown> | undefined): boolean {
  return (
    chunk.usage != null ||
    chunk.usage_breakdown != null ||
    xGroq?.usage != null ||
    xGroq?.usage_breakdown != null
  );
}

/** What `arrayField` gives for a missing array, shared so that a content chunk allocates nothing. */
const NO_ITEMS: readonly unknown[] = Object.freeze([]);

/** `value` when it is an array, else `NO_ITEMS`. */
function itemsOf(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : NO_ITEMS;
}

/**
 * Collects the facts of a streamed chat completion chunk by chunk, without keeping the chunks:
 * id, model, `x_groq.id`, finish reasons per choice, built-in tool calls, and usage from the
 * final chunk's `x_groq.usage` or a top-level `usage` chunk (`stream_options.include_usage`).
 * Groq may send both; they describe the same request, so the last one replaces the first and
 * they are never added up. A compound system's breakdown comes with `x_groq.usage` and is kept
 * when an `include_usage` chunk follows. Chunks with `choices: []` are fine.
 */
export class ChatStreamFacts implements StreamFacts {
  private responseId: string | undefined;
  private responseModel: string | undefined;
  private groqRequestId: string | undefined;
  private serviceTier: string | undefined;
  private completionUsage: Pick<ChatCompletionFacts, 'usage' | 'serverTiming'> = {};
  private usageBreakdown: ChatCompletionFacts['usageBreakdown'];
  private readonly finishReasons = new Map<number, string>();
  private readonly executedTools = new Map<string, string>();
  private readonly choices = new Map<number, StreamedChoice>();

  constructor(private readonly captureContent: boolean) {}

  /** Whether the usage chunk has arrived. */
  get hasUsage(): boolean {
    return this.completionUsage.usage !== undefined;
  }

  /**
   * Take the facts of one chunk. Returns true when the chunk carries output (content, reasoning
   * or a tool-call delta): those are the chunks that time the first and each following chunk.
   */
  observe(chunk: unknown): boolean {
    const record = asRecord(chunk);
    if (record === undefined) return false;
    // Every chunk passes here, so it is read with named loads and allocates nothing: the
    // identifiers are read only until they are known, and the full facts reader (which
    // allocates) runs only on the rare chunks that carry usage.
    const xGroq = asRecord(record.x_groq);
    this.responseId ??= nonEmptyString(record.id);
    this.responseModel ??= nonEmptyString(record.model);
    this.serviceTier ??= nonEmptyString(record.service_tier);
    this.groqRequestId ??= nonEmptyString(xGroq?.id);
    if (carriesUsage(record, xGroq)) this.observeUsage(chunk);

    let carriesOutput = false;
    const choices = itemsOf(record.choices);
    for (let position = 0; position < choices.length; position++) {
      const choice = asRecord(choices[position]);
      const index = finiteNumber(choice?.index) ?? 0;
      const finishReason = nonEmptyString(choice?.finish_reason);
      if (finishReason !== undefined) this.finishReasons.set(index, finishReason);
      const delta = asRecord(choice?.delta);
      const executedTools = delta?.executed_tools;
      if (Array.isArray(executedTools)) this.observeExecutedTools(index, executedTools);
      const content = nonEmptyString(delta?.content);
      const reasoning = nonEmptyString(delta?.reasoning);
      const toolCalls = itemsOf(delta?.tool_calls);
      if (content !== undefined || reasoning !== undefined || toolCalls.length > 0) carriesOutput = true;
      if (this.captureContent) this.keepContent(index, content, reasoning, toolCalls);
    }
    return carriesOutput;
  }

  private observeExecutedTools(index: number, executedTools: readonly unknown[]): void {
    for (const tool of executedTools) {
      const type = stringField(tool, 'type');
      if (type !== undefined) this.executedTools.set(`${index}:${numberField(tool, 'index') ?? 0}`, type);
    }
  }

  private observeUsage(chunk: unknown): void {
    const facts = readChatCompletionFacts(chunk);
    if (facts.usage !== undefined)
      this.completionUsage = { usage: facts.usage, serverTiming: facts.serverTiming };
    this.usageBreakdown = facts.usageBreakdown ?? this.usageBreakdown;
  }

  /** The result facts of everything observed so far. */
  result(): OperationResult {
    const ordered = [...this.finishReasons.entries()].sort(([a], [b]) => a - b).map(([, reason]) => reason);
    return definedOnly({
      responseId: this.responseId,
      responseModel: this.responseModel,
      groqRequestId: this.groqRequestId,
      finishReasons: ordered.length > 0 ? ordered : undefined,
      serviceTier: this.serviceTier,
      usage: withToolCalls(this.completionUsage.usage, this.toolCallCounts()),
      usageBreakdown: this.usageBreakdown,
      serverTiming: this.completionUsage.serverTiming,
      outputMessages: this.captureContent ? this.outputMessages() : undefined,
    });
  }

  private toolCallCounts(): Record<string, number> | undefined {
    if (this.executedTools.size === 0) return undefined;
    const counts: Record<string, number> = {};
    for (const type of this.executedTools.values()) {
      const id = builtInToolId(type);
      counts[id] = (counts[id] ?? 0) + 1;
    }
    return counts;
  }

  private keepContent(
    index: number,
    content: string | undefined,
    reasoning: string | undefined,
    toolCalls: readonly unknown[],
  ): void {
    let choice = this.choices.get(index);
    if (choice === undefined) {
      choice = { content: '', reasoning: '', toolCalls: new Map() };
      this.choices.set(index, choice);
    }
    choice.content += content ?? '';
    choice.reasoning += reasoning ?? '';
    for (const delta of toolCalls) {
      const position = numberField(delta, 'index') ?? 0;
      const call = choice.toolCalls.get(position) ?? { arguments: '' };
      call.id ??= stringField(delta, 'id');
      call.name ??= stringField(field(delta, 'function'), 'name');
      call.arguments += stringField(field(delta, 'function'), 'arguments') ?? '';
      choice.toolCalls.set(position, call);
    }
  }

  private outputMessages(): ChatMessage[] {
    const indexes = new Set([...this.choices.keys(), ...this.finishReasons.keys()]);
    return [...indexes]
      .sort((a, b) => a - b)
      .map((index) => {
        const choice = this.choices.get(index);
        const toolCalls: MessagePart[] = [...(choice?.toolCalls.values() ?? [])].map((call) =>
          toolCallPart(call.id, call.name, call.arguments),
        );
        return outputMessage(choice?.content, choice?.reasoning, toolCalls, this.finishReasons.get(index));
      });
  }
}
