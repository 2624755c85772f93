import { describe, expect, it } from 'vitest';
import { encodeExportResponse, encodeStatus, RpcCode } from './encode-export-response.js';
import {
  ExportMetricsServiceResponseType,
  ExportTraceServiceResponseType,
  StatusType,
} from './otlp-proto.js';

describe('encodeExportResponse', () => {
  it.each(['metrics', 'traces'] as const)('is an empty %s message on full success', (signal) => {
    const protobuf = encodeExportResponse(signal, 'protobuf');
    expect([protobuf.contentType, protobuf.body.byteLength]).toEqual(['application/x-protobuf', 0]);
    const json = encodeExportResponse(signal, 'json');
    expect([json.contentType, Buffer.from(json.body).toString()]).toEqual(['application/json', '{}']);
  });

  it('carries partial_success of metrics in either encoding', () => {
    const partial = { rejected: 3, errorMessage: '3 data points rejected: 3 series_cap (...)' };
    const protobuf = encodeExportResponse('metrics', 'protobuf', partial);
    expect(
      ExportMetricsServiceResponseType.toObject(ExportMetricsServiceResponseType.decode(protobuf.body), {
        longs: Number,
      }),
    ).toEqual({ partialSuccess: { rejectedDataPoints: 3, errorMessage: partial.errorMessage } });
    expect(JSON.parse(Buffer.from(encodeExportResponse('metrics', 'json', partial).body).toString())).toEqual(
      {
        partialSuccess: { rejectedDataPoints: '3', errorMessage: partial.errorMessage },
      },
    );
  });

  it('carries partial_success of traces as rejected spans', () => {
    const partial = { rejected: 2, errorMessage: '2 spans rejected' };
    const protobuf = encodeExportResponse('traces', 'protobuf', partial);
    expect(
      ExportTraceServiceResponseType.toObject(ExportTraceServiceResponseType.decode(protobuf.body), {
        longs: Number,
      }),
    ).toEqual({ partialSuccess: { rejectedSpans: 2, errorMessage: '2 spans rejected' } });
    expect(JSON.parse(Buffer.from(encodeExportResponse('traces', 'json', partial).body).toString())).toEqual({
      partialSuccess: { rejectedSpans: '2', errorMessage: '2 spans rejected' },
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
