/** The OpenTelemetry signals the register entry exports, with their variable names and URL paths. */
const SIGNALS = [
  { env: 'TRACES', path: 'v1/traces' },
  { env: 'METRICS', path: 'v1/metrics' },
  { env: 'LOGS', path: 'v1/logs' },
] as const;

/**
 * The OTLP endpoints the OpenTelemetry Node SDK sends to under `env`, as the SDK reads the
 * standard variables: a signal whose exporter list (`OTEL_<SIGNAL>_EXPORTER`, default `otlp`) has
 * no `otlp` is left out; a per-signal endpoint is used as given; otherwise the base endpoint
 * (`OTEL_EXPORTER_OTLP_ENDPOINT`, default `http://localhost:4318`, or `:4317` for gRPC) with the
 * signal's path, which gRPC does not use. Distinct URLs, in signal order.
 */
export function otlpEndpoints(env: NodeJS.ProcessEnv): string[] {
  const endpoints = new Set<string>();
  for (const signal of SIGNALS) {
    const exporters = (env[`OTEL_${signal.env}_EXPORTER`] ?? 'otlp').split(',').map((name) => name.trim());
    if (!exporters.includes('otlp')) continue;
    const specific = env[`OTEL_EXPORTER_OTLP_${signal.env}_ENDPOINT`]?.trim();
    if (specific) {
      endpoints.add(specific);
      continue;
    }
    const protocol = (
      env[`OTEL_EXPORTER_OTLP_${signal.env}_PROTOCOL`] ??
      env.OTEL_EXPORTER_OTLP_PROTOCOL ??
      'http/protobuf'
    ).trim();
    const grpc = protocol === 'grpc';
    const base = env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim() || `http://localhost:${grpc ? 4317 : 4318}`;
    endpoints.add(grpc ? base : `${base.replace(/\/+$/, '')}/${signal.path}`);
  }
  return [...endpoints];
}
