import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One OTLP/HTTP JSON request as it arrived. */
export interface OtlpRequest {
  path: string;
  body: string;
}

/** An OTLP/HTTP receiver for tests (JSON only: set `OTEL_EXPORTER_OTLP_PROTOCOL=http/json`). */
export interface OtlpReceiver {
  readonly url: string;
  readonly requests: OtlpRequest[];
  close(): Promise<void>;
}

export async function startOtlpReceiver(): Promise<OtlpReceiver> {
  const requests: OtlpRequest[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      requests.push({ path: request.url ?? '', body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

type AnyValue = {
  stringValue?: string;
  intValue?: string | number;
  doubleValue?: number;
  boolValue?: boolean;
};
type KeyValue = { key: string; value: AnyValue };
type NumberPoint = { attributes?: KeyValue[]; asInt?: string | number; asDouble?: number };
type HistogramPoint = { attributes?: KeyValue[]; count?: string | number; sum?: number };
type OtlpMetric = {
  name: string;
  sum?: { dataPoints: NumberPoint[] };
  gauge?: { dataPoints: NumberPoint[] };
  histogram?: { dataPoints: HistogramPoint[] };
};

/** A point of an exported metric: its attributes as a plain object and its value (a histogram's count). */
export interface ExportedPoint {
  metric: string;
  attributes: Record<string, string | number | boolean | undefined>;
  value: number;
}

function plainAttributes(attributes: KeyValue[] = []): ExportedPoint['attributes'] {
  return Object.fromEntries(
    attributes.map(({ key, value }) => [
      key,
      value.stringValue ??
        (value.intValue === undefined ? undefined : Number(value.intValue)) ??
        value.doubleValue ??
        value.boolValue,
    ]),
  );
}

/** Every metric point in the OTLP/JSON metric exports received. */
export function exportedMetricPoints(receiver: OtlpReceiver): ExportedPoint[] {
  const points: ExportedPoint[] = [];
  for (const request of receiver.requests.filter((r) => r.path === '/v1/metrics')) {
    const payload = JSON.parse(request.body) as {
      resourceMetrics: { scopeMetrics: { metrics: OtlpMetric[] }[] }[];
    };
    for (const metric of payload.resourceMetrics.flatMap((r) => r.scopeMetrics).flatMap((s) => s.metrics)) {
      for (const point of metric.sum?.dataPoints ?? metric.gauge?.dataPoints ?? []) {
        points.push({
          metric: metric.name,
          attributes: plainAttributes(point.attributes),
          value: Number(point.asInt ?? point.asDouble),
        });
      }
      for (const point of metric.histogram?.dataPoints ?? []) {
        points.push({
          metric: metric.name,
          attributes: plainAttributes(point.attributes),
          value: Number(point.count),
        });
      }
    }
  }
  return points;
}

/** The names of the spans in the OTLP/JSON trace exports received. */
export function exportedSpanNames(receiver: OtlpReceiver): string[] {
  return receiver.requests
    .filter((r) => r.path === '/v1/traces')
    .flatMap((r) => {
      const payload = JSON.parse(r.body) as {
        resourceSpans: { scopeSpans: { spans: { name: string }[] }[] }[];
      };
      return payload.resourceSpans
        .flatMap((rs) => rs.scopeSpans)
        .flatMap((ss) => ss.spans.map((s) => s.name));
    });
}
