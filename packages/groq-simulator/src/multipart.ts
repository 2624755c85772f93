/** One uploaded file of a multipart form. */
export interface MultipartFile {
  field: string;
  filename: string;
  contentType: string;
  data: Buffer;
}

/** A parsed `multipart/form-data` body. */
export interface MultipartForm {
  /** Text fields by name, in order; `name[]` fields are stored under `name`. */
  fields: Map<string, string[]>;
  files: MultipartFile[];
}

/** Thrown when a body is not the multipart form its content type announces. */
export class MultipartError extends Error {
  override name = 'MultipartError';
}

/**
 * Parses a `multipart/form-data` body (RFC 7578) as sent by `fetch` `FormData`, curl and the
 * Python SDK.
 *
 * @param contentType the request's `content-type` header, which carries the boundary
 * @throws MultipartError saying what is malformed
 */
export function parseMultipart(body: Buffer, contentType: string | undefined): MultipartForm {
  const boundary = boundaryOf(contentType);
  const delimiter = Buffer.from(`--${boundary}`);
  const form: MultipartForm = { fields: new Map(), files: [] };
  let position = body.indexOf(delimiter);
  if (position < 0)
    throw new MultipartError(`the body does not contain the boundary "${boundary}" from content-type`);
  for (;;) {
    position += delimiter.length;
    if (body.subarray(position, position + 2).toString() === '--') return form;
    position = skipLineBreak(body, position);
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), position);
    if (next < 0)
      throw new MultipartError('the body ends before the closing boundary; was the upload cut short?');
    addPart(form, body.subarray(position, next));
    position = next + 2;
  }
}

function boundaryOf(contentType: string | undefined): string {
  if (!contentType || !/^multipart\/form-data/i.test(contentType.trim())) {
    throw new MultipartError(
      `expected content-type multipart/form-data, got ${contentType ? `"${contentType}"` : 'none'}`,
    );
  }
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const boundary = match?.[1] ?? match?.[2];
  if (!boundary) throw new MultipartError('the multipart/form-data content-type has no boundary parameter');
  return boundary;
}

function skipLineBreak(body: Buffer, position: number): number {
  if (body[position] === 0x0d && body[position + 1] === 0x0a) return position + 2;
  if (body[position] === 0x0a) return position + 1;
  return position;
}

function addPart(form: MultipartForm, part: Buffer): void {
  const headerEnd = part.indexOf('\r\n\r\n');
  if (headerEnd < 0) throw new MultipartError('a part has no blank line between its headers and its content');
  const headers = new Map<string, string>();
  for (const line of part.subarray(0, headerEnd).toString('utf8').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const disposition = headers.get('content-disposition') ?? '';
  const name = dispositionParam(disposition, 'name');
  if (name === undefined) throw new MultipartError('a part has no content-disposition name');
  const data = part.subarray(headerEnd + 4);
  const filename = dispositionParam(disposition, 'filename');
  if (filename !== undefined) {
    form.files.push({
      field: name,
      filename,
      contentType: headers.get('content-type') ?? 'application/octet-stream',
      data: Buffer.from(data),
    });
    return;
  }
  const key = name.endsWith('[]') ? name.slice(0, -2) : name;
  const values = form.fields.get(key) ?? [];
  values.push(data.toString('utf8'));
  form.fields.set(key, values);
}

function dispositionParam(disposition: string, param: string): string | undefined {
  const match = new RegExp(`(?:^|;)\\s*${param}="((?:[^"\\\\]|\\\\.)*)"`, 'i').exec(disposition);
  if (match) return (match[1] ?? '').replace(/\\(.)/g, '$1');
  const bare = new RegExp(`(?:^|;)\\s*${param}=([^;\\s]+)`, 'i').exec(disposition);
  return bare?.[1];
}
