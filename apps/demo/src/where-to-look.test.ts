import { describe, expect, it } from 'vitest';
import { formatWhereToLook } from './where-to-look.js';

describe('formatWhereToLook', () => {
  it('lists the exporter pages first, then the simulator, exporter, Prometheus and the Grafana import steps', () => {
    expect(
      formatWhereToLook({
        simulatorUrl: 'http://127.0.0.1:40111',
        otlpUrl: 'http://127.0.0.1:4318/v1/metrics',
        metricsUrl: 'http://127.0.0.1:9464/metrics',
        prometheusUrl: 'http://127.0.0.1:9090',
        dashboardsDir: '/repo/grafana/dashboards',
        provisioningDir: '/repo/grafana/provisioning',
        seed: 42,
        rate: 3,
      }),
    ).toBe(
      [
        'groqmeter demo: groq-sdk, LangChain and the AI SDK send a mixed workload to the Groq simulator (seed 42, 3 requests/s).',
        '  Exporter pages     http://127.0.0.1:9464/  (live spend, tokens, latency, headroom; open it first)',
        '  Groq simulator     http://127.0.0.1:40111  (set GROQ_API_KEY to use the real Groq instead)',
        '  Exporter /metrics  http://127.0.0.1:9464/metrics',
        '  Exporter OTLP      http://127.0.0.1:4318/v1/metrics  (the apps push here every 2 s)',
        '  Prometheus UI      http://127.0.0.1:9090/graph?g0.expr=sum%20by%20(model)%20(groq_cost_usd_total)',
        '  Grafana            Dashboards > New > Import each JSON file in /repo/grafana/dashboards',
        '                     and pick a Prometheus data source at http://127.0.0.1:9090',
        '                     or provision them: mount /repo/grafana/provisioning at /etc/grafana/provisioning',
        '                     and /repo/grafana/dashboards at /var/lib/grafana/dashboards/groqmeter',
        '  Stop with Ctrl-C; a summary from the exporter follows.',
      ].join('\n'),
    );
  });

  it('warns about real money against Groq and says why Prometheus is missing', () => {
    expect(
      formatWhereToLook({
        otlpUrl: 'http://127.0.0.1:14318/v1/metrics',
        metricsUrl: 'http://127.0.0.1:19464/metrics',
        prometheusSkipped: 'no prometheus binary on the PATH',
        seed: 7,
        rate: 0.3,
        durationSeconds: 20,
      }),
    ).toBe(
      [
        'groqmeter demo: groq-sdk, LangChain and the AI SDK send a mixed workload to the real Groq API (GROQ_API_KEY is set; this costs real money) (seed 7, 0.3 requests/s).',
        '  Exporter pages     http://127.0.0.1:19464/  (live spend, tokens, latency, headroom; open it first)',
        '  Exporter /metrics  http://127.0.0.1:19464/metrics',
        '  Exporter OTLP      http://127.0.0.1:14318/v1/metrics  (the apps push here every 2 s)',
        '  Prometheus         not started: no prometheus binary on the PATH',
        '  Grafana            add a Prometheus data source at your Prometheus (scraping the exporter /metrics above); the dashboards are generated under grafana/',
        '  Runs for 20 s, then stops and prints a summary from the exporter.',
      ].join('\n'),
    );
  });
});
