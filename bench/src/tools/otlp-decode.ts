/**
 * Interleaved comparison of OTLP metrics decoders on the payloads the exporter suite pushes (the
 * series mix recorded by a real OTel SDK and serialised by its own OTLP serialisers), in CPU time
 * (robust to a machine other work keeps busy): points per second for 1,000 and 10,000 series,
 * protobuf and JSON. Each decoder must give the model `@groqmeter/otlp` gives, checked first.
 *
 *   node --import tsx src/tools/otlp-decode.ts [<@groqmeter/otlp entry>]
 *
 * The entry defaults to this checkout's `packages/otlp/src/index.ts`. Candidates: the reference
 * (protobufjs decode, `toObject`, validating walk), protobufjs used well (decode, then its
 * message objects and `Long`s read directly), `@bufbuild/protobuf` (`fromBinary` on a descriptor
 * of the same schema, then its messages read directly) and the single-pass readers. The two
 * library candidates build the model without any validation, so they are a lower bound of their
 * cost. `@bufbuild/protobuf` is not a dependency of the repository (it was measured and not
 * chosen): set `BUFBUILD_PROTOBUF` to an installed copy's directory to add its rows, e.g. after
 * `npm install --prefix /tmp/buf @bufbuild/protobuf@2.17.0`,
 * `BUFBUILD_PROTOBUF=/tmp/buf/node_modules/@bufbuild/protobuf`. Environment: `ROUNDS` timed
 * segments per decoder (15), `POINTS` points decoded per segment (20,000).
 */
