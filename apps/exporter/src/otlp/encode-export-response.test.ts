import { describe, expect, it } from 'vitest';
import { encodeExportResponse, encodeStatus, RpcCode } from './encode-export-response.js';
import { ExportMetricsServiceResponseType, StatusType } from './otlp-proto.js';

describe('encodeExportResponse', () => {
  it('is an empty message on full success', () => {
    const protobuf = encodeExportResponse('protobuf', undefined);
    expect([protobuf.contentType, protobuf.body.byteLength]).toEqual(['application/x-protobuf', 0]);
    const json = encodeExportResponse('json', undefined);
    expect([json.contentType, Buffer.from(json.body).toString()]).toEqual(['application/json', '{}']);
  });

  it('carries partial_success in either encoding', () => {
    const partial = { rejectedDataPoints: 3, errorMessage: '3 data points rejected: 3 series_cap (...)' };
    const protobuf = encodeExportResponse('protobuf', partial);
    expect(
      ExportMetricsServiceResponseType.toObject(ExportMetricsServiceResponseType.decode(protobuf.body), {
        longs: Number,
      }),
    ).toEqual({ partialSuccess: partial });
    expect(JSON.parse(Buffer.from(encodeExportResponse('json', partial).body).toString())).toEqual({
      partialSuccess: { rejectedDataPoints: '3', errorMessage: partial.errorMessage },
    });
  });
});

describe('encodeStatus', () => {
  it('encodes a google.rpc.Status in the request encoding', () => {
    const protobuf = encodeStatus('protobuf', RpcCode.INVALID_ARGUMENT, 'bad');
    expect(StatusType.toObject(StatusType.decode(protobuf.body))).toEqual({ code: 3, message: 'bad' });
    expect(
      JSON.parse(Buffer.from(encodeStatus('json', RpcCode.UNAUTHENTICATED, 'who').body).toString()),
    ).toEqual({
      code: 16,
      message: 'who',
    });
  });
});
