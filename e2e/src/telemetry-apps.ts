import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MeterProvider } from '@opentelemetry/api';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { PeriodicExportingMetricReader, MeterProvider as SdkMeterProvider } from '@opentelemetry/sdk-metrics';

/** The metrics side of one instrumented app. */
export interface TelemetryApp {
  /** `service.name`: the Prometheus `job` of its series. */
  readonly serviceName: string;
  readonly meterProvider: MeterProvider;
  /** Pushes everything recorded so far (OTLP apps; a scraped app has nothing to push). */
  flush(): Promise<void>;
  close(): Promise<void>;
}

/** An app whose metrics Prometheus scrapes from its own `/metrics` (`@opentelemetry/exporter-prometheus`). */
export interface ScrapedTelemetryApp extends TelemetryApp {
  /** `host:port` to scrape. */
  readonly target: string;
}

function resource(serviceName: string) {
  return resourceFromAttributes({ 'service.name': serviceName, 'service.instance.id': `${serviceName}-1` });
}

/** An app pushing OTLP/HTTP (JSON) to `otlpUrl` every second, like a deployed service would. */
export function otlpApp(serviceName: string, otlpUrl: string): TelemetryApp {
  const meterProvider = new SdkMeterProvider({
    resource: resource(serviceName),
    readers: [
      new PeriodicExportingMetricReader({
        exporter: new OTLPMetricExporter({ url: otlpUrl }),
        exportIntervalMillis: 1_000,
        exportTimeoutMillis: 1_000,
      }),
    ],
  });
  return {
    serviceName,
    meterProvider,
    flush: () => meterProvider.forceFlush(),
    close: () => meterProvider.shutdown(),
  };
}

/**
 * An app serving its metrics itself through `@opentelemetry/exporter-prometheus`, on 127.0.0.1
 * port 0 (the exporter's own server cannot report a port it picked, so its handler is mounted on
 * one of ours).
 */
export async function scrapedApp(serviceName: string): Promise<ScrapedTelemetryApp> {
  const exporter = new PrometheusExporter({ preventServerStart: true });
  const meterProvider = new SdkMeterProvider({ resource: resource(serviceName), readers: [exporter] });
  const server: Server = createServer((request, response) =>
    exporter.getMetricsRequestHandler(request, response),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    serviceName,
    meterProvider,
    target: `127.0.0.1:${port}`,
    flush: async () => undefined,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await meterProvider.shutdown();
    },
  };
}
