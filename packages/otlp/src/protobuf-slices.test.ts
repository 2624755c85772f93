import { describe, expect, it } from 'vitest';
import { encodeProtobuf, generateRequest, mutateRequest, Random } from './differential/generate-requests.js';
import { readMetricsProtobufInSlices, sliceMetricsRequest } from './protobuf-slices.js';
import { readMetricsProtobuf } from './read-metrics-protobuf.js';

describe('readMetricsProtobufInSlices', () => {
  it('gives the request the whole body gives, for every slice size, or undefined where the single-pass reader gives up', async () => {
    const random = new Random(41);
    let sliced = 0;
    for (let round = 0; round < 400; round++) {
      const generated = generateRequest(random);
      const request = round % 4 === 3 ? mutateRequest(random, generated) : generated;
      const body = encodeProtobuf(request, round % 2 === 0);
      if (body === undefined) continue;
      const whole = readMetricsProtobuf(body);
      for (const sliceBytes of [1, 64, 1024, 1 << 20]) {
        const slices = await readMetricsProtobufInSlices(body, sliceBytes);
        if (whole === undefined) expect(slices).toBeUndefined();
        else expect(slices).toEqual(whole);
        if (slices !== undefined && sliceMetricsRequest(body, sliceBytes)!.length > 1) sliced++;
      }
    }
    expect(sliced).toBeGreaterThan(200);
  });

  it('cuts between metrics only, one resource and scope per slice, and keeps empty resources and scopes', () => {
    const metric = (name: string) => ({ name, gauge: { dataPoints: [{ asDouble: 1, timeUnixNano: '1' }] } });
    const body = encodeProtobuf(
      {
        resourceMetrics: [
          { resource: { attributes: [{ key: 'a', value: { stringValue: 'x' } }] }, scopeMetrics: [] },
          {
            scopeMetrics: [
              { scope: { name: 's' }, metrics: [metric('m1'), metric('m2'), metric('m3')] },
              { scope: { name: 'empty' }, metrics: [] },
            ],
          },
        ],
      },
      true,
    )!;
    const slices = sliceMetricsRequest(body, 1)!;
    expect(slices.map(({ resource, scope }) => [resource, scope])).toEqual([
      [0, -1],
      [1, 0],
      [1, 0],
      [1, 0],
      [1, 1],
    ]);
    for (const slice of slices) expect(readMetricsProtobuf(slice.body)).toBeDefined();
  });

  it('leaves a body of another structure to the whole-body decoding', () => {
    // A varint field at the request level, then a field whose length runs past the body.
    expect(sliceMetricsRequest(Uint8Array.of(0x08, 0x01))).toBeUndefined();
    expect(sliceMetricsRequest(Uint8Array.of(0x0a, 0x05, 0x00))).toBeUndefined();
  });
});
