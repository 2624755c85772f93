/** The SDKs the demo drives, each in its own process with its own `service.name`. */
export const SDKS = ['groq-sdk', 'langchain', 'ai-sdk'] as const;
export type SdkName = (typeof SDKS)[number];

/** What a workload step asks Groq to do. */
export type StepKind =
  | 'chat'
  | 'stream'
  | 'tools'
  | 'vision'
  | 'transcription'
  | 'speech'
  | 'compound'
  | 'batch'
  | 'responses';

/** One kind of request an SDK sends, and how often relative to the others. */
export interface StepTemplate {
  kind: StepKind;
  model: string;
  /** The `feature` attribution label, as a product team would tag it. */
  feature: string;
  weight: number;
}

/** The models the demo uses; all are in the simulator's catalogue and the price catalogue. */
export const MODELS = {
  fastChat: 'openai/gpt-oss-20b',
  largeChat: 'openai/gpt-oss-120b',
  /** Also the vision-style model: the demo sends it image parts. */
  summaries: 'qwen/qwen3.6-27b',
  transcription: 'whisper-large-v3-turbo',
  speech: 'canopylabs/orpheus-v1-english',
  /** Groq's compound system: web search, code execution and browser automation on Groq's side. */
  research: 'groq/compound',
} as const;

/**
 * The mix each SDK sends. groq-sdk covers every operation (audio and Groq's compound system
 * included); LangChain's `ChatGroq` and the AI SDK's language model are chat-only, so they send
 * chat, streaming, tools and images.
 */
export const WORKLOAD_MIX: Readonly<Record<SdkName, readonly StepTemplate[]>> = {
  'groq-sdk': [
    { kind: 'chat', model: MODELS.fastChat, feature: 'support-chat', weight: 4 },
    { kind: 'stream', model: MODELS.fastChat, feature: 'support-chat', weight: 3 },
    { kind: 'tools', model: MODELS.largeChat, feature: 'order-lookup', weight: 2 },
    { kind: 'vision', model: MODELS.summaries, feature: 'image-captions', weight: 1 },
    { kind: 'transcription', model: MODELS.transcription, feature: 'voice-notes', weight: 2 },
    { kind: 'speech', model: MODELS.speech, feature: 'voice-notes', weight: 1 },
    { kind: 'compound', model: MODELS.research, feature: 'market-research', weight: 1 },
    { kind: 'batch', model: MODELS.fastChat, feature: 'nightly-digest', weight: 0.25 },
    // The openai SDK pointed at Groq, through the Responses API.
    { kind: 'responses', model: MODELS.largeChat, feature: 'email-drafts', weight: 1 },
  ],
  langchain: [
    { kind: 'chat', model: MODELS.summaries, feature: 'summarizer', weight: 4 },
    { kind: 'stream', model: MODELS.fastChat, feature: 'support-chat', weight: 2 },
    { kind: 'tools', model: MODELS.largeChat, feature: 'order-lookup', weight: 1 },
    { kind: 'vision', model: MODELS.summaries, feature: 'image-captions', weight: 1 },
  ],
  'ai-sdk': [
    { kind: 'chat', model: MODELS.largeChat, feature: 'email-drafts', weight: 3 },
    { kind: 'stream', model: MODELS.fastChat, feature: 'support-chat', weight: 3 },
    { kind: 'tools', model: MODELS.largeChat, feature: 'order-lookup', weight: 2 },
    { kind: 'vision', model: MODELS.summaries, feature: 'image-captions', weight: 1 },
  ],
};

/** User texts by feature; the plan picks one per step. No real customer data, ever. */
export const TEXTS: Readonly<Record<string, readonly string[]>> = {
  'support-chat': [
    'My invoice shows two charges for the same month. Can you explain why and how to get a refund?',
    'How do I reset the password of a team member who left the company?',
    'The mobile app logs me out every few minutes since the last update. What can I try?',
    'Can I move my subscription from monthly to yearly billing without losing my discount?',
  ],
  summarizer: [
    'Summarize in three bullet points: The quarterly review found that response times improved by 40% after the migration, while infrastructure spend fell by a quarter. Two incidents were caused by rate limits during the product launch, and the team proposes a request budget per feature, an alert on headroom below 20%, and caching of the system prompt for the support assistant.',
    'Summarize for an executive: Customer interviews show that users value fast answers over long ones, that voice notes are used mostly on mobile, and that the search assistant is opened twice as often on Mondays. The recommendation is to keep the small model for chat and reserve the large one for tool use.',
  ],
  'order-lookup': [
    'Where is my order 48213? It was supposed to arrive yesterday.',
    'Cancel order 77120 and tell me when the refund will be issued.',
  ],
  'image-captions': [
    'Describe this product photo in one sentence for the shop listing.',
    'What is written on the label in this picture?',
  ],
  'email-drafts': [
    'Draft a short, friendly reply telling the customer their replacement ships on Friday.',
    'Write a two-sentence follow-up reminding the customer to confirm the delivery address.',
  ],
  'market-research': [
    "Search the web for this week's prices of two-person hiking tents and compute their average in Python.",
    'Open the product page of the best-rated camping stove and tell me its weight.',
  ],
  'nightly-digest': [
    'Summarize yesterday\u2019s support tickets about late deliveries in two sentences.',
    'List the three most requested product features in yesterday\u2019s feedback.',
  ],
  'voice-notes': [
    'Your order has shipped and should arrive within two business days.',
    'Thanks for calling. A support engineer will get back to you within the hour.',
  ],
};

/** The tool the `tools` steps offer (order status lookup). */
export const ORDER_STATUS_TOOL = {
  name: 'get_order_status',
  description: 'Look up the shipping status of an order by its number.',
  parameters: {
    type: 'object',
    properties: { orderId: { type: 'string', description: 'The order number, digits only.' } },
    required: ['orderId'],
  },
} as const;

/**
 * The image of the vision-style steps, inline as a data URL so that no SDK or server has to fetch
 * anything (a 1x1 PNG).
 */
export const SAMPLE_IMAGE_URL =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

/**
 * The shop assistant's system prompt: long enough (over 128 tokens) that Groq's prompt cache
 * serves it from the second request on, as it does for real assistants.
 */
const SUPPORT_SYSTEM_PROMPT =
  'You are the assistant of Acme Outdoor, an online shop for hiking and camping gear. ' +
  'Answer briefly, politely and in the language of the customer. ' +
  'Never invent order data: use the get_order_status tool when the customer asks about an order. ' +
  'Refunds take five business days after the returned item arrives at the warehouse. ' +
  'Shipping within the country takes two business days; international shipping takes up to ten. ' +
  'Items can be returned within thirty days if unused and in their original packaging. ' +
  'Do not give medical, legal or safety advice beyond what the product manual says. ' +
  'When you do not know an answer, say so and offer to connect the customer with a human agent.';

/** The system prompt of each feature's chat steps; features without one send none. */
export const SYSTEM_PROMPTS: Readonly<Record<string, string>> = {
  'support-chat': SUPPORT_SYSTEM_PROMPT,
  'order-lookup': SUPPORT_SYSTEM_PROMPT,
  'email-drafts': SUPPORT_SYSTEM_PROMPT,
  summarizer: 'You summarize documents faithfully and never add facts.',
};

/** The voice of the text-to-speech steps (an Orpheus English voice). */
export const SPEECH_VOICE = 'troy';

/** Requests per batch job of the `batch` steps (Groq runs them later at the batch discount). */
export const BATCH_REQUESTS = 3;

/** Answer length cap of the chat steps, in tokens. */
export const MAX_OUTPUT_TOKENS = 256;
