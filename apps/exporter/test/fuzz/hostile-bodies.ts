import { gzipSync } from 'node:zlib';
import { ExportMetricsServiceRequestType } from '@groqmeter/otlp';

/** One body to post: its bytes and headers, and the class it belongs to. */
export interface HostileBody {
  body: Uint8Array<ArrayBuffer>;
  contentType: string;
  contentEncoding?: string;
}

/** A seeded PRNG (mulberry32): every run posts the same bodies, so a failure is reproducible. */
export class Random {
  constructor(private state: number) {}

  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(max: number): number {
    return Math.floor(this.next() * max);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }

  bytes(length: number): Uint8Array<ArrayBuffer> {
    const bytes = new Uint8Array(length);
    for (let index = 0; index < length; index++) bytes[index] = this.int(256);
    return bytes;
  }
}

const attribute = (key: string, value: unknown) => ({ key, value });
const text = (value: string) => ({ stringValue: value });

/** A valid OTLP/JSON request touching every kind the exporter serves (the mutations' starting point). */
export function baseRequest(tag: string) {
  const point = (value: number, feature: string) => ({
    attributes: [attribute('model', text('openai/gpt-oss-20b')), attribute('feature', text(feature))],
    startTimeUnixNano: '1000',
    timeUnixNano: '2000',
    asDouble: value,
  });
  return {
    resourceMetrics: [
      {
        resource: {
          attributes: [attribute('service.name', text(`fuzz-${tag}`)), attribute('host.name', text('h1'))],
        },
        scopeMetrics: [
          {
            scope: { name: 'fuzz', version: '1.0' },
            metrics: [
              {
                name: `fuzz.${tag}.requests`,
                description: 'requests',
                sum: {
                  aggregationTemporality: 2,
                  isMonotonic: true,
                  dataPoints: [point(3, 'a'), point(4, 'b')],
                },
              },
              { name: `fuzz.${tag}.remaining`, gauge: { dataPoints: [point(10, 'a')] } },
              {
                name: `fuzz.${tag}.latency`,
                histogram: {
                  aggregationTemporality: 2,
                  dataPoints: [
                    {
                      attributes: [attribute('model', text('m'))],
                      startTimeUnixNano: '1000',
                      timeUnixNano: '2000',
                      count: '3',
                      sum: 1.5,
                      explicitBounds: [0.1, 1],
                      bucketCounts: ['1', '1', '1'],
                    },
                  ],
                },
              },
            ],
          },
        ],
      },
    ],
  };
}

const encoder = new TextEncoder();
const json = (value: unknown): HostileBody => ({
  body: encoder.encode(JSON.stringify(value)),
  contentType: 'application/json',
});
const protobuf = (value: object): Uint8Array<ArrayBuffer> =>
  new Uint8Array(
    ExportMetricsServiceRequestType.encode(ExportMetricsServiceRequestType.fromObject(value)).finish(),
  );

/** Hostile values to put where a mutation lands. */
const HOSTILE_VALUES: unknown[] = [
  null,
  true,
  -1,
  1e308,
  -1e308,
  'NaN',
  'Infinity',
  '-5',
  '99999999999999999999999',
  '0x10',
  '',
  'x'.repeat(5000),
  [],
  [[[[[]]]]],
  {},
  { stringValue: 5 },
  { intValue: 'abc' },
  { kvlistValue: { values: 'nope' } },
  { arrayValue: { values: [{ doubleValue: 'NaN' }] } },
  7,
  0,
  3,
];

/** Every path (as keys) into a JSON value. */
function paths(
  value: unknown,
  prefix: (string | number)[] = [],
  into: (string | number)[][] = [],
): (string | number)[][] {
  if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      const path = [...prefix, Array.isArray(value) ? Number(key) : key];
      into.push(path);
      paths(child, path, into);
    }
  }
  return into;
}

function setAt(root: unknown, path: (string | number)[], value: unknown): void {
  let target = root as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) {
    // An earlier mutation may have replaced or removed what this path went through.
    if (target === null || typeof target !== 'object') return;
    target = target[key] as Record<string | number, unknown>;
  }
  if (target === null || typeof target !== 'object') return;
  const last = path[path.length - 1]!;
  if (value === undefined) delete target[last];
  else target[last] = value;
}

