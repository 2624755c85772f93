import {
  type Attribution,
  definedOnly,
  field,
  type OperationStart,
  readChatRequestParameters,
  stringField,
} from '@groqmeter/recorder';

/** LangChain metadata keys copied into attribution unless the handler is told otherwise. */
export const DEFAULT_METADATA_KEYS: readonly string[] = ['feature', 'platform', 'tenant_tier'];

/** What LangChain tells a handler when a chat model run starts. */
export interface ChatModelRunStart {
  /** The serialized model (`llm.id` is its class path, e.g. `['langchain', 'chat_models', 'groq', 'ChatGroq']`). */
  llm: unknown;
  extraParams: Record<string, unknown> | undefined;
  tags: string[] | undefined;
  metadata: Record<string, unknown> | undefined;
  runName: string | undefined;
  runId: string;
}

/**
 * Whether a run is a Groq chat model: LangChain's `ls_provider` metadata says `groq`, or the
 * serialized model is `ChatGroq`. Other providers' runs are none of groqmeter's business.
 */
export function isGroqRun(run: Pick<ChatModelRunStart, 'llm' | 'metadata'>): boolean {
  if (run.metadata?.ls_provider === 'groq') return true;
  const id = field(run.llm, 'id');
  return Array.isArray(id) && id[id.length - 1] === 'ChatGroq';
}

function isAttributionValue(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/**
 * The run's attribution: the allow-listed metadata keys with scalar values (these become metric
 * labels if the recorder's `labelAttributes` lists them), plus the run's name, id and tags, which
 * go on the span only.
 */
export function runAttribution(run: ChatModelRunStart, metadataKeys: readonly string[]): Attribution {
  const attribution: Attribution = {};
  for (const key of metadataKeys) {
    const value = run.metadata?.[key];
    if (isAttributionValue(value)) attribution[key] = value;
  }
  attribution['langchain.run.id'] = run.runId;
  if (run.runName !== undefined) attribution['langchain.run.name'] = run.runName;
  if (run.tags !== undefined && run.tags.length > 0) attribution['langchain.run.tags'] = run.tags.join(',');
  return attribution;
}

/**
 * The start of a ChatGroq run as a groqmeter operation: the model from
 * `extraParams.invocation_params.model` (else `metadata.ls_model_name`), the request parameters,
 * and the run's attribution.
 */
export function operationStartFromRun(
  run: ChatModelRunStart,
  metadataKeys: readonly string[],
): Omit<OperationStart, 'stream' | 'startTime' | 'parentContext'> {
  const invocationParams = field(run.extraParams, 'invocation_params');
  return definedOnly({
    operation: 'chat',
    source: 'langchain',
    requestModel: stringField(invocationParams, 'model') ?? stringField(run.metadata, 'ls_model_name'),
    // ChatGroq's `invocation_params` are the groq-sdk request body minus the messages.
    request: readChatRequestParameters(invocationParams),
    attributes: runAttribution(run, metadataKeys),
  });
}
