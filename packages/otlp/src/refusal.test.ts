import { describe, expect, it } from 'vitest';
import { PayloadError } from './otlp-json-fields.js';
import { bodyRefusalOf } from './refusal.js';
import { BodyError } from './request-body.js';

describe('bodyRefusalOf', () => {
  it('answers a malformed payload with 400 INVALID_ARGUMENT', () => {
    expect(
      bodyRefusalOf(new PayloadError('request.resourceSpans: expected an array, got an object')),
    ).toEqual({
      status: 400,
      rpcCode: 3,
      message: 'request.resourceSpans: expected an array, got an object',
    });
  });

  it('answers a body too large with RESOURCE_EXHAUSTED and an unsupported one with INVALID_ARGUMENT', () => {
    expect(bodyRefusalOf(new BodyError(413, 'too large'))).toEqual({
      status: 413,
      rpcCode: 8,
      message: 'too large',
    });
    expect(bodyRefusalOf(new BodyError(415, 'not OTLP'))).toEqual({
      status: 415,
      rpcCode: 3,
      message: 'not OTLP',
    });
  });

  it('leaves other errors to the receiver', () => {
    expect(bodyRefusalOf(new Error('disk full'))).toBeUndefined();
  });
});
