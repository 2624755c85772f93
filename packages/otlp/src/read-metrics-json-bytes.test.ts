import { describe, expect, it } from 'vitest';
import { decodeMetricsRequest } from './decode-request.js';
import type { MetricsRequest, NumberPoint } from './metrics-model.js';
import { readMetricsJson } from './read-metrics-json.js';
import { readMetricsJsonBytes } from './read-metrics-json-bytes.js';

/** A one-gauge-point request's JSON text around the point's members (`point`, raw JSON). */
function gaugeBody(point: string, metric = '"name":"m"'): string {
  return `{"resourceMetrics":[{"scopeMetrics":[{"metrics":[{${metric},"gauge":{"dataPoints":[{${point}}]}}]}]}]}`;
}

/** Reads `text` with the byte reader and expects exactly readMetricsJson's reading of JSON.parse. */
function readBoth(text: string | Buffer): MetricsRequest {
  const body = typeof text === 'string' ? Buffer.from(text) : text;
  const read = readMetricsJsonBytes(body);
  expect(read).not.toBeUndefined();
  expect(read).toEqual(readMetricsJson(JSON.parse(new TextDecoder().decode(body))));
  return read!;
}

function firstPoint(request: MetricsRequest): NumberPoint {
  const data = request.resourceMetrics[0]!.scopeMetrics[0]!.metrics[0]!.data;
  return (data as { points: NumberPoint[] }).points[0]!;
}

