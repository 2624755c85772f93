import { JsonMetricsSerializer, ProtobufMetricsSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics';
import { recordSeries, SERIES_RESOURCE, SERIES_SCOPE, SERIES_VIEWS } from './series-mix';

/** An OTLP/HTTP metrics request body, as an OTel SDK's OTLP exporter sends it. */
export interface OtlpPayload {
  body: Uint8Array<ArrayBuffer>;
  contentType: string;
  points: number;
}

class CollectOnceReader extends MetricReader {
  protected async onForceFlush(): Promise<void> {}
  protected async onShutdown(): Promise<void> {}
}

/**
 * Series `from` to `to - 1` of the mix, recorded through a real OTel SDK meter provider and
 * serialised by the same serialiser the OTLP exporters use: the payload an instrumented app
 * would push.
 */
export async function buildOtlpPayload(
  from: number,
  to: number,
  encoding: 'protobuf' | 'json',
): Promise<OtlpPayload> {
  const reader = new CollectOnceReader();
  const provider = new MeterProvider({
    resource: resourceFromAttributes(SERIES_RESOURCE),
    readers: [reader],
    views: SERIES_VIEWS,
  });
  recordSeries(provider.getMeter(SERIES_SCOPE), from, to);
  const { resourceMetrics } = await reader.collect();
  await provider.shutdown();
  const points = resourceMetrics.scopeMetrics.reduce(
    (sum, scope) => sum + scope.metrics.reduce((count, metric) => count + metric.dataPoints.length, 0),
    0,
  );
  const serializer = encoding === 'protobuf' ? ProtobufMetricsSerializer : JsonMetricsSerializer;
  const serialized = serializer.serializeRequest(resourceMetrics);
  if (serialized === undefined) {
    throw new Error(`the OTLP ${encoding} serializer produced no body for series ${from}..${to}.`);
  }
  return {
    body: new Uint8Array(serialized),
    contentType: encoding === 'protobuf' ? 'application/x-protobuf' : 'application/json',
    points,
  };
}

/** POSTs a payload and fails unless the receiver answered 200. */
export async function postOtlp(otlpUrl: string, payload: OtlpPayload): Promise<void> {
  const response = await fetch(otlpUrl, {
    method: 'POST',
    body: payload.body,
    headers: { 'content-type': payload.contentType },
  });
  const answer = await response.arrayBuffer();
  if (response.status !== 200) {
    throw new Error(
      `POST ${otlpUrl} answered ${response.status}: ${Buffer.from(answer).toString('utf8').slice(0, 300)}`,
    );
  }
}
