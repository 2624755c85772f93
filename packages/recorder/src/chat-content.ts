import { arrayField, field, stringField } from './unknown-fields.js';

/**
 * Message content in the shape of the GenAI semantic conventions (v1.41.0) for
 * `gen_ai.input.messages`, `gen_ai.output.messages` and `gen_ai.tool.definitions`. Built only when
 * content capture is on. Groq's chat API keeps system messages in the chat history, so they stay
 * in the input messages (the conventions reserve `gen_ai.system_instructions` for instructions
 * given separately).
 */
export type MessagePart = Record<string, unknown> & { type: string };

/** One message: a role and its parts (plus `finish_reason` on output messages). */
export interface ChatMessage {
  role: string;
  parts: MessagePart[];
  finish_reason?: string;
}

/** The input side of `chat.completions.create(params)`. */
export function chatInputContent(params: unknown): {
  inputMessages: ChatMessage[];
  toolDefinitions?: unknown[];
} {
  const inputMessages = arrayField(params, 'messages').map(inputMessage);
  const tools = arrayField(params, 'tools').map((tool) => ({
    type: stringField(tool, 'type') ?? 'function',
    name: stringField(field(tool, 'function'), 'name'),
    description: stringField(field(tool, 'function'), 'description'),
    parameters: field(field(tool, 'function'), 'parameters'),
  }));
  return tools.length > 0 ? { inputMessages, toolDefinitions: tools } : { inputMessages };
}

/** The output messages of a non-streamed completion's choices. */
export function chatOutputMessages(choices: unknown[]): ChatMessage[] {
  return choices.map((choice) => {
    const message = field(choice, 'message');
    return outputMessage(
      stringField(message, 'content'),
      stringField(message, 'reasoning'),
      arrayField(message, 'tool_calls').map((call) =>
        toolCallPart(
          stringField(call, 'id'),
          stringField(field(call, 'function'), 'name'),
          field(field(call, 'function'), 'arguments'),
        ),
      ),
      stringField(choice, 'finish_reason'),
    );
  });
}

/** One output message from its text, reasoning, tool calls and finish reason. */
export function outputMessage(
  content: string | undefined,
  reasoning: string | undefined,
  toolCalls: MessagePart[],
  finishReason: string | undefined,
): ChatMessage {
  const parts: MessagePart[] = [];
  if (reasoning) parts.push({ type: 'reasoning', content: reasoning });
  if (content) parts.push({ type: 'text', content });
  parts.push(...toolCalls);
  return finishReason === undefined
    ? { role: 'assistant', parts }
    : { role: 'assistant', parts, finish_reason: finishReason };
}

/** A `tool_call` part. */
export function toolCallPart(id: string | undefined, name: string | undefined, args: unknown): MessagePart {
  return { type: 'tool_call', id, name, arguments: args };
}

function inputMessage(message: unknown): ChatMessage {
  const role = stringField(message, 'role') ?? 'user';
  if (role === 'tool') {
    return {
      role,
      parts: [
        {
          type: 'tool_call_response',
          id: stringField(message, 'tool_call_id'),
          response: field(message, 'content'),
        },
      ],
    };
  }
  const parts = contentParts(field(message, 'content'));
  const reasoning = stringField(message, 'reasoning');
  if (reasoning) parts.unshift({ type: 'reasoning', content: reasoning });
  for (const call of arrayField(message, 'tool_calls')) {
    parts.push(
      toolCallPart(
        stringField(call, 'id'),
        stringField(field(call, 'function'), 'name'),
        field(field(call, 'function'), 'arguments'),
      ),
    );
  }
  return { role, parts };
}

function contentParts(content: unknown): MessagePart[] {
  if (typeof content === 'string') return content.length > 0 ? [{ type: 'text', content }] : [];
  if (!Array.isArray(content)) return [];
  return content.map((part): MessagePart => {
    const type = stringField(part, 'type') ?? 'unknown';
    if (type === 'text') return { type: 'text', content: stringField(part, 'text') ?? '' };
    if (type === 'image_url') {
      return { type: 'uri', modality: 'image', uri: stringField(field(part, 'image_url'), 'url') };
    }
    return { type };
  });
}