describe('readMetricsJsonBytes', () => {
  it('decodes every JSON escape, surrogate pairs and lone surrogates included', () => {
    const escaped = String.raw`"a\"b\\c\/d\be\ff\ng\rh\ti\u00e9\u20AC\ud83d\ude80\ud800x"`;
    const request = readBoth(
      gaugeBody(
        `"asInt":"1","attributes":[{"key":${escaped},"value":{"stringValue":${escaped}}}]`,
        String.raw`"n\u0061me":"m\u00fc"`,
      ),
    );
    const expected = 'a"b\\c/d\be\ff\ng\rh\ti\u00e9\u20ac\u{1f680}\ud800x';
    expect([...firstPoint(request).attributes]).toEqual([[expected, expected]]);
    expect(request.resourceMetrics[0]!.scopeMetrics[0]!.metrics[0]!.name).toBe('mü');
  });

  it('reads UTF-8 strings, and drops a byte order mark as the UTF-8 decoding does', () => {
    const text = gaugeBody('"asDouble":1,"attributes":[{"key":"ünï ✓","value":{"stringValue":"🚀"}}]');
    expect([...firstPoint(readBoth(text)).attributes]).toEqual([['ünï ✓', '🚀']]);
    const withMark = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
    expect(readMetricsJsonBytes(withMark)).toEqual(readMetricsJsonBytes(Buffer.from(text)));
  });

  it.each([
    ['1e3', 1000],
    ['-2.5E-3', -0.0025],
    ['0.1', 0.1],
    ['-0', -0],
    ['-0.0e10', -0],
    ['1.7976931348623157e308', 1.7976931348623157e308],
    ['5e-324', 5e-324],
    ['123456789012345678901234567890', 1.2345678901234568e29],
    ['0.30000000000000004', 0.30000000000000004],
    ['1e400', Number.POSITIVE_INFINITY],
    ['9007199254740993', 9007199254740992],
    ['1E+2', 100],
  ])('reads the double %s exactly as JSON.parse does', (written, value) => {
    expect(firstPoint(readBoth(gaugeBody(`"asDouble":${written}`))).value).toBe(value);
  });

  it('reads int64 times and values at their edges exactly, as strings or numbers', () => {
    const request = readBoth(
      gaugeBody(
        '"asInt":"9223372036854775807","startTimeUnixNano":"18446744073709551615","timeUnixNano":"0000000000000000001"',
      ),
    );
    expect(firstPoint(request)).toMatchObject({
      value: 2 ** 63,
      startTimeUnixNano: 18446744073709551615n,
      timeUnixNano: 1n,
    });
    expect(
      firstPoint(readBoth(gaugeBody('"asInt":"-9223372036854775808","timeUnixNano":9007199254740991'))).value,
    ).toBe(-(2 ** 63));
    expect(
      firstPoint(readBoth(gaugeBody('"asInt":-9007199254740991,"timeUnixNano":"1732000000123456789"'))),
    ).toMatchObject({
      value: -9007199254740991,
      timeUnixNano: 1732000000123456789n,
    });
    // Past 2^64 and signed times: the reference reader refuses them, and words why.
    for (const time of ['"18446744073709551616"', '"-1"', '""', '"1e3"', '1.5']) {
      expect(
        readMetricsJsonBytes(Buffer.from(gaugeBody(`"asInt":"1","timeUnixNano":${time}`))),
      ).toBeUndefined();
    }
  });

  it('takes whitespace of every kind between any two tokens', () => {
    const text = ` \n\t\r{ "resourceMetrics" :\n[ { "scopeMetrics" : [ { "metrics" : [ { "name" : "m" , "sum" : { "aggregationTemporality" : "AGGREGATION_TEMPORALITY_DELTA" , "isMonotonic" : true , "dataPoints" : [ { "asInt" : 3 , "attributes" : [ ] } , { "asInt" : "4" , "flags" : 1 } ] } } ] } ] } ]\r\n}\t `;
    const request = readBoth(text);
    expect(request.resourceMetrics[0]!.scopeMetrics[0]!.metrics[0]).toMatchObject({
      data: { kind: 'sum', monotonic: true, temporality: 'delta' },
      skippedPoints: 1,
    });
  });

  it('skips unknown members of any shape and takes nulls where readMetricsJson takes them', () => {
    readBoth(
      gaugeBody(
        '"exemplars":[{"a":[1,{"b":null}],"c":"\\u0041"}],"asDouble":null,"asInt":2,"flags":null,"attributes":null,"x":true',
        '"name":"m","metadata":{"deep":[[[]]]},"sum":null,"description":null',
      ),
    );
    readBoth('{"resourceMetrics":null,"other":{}}');
    readBoth('{"resource_metrics":[{"resource":null,"scope_metrics":[{"scope":null,"metrics":[]}]}]}');
  });

  it.each([
    ['a duplicate member', gaugeBody('"asInt":1,"asInt":2')],
    ['both spellings of a member', gaugeBody('"asInt":1,"timeUnixNano":"1","time_unix_nano":"2"')],
    ['an unknown escape', gaugeBody('"asInt":1,"attributes":[{"key":"\\x","value":null}]')],
    ['a short \\u escape', gaugeBody('"asInt":1,"attributes":[{"key":"\\u12","value":null}]')],
    ['a raw control character', gaugeBody('"asInt":1,"attributes":[{"key":"a\tb","value":null}]')],
    ['a leading zero', gaugeBody('"asDouble":01')],
    ['a bare dot', gaugeBody('"asDouble":1.')],
    ['a trailing comma', gaugeBody('"asInt":1,')],
    ['trailing content', `${gaugeBody('"asInt":1')} x`],
    ['two data kinds', gaugeBody('"asInt":1', '"name":"m","sum":{}')],
    ['a truncated body', gaugeBody('"asInt":1').slice(0, -3)],
  ])('declines %s (the reference reading decides)', (_case, text) => {
    expect(readMetricsJsonBytes(Buffer.from(text))).toBeUndefined();
  });

  it('declines invalid UTF-8 anywhere, even in a member it skips, and the old error stays', () => {
    const text = Buffer.from(gaugeBody('"asInt":1,"unknown":"ab"'));
    text[text.indexOf('ab')] = 0xff;
    expect(readMetricsJsonBytes(text)).toBeUndefined();
    expect(() => decodeMetricsRequest(text, 'json')).toThrow(
      'body: an application/json body must be UTF-8 text',
    );
  });
});
