/** What the demo started, where, and how it runs: the facts of the banner. */
export interface BannerFacts {
  /** The simulator's URL, or undefined when the demo talks to the real Groq. */
  simulatorUrl?: string;
  otlpUrl: string;
  metricsUrl: string;
  /** Prometheus's URL when it was started. */
  prometheusUrl?: string;
  /** Why Prometheus was not started (e.g. not installed), when it was not. */
  prometheusSkipped?: string;
  /** Folder of the Grafana dashboard JSON files, when the repo has it. */
  dashboardsDir?: string;
  /** Folder of the Grafana provisioning files, when the repo has it. */
  provisioningDir?: string;
  seed: number;
  rate: number;
  durationSeconds?: number;
}

/** The banner the demo prints once everything is up: where each part listens and what to open. */
export function formatWhereToLook(stack: BannerFacts): string {
  const target =
    stack.simulatorUrl === undefined
      ? 'the real Groq API (GROQ_API_KEY is set; this costs real money)'
      : 'the Groq simulator';
  const lines = [
    `groqmeter demo: groq-sdk, LangChain and the AI SDK send a mixed workload to ${target} (seed ${stack.seed}, ${stack.rate} requests/s).`,
    // The page first: it needs nothing else installed.
    `  Exporter pages     ${pagesUrl(stack.metricsUrl)}  (live spend, tokens, latency, headroom; open it first)`,
    ...(stack.simulatorUrl === undefined
      ? []
      : [`  Groq simulator     ${stack.simulatorUrl}  (set GROQ_API_KEY to use the real Groq instead)`]),
    `  Exporter /metrics  ${stack.metricsUrl}`,
    `  Exporter OTLP      ${stack.otlpUrl}  (the apps push here every 2 s)`,
    stack.prometheusUrl === undefined
      ? `  Prometheus         not started: ${stack.prometheusSkipped ?? 'unknown reason'}`
      : `  Prometheus UI      ${stack.prometheusUrl}/graph?g0.expr=${encodeURIComponent('sum by (model) (groq_cost_usd_total)')}`,
    ...grafanaLines(stack),
    stack.durationSeconds === undefined
      ? '  Stop with Ctrl-C; a summary from the exporter follows.'
      : `  Runs for ${stack.durationSeconds} s, then stops and prints a summary from the exporter.`,
  ];
  return lines.join('\n');
}

/** The exporter's own overview page: `GET /` on the port that serves `/metrics`. */
function pagesUrl(metricsUrl: string): string {
  return new URL('/', metricsUrl).href;
}

function grafanaLines(stack: BannerFacts): string[] {
  const datasource = stack.prometheusUrl ?? 'your Prometheus (scraping the exporter /metrics above)';
  const lines: string[] = [];
  if (stack.dashboardsDir !== undefined) {
    lines.push(
      `  Grafana            Dashboards > New > Import each JSON file in ${stack.dashboardsDir}`,
      `                     and pick a Prometheus data source at ${datasource}`,
    );
  }
  if (stack.provisioningDir !== undefined && stack.dashboardsDir !== undefined) {
    lines.push(
      `                     or provision them: mount ${stack.provisioningDir} at /etc/grafana/provisioning`,
      `                     and ${stack.dashboardsDir} at /var/lib/grafana/dashboards/groqmeter`,
    );
  }
  return lines.length > 0
    ? lines
    : [
        `  Grafana            add a Prometheus data source at ${datasource}; the dashboards are generated under grafana/`,
      ];
}
