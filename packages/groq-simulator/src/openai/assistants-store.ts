import { countPromptTokens } from '../tokens';
import { answerFor, chatUsage } from './openai-answers';

/**
 * The Assistants API's state: assistants, threads with their messages, and runs that move
 * `queued` → `in_progress` → `completed` one step per read, as a poller sees them. A run's `usage`
 * is null until it completes (as OpenAI documents), then the tokens of its instructions and
 * thread and of its answer.
 */

interface Assistant {
  id: string;
  model: string;
  instructions: string | null;
}

interface Message {
  id: string;
  object: 'thread.message';
  created_at: number;
  thread_id: string;
  role: string;
  content: { type: 'text'; text: { value: string; annotations: [] } }[];
  assistant_id: string | null;
  run_id: string | null;
  status: 'completed';
  attachments: [];
  metadata: Record<string, string>;
}

export interface Run {
  id: string;
  object: 'thread.run';
  created_at: number;
  started_at: number | null;
  completed_at: number | null;
  thread_id: string;
  assistant_id: string;
  status: 'queued' | 'in_progress' | 'completed';
  model: string;
  instructions: string;
  usage: ReturnType<typeof chatUsage> | null;
  tools: [];
  metadata: Record<string, string>;
}

/** Reads of a run after which it has completed: queued, then in progress, then done. */
const STEPS_TO_COMPLETE = 2;

export class AssistantsStore {
  private readonly assistants = new Map<string, Assistant>();
  private readonly threads = new Map<string, Message[]>();
  private readonly runs = new Map<string, { run: Run; reads: number }>();
  private next = 0;

  constructor(
    private readonly now: () => number,
    private readonly seed: number,
  ) {}

  private id(prefix: string): string {
    this.next += 1;
    return `${prefix}_${this.seed.toString(36)}${this.next.toString(36).padStart(6, '0')}`;
  }

  private seconds(): number {
    return Math.floor(this.now() / 1000);
  }

  createAssistant(model: string, instructions: string | null): Assistant & { object: 'assistant' } {
    const assistant = { id: this.id('asst'), model, instructions };
    this.assistants.set(assistant.id, assistant);
    return { ...assistant, object: 'assistant' };
  }

  createThread(messages: readonly { role?: unknown; content?: unknown }[] = []) {
    const id = this.id('thread');
    this.threads.set(id, []);
    for (const message of messages)
      this.addMessage(id, String(message.role ?? 'user'), String(message.content ?? ''));
    return { id, object: 'thread' as const, created_at: this.seconds(), metadata: {} };
  }

  hasThread(id: string): boolean {
    return this.threads.has(id);
  }

  hasAssistant(id: string): boolean {
    return this.assistants.has(id);
  }

  addMessage(
    threadId: string,
    role: string,
    text: string,
    runId: string | null = null,
    assistantId: string | null = null,
  ): Message {
    const message: Message = {
      id: this.id('msg'),
      object: 'thread.message',
      created_at: this.seconds(),
      thread_id: threadId,
      role,
      content: [{ type: 'text', text: { value: text, annotations: [] } }],
      assistant_id: assistantId,
      run_id: runId,
      status: 'completed',
      attachments: [],
      metadata: {},
    };
    this.threads.get(threadId)?.push(message);
    return message;
  }

  messages(threadId: string): Message[] {
    return [...(this.threads.get(threadId) ?? [])].reverse();
  }

  createRun(threadId: string, assistantId: string, model?: string, instructions?: string): Run {
    const assistant = this.assistants.get(assistantId)!;
    const run: Run = {
      id: this.id('run'),
      object: 'thread.run',
      created_at: this.seconds(),
      started_at: null,
      completed_at: null,
      thread_id: threadId,
      assistant_id: assistantId,
      status: 'queued',
      model: model ?? assistant.model,
      instructions: instructions ?? assistant.instructions ?? '',
      usage: null,
      tools: [],
      metadata: {},
    };
    this.runs.set(run.id, { run, reads: 0 });
    return structuredClone(run);
  }

  /** The run as one more read sees it: a step further until it has completed (`justCompleted` on that read). */
  readRun(runId: string): { run: Run; justCompleted: boolean } | undefined {
    const entry = this.runs.get(runId);
    if (entry === undefined) return undefined;
    entry.reads += 1;
    let justCompleted = false;
    if (entry.run.status === 'queued') {
      entry.run.status = 'in_progress';
      entry.run.started_at = this.seconds();
    } else if (entry.run.status === 'in_progress' && entry.reads >= STEPS_TO_COMPLETE) {
      this.complete(entry.run);
      justCompleted = true;
    }
    return { run: structuredClone(entry.run), justCompleted };
  }

  /** Runs a run to its end at once (a streamed run), returning its answer message. */
  finish(runId: string): { run: Run; message: Message } {
    const entry = this.runs.get(runId)!;
    entry.run.started_at ??= this.seconds();
    const message = this.complete(entry.run);
    return { run: structuredClone(entry.run), message };
  }

  private complete(run: Run): Message {
    const thread = this.threads.get(run.thread_id) ?? [];
    const prompt = countPromptTokens([
      ...(run.instructions ? [{ role: 'system', content: run.instructions }] : []),
      ...thread.map((message) => ({ role: message.role, content: message.content[0]?.text.value ?? '' })),
    ]);
    const answer = answerFor(run.model, run.id);
    run.status = 'completed';
    run.completed_at = this.seconds();
    run.usage = chatUsage(prompt, answer.completionTokens, answer.reasoningTokens);
    return this.addMessage(run.thread_id, 'assistant', answer.text, run.id, run.assistant_id);
  }
}