/** The classes of hostile bodies, each a generator of `count` bodies. */
export const CLASSES: Record<string, (random: Random) => HostileBody> = {
  'random bytes as protobuf': (random) => ({
    body: random.bytes(random.int(2048)),
    contentType: 'application/x-protobuf',
  }),

  'mutated protobuf (bit flips, truncation, insertion)': (random) => {
    const bytes = protobuf(baseRequest('pb'));
    const mode = random.int(3);
    if (mode === 0) {
      for (let flips = 1 + random.int(8); flips > 0; flips--) {
        const at = random.int(bytes.length);
        bytes[at] = bytes[at]! ^ (1 << random.int(8));
      }
      return { body: bytes, contentType: 'application/x-protobuf' };
    }
    if (mode === 1)
      return { body: bytes.slice(0, random.int(bytes.length)), contentType: 'application/x-protobuf' };
    const at = random.int(bytes.length);
    const inserted = new Uint8Array(bytes.length + 8);
    inserted.set(bytes.subarray(0, at));
    inserted.set(random.bytes(8), at);
    inserted.set(bytes.subarray(at), at + 8);
    return { body: inserted, contentType: 'application/x-protobuf' };
  },

  'random and truncated JSON': (random) => {
    const textBody = JSON.stringify(baseRequest('js'));
    const mode = random.int(3);
    if (mode === 0)
      return {
        body: encoder.encode(textBody.slice(0, random.int(textBody.length))),
        contentType: 'application/json',
      };
    if (mode === 1) return { body: random.bytes(random.int(512)), contentType: 'application/json' };
    return json(random.pick(HOSTILE_VALUES));
  },

  'JSON with a hostile value at a random path': (random) => {
    const request = baseRequest('jv');
    const all = paths(request);
    for (let mutations = 1 + random.int(3); mutations > 0; mutations--) {
      const value = random.int(8) === 0 ? undefined : random.pick(HOSTILE_VALUES);
      setAt(request, random.pick(all), value);
    }
    return json(request);
  },

  'bad encodings and content types': (random) => {
    const valid = protobuf(baseRequest('enc'));
    switch (random.int(5)) {
      case 0:
        return { body: random.bytes(64), contentType: 'application/x-protobuf', contentEncoding: 'gzip' };
      case 1: {
        const zipped = gzipSync(valid);
        return {
          body: new Uint8Array(zipped.subarray(0, random.int(zipped.length))),
          contentType: 'application/x-protobuf',
          contentEncoding: 'gzip',
        };
      }
      case 2:
        // A gzip bomb: a few KiB inflating past the body limit.
        return {
          body: new Uint8Array(gzipSync(Buffer.alloc(2 * 1024 * 1024))),
          contentType: 'application/x-protobuf',
          contentEncoding: 'gzip',
        };
      case 3:
        return {
          body: valid,
          contentType: 'application/x-protobuf',
          contentEncoding: random.pick(['br', 'deflate', 'x'.repeat(200)]),
        };
      default:
        return {
          body: valid,
          contentType: random.pick(['text/plain', 'application/xml', '', 'application/x-protobuf-x']),
        };
    }
  },

  'valid structure, hostile content (names, labels, values, types)': (random) => {
    const request = baseRequest('hv');
    const metrics = request.resourceMetrics[0]!.scopeMetrics[0]!.metrics as Record<string, unknown>[];
    const counter = metrics[0] as { name: string; sum: { dataPoints: Record<string, unknown>[] } };
    switch (random.int(8)) {
      case 0:
        counter.name = 'n'.repeat(257 + random.int(5000));
        break;
      case 1:
        counter.sum.dataPoints[0]!.attributes = [
          attribute('feature', text('v'.repeat(2049 + random.int(100_000)))),
        ];
        break;
      case 2:
        counter.sum.dataPoints[0]!.attributes = Array.from({ length: 65 + random.int(500) }, (_, key) =>
          attribute(`k${key}`, text('v')),
        );
        break;
      case 3:
        counter.name = random.pick([
          'groqmeter_exporter_series',
          'groqmeter.budget.usd',
          'groq_model_info',
          'target_info',
        ]);
        break;
      case 4:
        // A histogram taking a contract counter's name, and a gauge colliding with a histogram's samples.
        metrics.push(
          { name: 'groq_cost_usd_total', histogram: (metrics[2] as { histogram: unknown }).histogram },
          { name: 'fuzz.hv.latency_count', gauge: { dataPoints: [{ timeUnixNano: '1', asDouble: 1 }] } },
        );
        break;
      case 5:
        counter.sum.dataPoints[0]!.asDouble = random.pick([-1, 'NaN', 'Infinity', '-Infinity']);
        break;
      case 6:
        counter.name = random.pick([
          '...',
          '0',
          '\u00e9\u00e8',
          '__',
          'a b c',
          '"quoted"\n{}',
          'x'.repeat(256),
        ]);
        break;
      default:
        metrics.push(
          {
            name: 'fuzz.hv.exp',
            exponentialHistogram: {
              aggregationTemporality: 2,
              dataPoints: [{ count: '1', scale: 1, zeroCount: '0' }],
            },
          },
          { name: 'fuzz.hv.summary', summary: { dataPoints: [{ count: '1', sum: 1 }] } },
        );
    }
    return json(request);
  },

  'deep and wide attribute values': (random) => {
    const request = baseRequest('dw');
    let nested: unknown = text('leaf');
    for (let depth = 0; depth < 20 + random.int(200); depth++)
      nested = { kvlistValue: { values: [attribute('k', nested)] } };
    const wide = {
      arrayValue: {
        values: Array.from({ length: 1 + random.int(5000) }, (_, n) => ({ intValue: String(n) })),
      },
    };
    const target =
      random.int(2) === 0
        ? request.resourceMetrics[0]!.resource.attributes
        : (
            request.resourceMetrics[0]!.scopeMetrics[0]!.metrics[0] as {
              sum: { dataPoints: { attributes: unknown[] }[] };
            }
          ).sum.dataPoints[0]!.attributes;
    target.push(attribute('deep', nested) as never, attribute('wide', wide) as never);
    return json(request);
  },
};