import { dirname, join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { cpuMicros } from '../cpu-time';
import { buildOtlpPayload, type OtlpPayload } from '../otlp-payloads';
import { median } from '../statistics';

type Attributes = Map<string, unknown>;
type Model = { resourceMetrics: unknown[] };

/** The part of `@groqmeter/otlp` this tool drives. */
interface OtlpModule {
  decodeMetricsRequest(body: Uint8Array, encoding: 'protobuf' | 'json'): Model;
  readMetricsRequest(body: unknown): Model;
  ExportMetricsServiceRequestType: ProtobufjsType;
}

interface ProtobufjsType {
  name: string;
  decode(body: Uint8Array): unknown;
  toObject(message: unknown, options: object): unknown;
  root: { resolveAll(): unknown; lookup(path: string): { nestedArray: ProtobufjsReflection[] } | null };
}

interface ProtobufjsReflection {
  name: string;
  fieldsArray?: {
    name: string;
    id: number;
    type: string;
    repeated: boolean;
    partOf: { name: string } | null;
    options?: Record<string, unknown>;
  }[];
  oneofsArray?: { name: string }[];
}

// biome-ignore lint/suspicious/noExplicitAny: protobufjs and @bufbuild/protobuf messages are walked by field name.
type Message = any;

const TWO_TO_32 = 4294967296;

// ---- protobufjs used well: its message objects, Longs read as numbers or bigints ----

function longNumber(value: Message): number {
  return typeof value === 'number' ? value : value.high * TWO_TO_32 + (value.low >>> 0);
}

function longBigInt(value: Message): bigint {
  if (typeof value === 'number') return BigInt(value);
  return (BigInt(value.high >>> 0) << 32n) | BigInt(value.low >>> 0);
}

function protobufjsValue(value: Message): unknown {
  if (value === null || value === undefined) return null;
  switch (value.value) {
    case 'stringValue':
      return value.stringValue;
    case 'boolValue':
      return value.boolValue;
    case 'intValue':
      return longNumber(value.intValue);
    case 'doubleValue':
      return value.doubleValue;
    case 'bytesValue':
      return Buffer.from(value.bytesValue).toString('base64');
    case 'arrayValue':
      return value.arrayValue.values.map(protobufjsValue);
    case 'kvlistValue':
      return Object.fromEntries(protobufjsAttributes(value.kvlistValue.values));
    default:
      return null;
  }
}

/** A list of `KeyValue` messages as the model's attributes, each value read by `readValue`. */
function keyValueAttributes(keyValues: Message[], readValue: (value: Message) => unknown): Attributes {
  const attributes: Attributes = new Map();
  for (const keyValue of keyValues) attributes.set(keyValue.key, readValue(keyValue.value));
  return attributes;
}

function protobufjsAttributes(keyValues: Message[]): Attributes {
  return keyValueAttributes(keyValues, protobufjsValue);
}

const TEMPORALITY = ['unspecified', 'delta', 'cumulative'];

/** How one library's decoded messages are read where protobufjs and `@bufbuild/protobuf` differ. */
interface MessageReading {
  attributes(keyValues: Message[]): Attributes;
  /** The metric's data kind (`gauge`, `sum`, ...) and its message. */
  data(metric: Message): { kind: string; data: Message };
  time(value: Message): bigint;
  /** A 64-bit count as a number. */
  count(value: Message): number;
  numberValue(point: Message): number;
  histogramSum(point: Message): number | undefined;
}

/** The `@groqmeter/otlp` model of a decoded request, its messages read directly (no checks). */
function messagesModel(request: Message, read: MessageReading): Model {
  return {
    resourceMetrics: request.resourceMetrics.map((resource: Message) => ({
      attributes: read.attributes(resource.resource?.attributes ?? []),
      scopeMetrics: resource.scopeMetrics.map((scope: Message) => ({
        scope: {
          name: scope.scope?.name ?? '',
          version: scope.scope?.version ?? '',
          schemaUrl: scope.schemaUrl,
        },
        metrics: scope.metrics.map((metric: Message) => {
          const { kind, data } = read.data(metric);
          const points = data.dataPoints.filter((point: Message) => (point.flags & 1) === 0);
          const common = (point: Message) => ({
            attributes: read.attributes(point.attributes),
            startTimeUnixNano: read.time(point.startTimeUnixNano),
            timeUnixNano: read.time(point.timeUnixNano),
          });
          const numberPoint = (point: Message) => ({ ...common(point), value: read.numberValue(point) });
          const metricData =
            kind === 'gauge'
              ? { kind, points: points.map(numberPoint) }
              : kind === 'sum'
                ? {
                    kind,
                    monotonic: data.isMonotonic,
                    temporality: TEMPORALITY[data.aggregationTemporality],
                    points: points.map(numberPoint),
                  }
                : kind === 'histogram'
                  ? {
                      kind,
                      temporality: TEMPORALITY[data.aggregationTemporality],
                      points: points.map((point: Message) => ({
                        ...common(point),
                        count: read.count(point.count),
                        sum: read.histogramSum(point),
                        explicitBounds: point.explicitBounds,
                        bucketCounts: point.bucketCounts.map(read.count),
                      })),
                    }
                  : {
                      kind: kind === 'summary' ? 'summary' : 'exponential_histogram',
                      pointCount: data.dataPoints.length,
                    };
          return {
            name: metric.name,
            description: metric.description,
            unit: metric.unit,
            data: metricData,
            skippedPoints: data.dataPoints.length - points.length,
          };
        }),
      })),
    })),
  };
}

/** protobufjs' messages: the data kind by its oneof's name, 64-bit values as `Long`s or numbers. */
const PROTOBUFJS_READING: MessageReading = {
  attributes: protobufjsAttributes,
  data: (metric) => ({ kind: metric.data, data: metric[metric.data] }),
  time: longBigInt,
  count: longNumber,
  numberValue: (point) => (point.value === 'asDouble' ? point.asDouble : longNumber(point.asInt)),
  histogramSum: (point) => (point._sum === 'sum' ? point.sum : undefined),
};

// ---- @bufbuild/protobuf: fromBinary on a runtime descriptor of the same schema ----

interface Bufbuild {
  fromBinary(schema: unknown, bytes: Uint8Array): Message;
  create(schema: unknown, init: object): unknown;
  createFileRegistry(
    file: unknown,
    resolve: (name: string) => undefined,
  ): { getMessage(name: string): unknown };
}

/** `google.protobuf.FieldDescriptorProto.Type` by protobufjs' scalar type names. */
const SCALAR_TYPES: Record<string, number> = {
  double: 1,
  int64: 3,
  uint64: 4,
  int32: 5,
  fixed64: 6,
  bool: 8,
  string: 9,
  bytes: 12,
  uint32: 13,
  sfixed64: 16,
};

/** The protobufjs schema of `@groqmeter/otlp` as a FileDescriptorProto, so both libraries decode the same messages. */
async function bufbuildDecoder(
  directory: string,
  type: ProtobufjsType,
): Promise<(body: Uint8Array) => Message> {
  const bufbuild = (await import(`${directory}/dist/esm/index.js`)) as Bufbuild;
  const { FileDescriptorProtoSchema } = (await import(`${directory}/dist/esm/wkt/index.js`)) as {
    FileDescriptorProtoSchema: unknown;
  };
  type.root.resolveAll();
  const messages = type.root.lookup('otlp')!.nestedArray.filter((item) => item.fieldsArray !== undefined);
  const file = bufbuild.create(FileDescriptorProtoSchema, {
    name: 'otlp.proto',
    package: 'otlp',
    syntax: 'proto3',
    messageType: messages.map((message) => ({
      name: message.name,
      oneofDecl: message.oneofsArray!.map((oneof) => ({ name: oneof.name })),
      field: message.fieldsArray!.map((field) => ({
        name: field.name,
        jsonName: field.name,
        number: field.id,
        label: field.repeated ? 3 : 1,
        type: SCALAR_TYPES[field.type] ?? 11,
        typeName: field.type in SCALAR_TYPES ? undefined : `.otlp.${field.type}`,
        oneofIndex: field.partOf ? message.oneofsArray!.indexOf(field.partOf) : undefined,
        proto3Optional: field.options?.proto3_optional === true ? true : undefined,
      })),
    })),
  });
  const schema = bufbuild
    .createFileRegistry(file, () => undefined)
    .getMessage('otlp.ExportMetricsServiceRequest');
  return (body) => bufbuild.fromBinary(schema, body);
}

function bufbuildValue(value: Message): unknown {
  if (value === undefined) return null;
  const { case: kind, value: member } = value.value;
  switch (kind) {
    case 'intValue':
      return Number(member);
    case 'bytesValue':
      return Buffer.from(member).toString('base64');
    case 'arrayValue':
      return member.values.map(bufbuildValue);
    case 'kvlistValue':
      return Object.fromEntries(bufbuildAttributes(member.values));
    case undefined:
      return null;
    default:
      return member;
  }
}

function bufbuildAttributes(keyValues: Message[]): Attributes {
  return keyValueAttributes(keyValues, bufbuildValue);
}

/** `@bufbuild/protobuf`'s messages: oneofs as `{ case, value }`, 64-bit values as bigints. */
const BUFBUILD_READING: MessageReading = {
  attributes: bufbuildAttributes,
  data: (metric) => ({ kind: metric.data.case, data: metric.data.value }),
  time: (value) => value,
  count: Number,
  numberValue: (point) => (point.value.case === 'asDouble' ? point.value.value : Number(point.value.value)),
  histogramSum: (point) => point.sum,
};

// ---- the run ----

interface Candidate {
  name: string;
  encoding: 'protobuf' | 'json';
  decode(body: Uint8Array): unknown;
  /** Decodes only part of the way (no model): shown, not checked against the model. */
  partial?: boolean;
}

const entry = process.argv[2] ?? new URL('../../../packages/otlp/src/index.ts', import.meta.url).pathname;
const otlp = (await import(entry)) as OtlpModule;
const type = otlp.ExportMetricsServiceRequestType;
const utf8 = new TextDecoder('utf-8', { fatal: true });
const candidates: Candidate[] = [
  {
    name: 'protobufjs decode + toObject + validating walk (before)',
    encoding: 'protobuf',
    decode: (body) =>
      otlp.readMetricsRequest(
        type.toObject(type.decode(body), { longs: String, enums: Number, bytes: String }),
      ),
  },
  {
    name: 'protobufjs decode only (no model)',
    encoding: 'protobuf',
    decode: (body) => type.decode(body),
    partial: true,
  },
  {
    name: 'protobufjs decode, messages read directly (no checks)',
    encoding: 'protobuf',
    decode: (body) => messagesModel(type.decode(body), PROTOBUFJS_READING),
  },
];
if (process.env.BUFBUILD_PROTOBUF) {
  const fromBinary = await bufbuildDecoder(process.env.BUFBUILD_PROTOBUF, type);
  candidates.push(
    {
      name: '@bufbuild/protobuf fromBinary only (no model)',
      encoding: 'protobuf',
      decode: fromBinary,
      partial: true,
    },
    {
      name: '@bufbuild/protobuf fromBinary, messages read directly (no checks)',
      encoding: 'protobuf',
      decode: (body) => messagesModel(fromBinary(body), BUFBUILD_READING),
    },
  );
}
candidates.push(
  {
    name: 'single-pass reader (now)',
    encoding: 'protobuf',
    decode: (body) => otlp.decodeMetricsRequest(body, 'protobuf'),
  },
  {
    name: 'JSON.parse + validating walk (before)',
    encoding: 'json',
    decode: (body) => otlp.readMetricsRequest(JSON.parse(utf8.decode(body))),
  },
  {
    name: 'JSON.parse only (no model)',
    encoding: 'json',
    decode: (body) => JSON.parse(utf8.decode(body)),
    partial: true,
  },
  {
    name: 'single-pass byte reader (now)',
    encoding: 'json',
    decode: (body) => otlp.decodeMetricsRequest(body, 'json'),
  },
);
// The object reader the text reader replaced is not exported: its row needs the source entry.
if (entry.endsWith('.ts')) {
  const { readMetricsJson } = (await import(join(dirname(entry), 'read-metrics-json.ts'))) as {
    readMetricsJson(parsed: unknown): Model | undefined;
  };
  candidates.push({
    name: 'JSON.parse + single-pass object reader (before)',
    encoding: 'json',
    decode: (body) => readMetricsJson(JSON.parse(utf8.decode(body))),
  });
}

const rounds = Number(process.env.ROUNDS ?? 15);
const pointsPerSegment = Number(process.env.POINTS ?? 20_000);
const sizes = [1_000, 10_000];

process.stdout.write(`| decoder | payload | encoding | body | µs CPU per point | points/s per core |\n`);
process.stdout.write(`| --- | --- | --- | --- | --- | --- |\n`);
for (const series of sizes) {
  for (const encoding of ['protobuf', 'json'] as const) {
    const payload: OtlpPayload = await buildOtlpPayload(0, series, encoding);
    const body = Buffer.from(payload.body);
    const own = candidates.filter((candidate) => candidate.encoding === encoding);
    const expected = otlp.decodeMetricsRequest(body, encoding);
    for (const candidate of own) {
      if (!candidate.partial && !isDeepStrictEqual(candidate.decode(body), expected)) {
        throw new Error(
          `${candidate.name} does not give @groqmeter/otlp's model for ${series} series (${encoding}).`,
        );
      }
    }
    const repeat = Math.max(1, Math.round(pointsPerSegment / payload.points));
    // Warm-up: every decoder optimised by the JIT before anything is timed.
    for (let index = 0; index < 3 * repeat; index++) for (const candidate of own) candidate.decode(body);
    const samples = own.map(() => [] as number[]);
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 === 0 ? [...own.keys()] : [...own.keys()].reverse();
      for (const index of order) {
        const started = cpuMicros();
        for (let time = 0; time < repeat; time++) own[index]!.decode(body);
        samples[index]!.push((cpuMicros() - started) / (repeat * payload.points));
      }
    }
    own.forEach((candidate, index) => {
      const perPoint = median(samples[index]!);
      process.stdout.write(
        `| ${candidate.name} | ${series.toLocaleString('en-US')} series (${payload.points.toLocaleString('en-US')} points) | ${encoding} | ${(body.length / 1024).toFixed(0)} KiB | ${perPoint.toFixed(2)} | ${Math.round(1e6 / perPoint).toLocaleString('en-US')} |\n`,
      );
    });
  }
}
