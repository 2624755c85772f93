import { describe, expect, it } from 'vitest';
import { MultipartError, parseMultipart } from './multipart';

describe('parseMultipart', () => {
  it('parses what fetch FormData sends, including binary files and [] fields', async () => {
    const form = new FormData();
    form.append('model', 'whisper-large-v3');
    form.append('timestamp_granularities[]', 'word');
    form.append('timestamp_granularities[]', 'segment');
    const bytes = new Uint8Array([0, 13, 10, 45, 45, 255]);
    form.append('file', new Blob([bytes], { type: 'audio/wav' }), 'a "quoted".wav');
    const request = new Request('http://x', { method: 'POST', body: form });
    const body = Buffer.from(await request.arrayBuffer());
    const parsed = parseMultipart(body, request.headers.get('content-type') ?? undefined);
    expect(Object.fromEntries(parsed.fields)).toEqual({
      model: ['whisper-large-v3'],
      timestamp_granularities: ['word', 'segment'],
    });
    expect(parsed.files).toEqual([
      { field: 'file', filename: 'a %22quoted%22.wav', contentType: 'audio/wav', data: Buffer.from(bytes) },
    ]);
  });

  it('says what is wrong with a body that is not a multipart form', () => {
    expect(() => parseMultipart(Buffer.from('{}'), 'application/json')).toThrow(
      new MultipartError('expected content-type multipart/form-data, got "application/json"'),
    );
    expect(() => parseMultipart(Buffer.from('x'), 'multipart/form-data')).toThrow(
      'has no boundary parameter',
    );
    expect(() =>
      parseMultipart(
        Buffer.from('--b\r\ncontent-disposition: form-data; name="a"\r\n\r\nvalue'),
        'multipart/form-data; boundary=b',
      ),
    ).toThrow('the body ends before the closing boundary');
  });
});
