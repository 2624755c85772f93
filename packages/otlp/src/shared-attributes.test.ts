import { describe, expect, it } from 'vitest';
import type { MetricsRequest, NumberPoint } from './metrics-model.js';
import { readMetricsJson } from './read-metrics-json.js';
import { readMetricsJsonBytes } from './read-metrics-json-bytes.js';
import { attributesAreShared, SharedAttributesCache } from './shared-attributes.js';

/** A gauge of one point per attributes text (raw JSON arrays). */
function gaugeBody(...attributes: string[]): Buffer {
  const points = attributes.map((list) => `{"attributes":${list},"asDouble":1}`).join(',');
  return Buffer.from(
    `{"resourceMetrics":[{"scopeMetrics":[{"metrics":[{"name":"m","gauge":{"dataPoints":[${points}]}}]}]}]}`,
  );
}

function points(request: MetricsRequest | undefined): NumberPoint[] {
  const data = request!.resourceMetrics[0]!.scopeMetrics[0]!.metrics[0]!.data;
  return (data as { points: NumberPoint[] }).points;
}

/** The byte reader's reading, checked against the reference reading of the same body. */
function read(body: Buffer): NumberPoint[] {
  const request = readMetricsJsonBytes(body);
  expect(request).toEqual(readMetricsJson(JSON.parse(body.toString('utf8'))));
  return points(request);
}

const MODEL_A = '[{"key":"gen_ai.request.model","value":{"stringValue":"llama-3.1-8b-instant"}}]';
const MODEL_B = '[{"key":"gen_ai.request.model","value":{"stringValue":"openai/gpt-oss-20b"}}]';

describe('SharedAttributesCache', () => {
  it('finds what it was given by its text, as shared attributes', () => {
    const cache = new SharedAttributesCache(4);
    const attributes = new Map([['k', 'v']]);
    expect(attributesAreShared(attributes)).toBe(false);
    cache.add('[1]', attributes);
    expect(cache.get('[1]')).toBe(attributes);
    expect(attributesAreShared(attributes)).toBe(true);
    expect(cache.get('[2]')).toBeUndefined();
  });

  it('keeps two generations, moving what is found in the older one to the newer', () => {
    const cache = new SharedAttributesCache(3);
    const [a, b, c, d, e] = ['a', 'b', 'c', 'd', 'e'].map((key) => new Map([[key, key]]));
    cache.add('a', a!);
    cache.add('b', b!);
    cache.add('c', c!);
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([a, b, c]);
    // The newer generation is full (found again more often than not): it becomes the older one.
    cache.add('d', d!);
    expect(cache.get('a')).toBe(a);
    // `d` and `a` are in the newer one; `e` fills it, and `b` and `c`, not found since, go with the next.
    cache.add('e', e!);
    cache.add('f', new Map());
    expect(cache.get('b')).toBeUndefined();
    expect([cache.get('a'), cache.get('d'), cache.get('e')]).toEqual([a, d, e]);
  });

  it('rests when a generation fills up with more texts read afresh than found, longer each time', () => {
    const cache = new SharedAttributesCache(2);
    const miss = (text: string) => {
      expect(cache.get(text)).toBeUndefined();
      const attributes = new Map([[text, text]]);
      cache.add(text, attributes);
      return attributes;
    };
    const restLength = () => {
      let skipped = 0;
      while (!cache.active()) skipped++;
      return skipped;
    };
    miss('a');
    miss('b');
    // The third text read afresh finds a generation of misses: everything is forgotten, the cache rests.
    const third = miss('c');
    expect(attributesAreShared(third)).toBe(false);
    expect(restLength()).toBe(8);
    expect(cache.get('a')).toBeUndefined();
    for (const text of ['d', 'e', 'f']) miss(text);
    expect(restLength()).toBe(16);
    // A generation found again more often than read afresh makes the next rest the shortest again.
    miss('g');
    miss('h');
    for (let round = 0; round < 3; round++) expect(cache.get('g')).toBeDefined();
    miss('i');
    for (const text of ['j', 'k']) miss(text);
    expect(restLength()).toBe(8);
  });
});

describe('readMetricsJsonBytes with shared attributes', () => {
  it('hands the same attributes to every point, in every request, that sends the same ones', () => {
    const [first, second, other] = read(gaugeBody(MODEL_A, MODEL_A, MODEL_B));
    expect(first!.attributes).toBe(second!.attributes);
    expect(attributesAreShared(first!.attributes)).toBe(true);
    expect([...other!.attributes]).toEqual([['gen_ai.request.model', 'openai/gpt-oss-20b']]);
    const [again] = read(gaugeBody(MODEL_A));
    expect(again!.attributes).toBe(first!.attributes);
  });

  it('reads an array whose first ] is inside a value in full, and does not share it', () => {
    const bracketed =
      '[{"key":"a","value":{"stringValue":"x]"}},{"key":"b","value":{"arrayValue":{"values":[{"intValue":"1"}]}}}]';
    const [first, second] = read(gaugeBody(bracketed, bracketed));
    expect([...first!.attributes]).toEqual([
      ['a', 'x]'],
      ['b', [1]],
    ]);
    expect(first!.attributes).not.toBe(second!.attributes);
    expect(attributesAreShared(first!.attributes)).toBe(false);
  });

  it('tells texts apart by every byte, whitespace and escapes included', () => {
    const spaced = MODEL_A.replace(':{', ': {');
    const escaped = MODEL_A.replace('instant', 'inst\\u0061nt');
    const [plain, withSpace, withEscape] = read(gaugeBody(MODEL_A, spaced, escaped));
    expect(withSpace!.attributes).not.toBe(plain!.attributes);
    expect(withEscape!.attributes).not.toBe(plain!.attributes);
    expect([...withEscape!.attributes]).toEqual([...plain!.attributes]);
  });

  it('never hands out an array it declined: the same bad array is declined again', () => {
    const duplicated = '[{"key":"k","key":"k","value":{"stringValue":"v"}}]';
    expect(readMetricsJsonBytes(gaugeBody(duplicated))).toBeUndefined();
    // The reference reading (the last duplicate member wins) decides; nothing the byte reader kept interferes.
    expect(readMetricsJsonBytes(gaugeBody(duplicated))).toBeUndefined();
  });
});
