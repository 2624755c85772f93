import {
  type CallDescription,
  describeAudioToText,
  describeChatCompletion,
  describeEmbeddings,
  describeResponse,
  describeSpeech,
  describeUnbilled,
} from '@groqmeter/recorder';

/**
 * Which forwarded requests are Groq operations, and their description: the recorder's own
 * descriptions of each endpoint, given the request body as the SDKs give their parameters (the
 * body the proxy forwards is exactly what `create(params)` serialises). Anything else (files,
 * batch status, endpoints Groq adds later) is forwarded unrecorded.
 */
interface MeteredEndpoint {
  method: string;
  /** The API path below the base URL, e.g. `/chat/completions`; `{id}` matches one segment. */
  path: RegExp;
  describe(body: unknown, match: RegExpExecArray, captureContent: boolean): CallDescription;
  /** How the body is sent: JSON, or a multipart upload (audio). */
  body: 'json' | 'multipart' | 'none';
}

const METERED_ENDPOINTS: readonly MeteredEndpoint[] = [
  {
    method: 'POST',
    path: /^\/chat\/completions$/,
    body: 'json',
    describe: (body, _match, capture) => describeChatCompletion([body], capture),
  },
  {
    method: 'POST',
    path: /^\/responses$/,
    body: 'json',
    describe: (body, _match, capture) => describeResponse([body], capture),
  },
  {
    method: 'POST',
    path: /^\/audio\/transcriptions$/,
    body: 'multipart',
    describe: (body, _match, capture) => describeAudioToText('transcription')([body], capture),
  },
  {
    method: 'POST',
    path: /^\/audio\/translations$/,
    body: 'multipart',
    describe: (body, _match, capture) => describeAudioToText('translation')([body], capture),
  },
  {
    method: 'POST',
    path: /^\/audio\/speech$/,
    body: 'json',
    describe: (body, _match, capture) => describeSpeech([body], capture),
  },
  {
    method: 'POST',
    path: /^\/embeddings$/,
    body: 'json',
    describe: (body, _match, capture) => describeEmbeddings([body], capture),
  },
  {
    method: 'POST',
    path: /^\/batches$/,
    body: 'json',
    describe: (_body, _match, capture) => describeUnbilled('batch')([], capture),
  },
  {
    method: 'GET',
    path: /^\/models$/,
    body: 'none',
    describe: (_body, _match, capture) => describeUnbilled('models')([], capture),
  },
  {
    method: 'GET',
    path: /^\/models\/([^/]+)$/,
    body: 'none',
    describe: (_body, match, capture) => describeUnbilled('models')([safeDecode(match[1] ?? '')], capture),
  },
];

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * The request body as the endpoint's parameters: parsed JSON (at once), the fields of a multipart
 * upload (a promise: Node's parser is async), or undefined.
 */
function requestParameters(
  kind: MeteredEndpoint['body'],
  body: Buffer,
  contentType: string | undefined,
): unknown {
  if (kind === 'none' || body.length === 0) return undefined;
  if (kind === 'json') {
    try {
      return JSON.parse(body.toString('utf8'));
    } catch {
      // A body Groq will refuse (400): the call is still recorded, without its parameters.
      return undefined;
    }
  }
  return multipartFields(body, contentType);
}

async function multipartFields(body: Buffer, contentType: string | undefined): Promise<unknown> {
  try {
    // Node's own multipart parser (undici's Response.formData); `file` comes back as a File,
    // which the recorder's upload reader takes as the SDKs' File.
    const bytes = new Blob([
      new Uint8Array(body.buffer, body.byteOffset, body.length) as Uint8Array<ArrayBuffer>,
    ]);
    const form = await new Response(bytes, { headers: { 'content-type': contentType ?? '' } }).formData();
    const fields: Record<string, unknown> = {};
    form.forEach((value, key) => {
      fields[key] = value;
    });
    return fields;
  } catch {
    return undefined;
  }
}

/**
 * The description of a forwarded request when it is a Groq operation, else undefined.
 *
 * @param method the HTTP method.
 * @param apiPath the path below the proxy's `/openai/v1` base, without the query string.
 */
export function describeForwardedCall(
  method: string,
  apiPath: string,
  contentType: string | undefined,
  body: Buffer,
  captureContent: boolean,
): CallDescription | undefined | Promise<CallDescription | undefined> {
  for (const endpoint of METERED_ENDPOINTS) {
    if (endpoint.method !== method) continue;
    const match = endpoint.path.exec(apiPath);
    if (match === null) continue;
    const parameters = requestParameters(endpoint.body, body, contentType);
    // Only an upload's fields come later; a JSON request is described without a promise hop.
    return parameters instanceof Promise
      ? parameters.then((fields) => endpoint.describe(fields, match, captureContent))
      : endpoint.describe(parameters, match, captureContent);
  }
  return undefined;
}
