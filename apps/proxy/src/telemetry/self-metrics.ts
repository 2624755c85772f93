import type { Meter } from '@opentelemetry/api';

/** How a request to `/openai/v1/*` ended, as the proxy sees it. */
export type ProxyRequestOutcome =
  | 'forwarded'
  | 'unauthorized'
  | 'too_large'
  | 'answered_locally'
  | 'upstream_error'
  | 'client_disconnected';

/** Why an upstream exchange failed. */
export type UpstreamErrorKind = 'connect' | 'dropped' | 'timeout';

/**
 * The proxy's own metrics (`groqmeter_proxy_*` in Prometheus), on the same meter provider as the
 * operations it records. Every label is a fixed word.
 */
export class ProxySelfMetrics {
  private inFlight = 0;
  private readonly requests;
  private readonly upstreamErrors;
  private readonly attributionIgnored;

  constructor(meter: Meter) {
    // Observed when the metrics are collected, so that a request costs no metric point for it.
    meter
      .createObservableUpDownCounter('groqmeter.proxy.requests.in_flight', {
        description: 'Requests the groqmeter proxy is forwarding right now (streams included)',
        unit: '{request}',
      })
      .addCallback((result) => result.observe(this.inFlight));
    this.requests = meter.createCounter('groqmeter.proxy.requests', {
      description: 'Requests to the groqmeter proxy API, by outcome',
      unit: '{request}',
    });
    this.upstreamErrors = meter.createCounter('groqmeter.proxy.upstream.errors', {
      description:
        'Upstream exchanges that failed without a complete answer, by kind (connect, dropped, timeout)',
      unit: '{error}',
    });
    this.attributionIgnored = meter.createCounter('groqmeter.proxy.attribution.ignored', {
      description:
        'x-groqmeter-* headers ignored: a key of another shape, a value too long, or too many headers',
      unit: '{header}',
    });
    // Start the counters at 0, so that rate() has a starting point.
    this.requests.add(0, { outcome: 'forwarded' });
    this.upstreamErrors.add(0, { kind: 'connect' });
  }

  started(): void {
    this.inFlight += 1;
  }

  finished(outcome: ProxyRequestOutcome): void {
    this.inFlight -= 1;
    this.requests.add(1, { outcome });
  }

  refused(outcome: ProxyRequestOutcome): void {
    this.requests.add(1, { outcome });
  }

  upstreamError(kind: UpstreamErrorKind): void {
    this.upstreamErrors.add(1, { kind });
  }

  ignoredAttribution(count: number): void {
    if (count > 0) this.attributionIgnored.add(count);
  }
}
