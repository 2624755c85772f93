#!/usr/bin/env node
import { runServiceCli } from '@groqmeter/service-kit';
import packageJson from '../package.json';
import { loadProxyConfig, ProxyConfigError } from './config/load-proxy-config.js';
import { startProxy } from './start-proxy.js';

const USAGE = `groqmeter-proxy ${packageJson.version}
Forwards every request under /openai/v1 to Groq unchanged and meters each Groq call
(cost, tokens, rate-limit headroom) through groqmeter. Point any OpenAI-compatible client's
base URL at http://HOST:PORT/openai/v1.

Usage: groqmeter-proxy [flags]

Flags (environment variable in brackets; flags > environment > config file > defaults):
  --port PORT                 port, default 8787 [GROQMETER_PROXY_PORT]
  --host HOST                 interface, default 127.0.0.1 (loopback only) [GROQMETER_PROXY_HOST]
  --upstream URL              upstream base URL, default https://api.groq.com/openai/v1 [GROQMETER_PROXY_UPSTREAM]
  --config FILE               JSON config file [GROQMETER_PROXY_CONFIG]
  --proxy-token TOKEN         require "Proxy-Authorization: Bearer TOKEN" from clients [GROQMETER_PROXY_TOKEN]
  --max-body-bytes N          largest request body, default 33554432; larger gets 413 [GROQMETER_PROXY_MAX_BODY_BYTES]
  --key-label                 record a short HMAC fingerprint of each API key as key_label [GROQMETER_PROXY_KEY_LABEL]
  --key-label-secret SECRET   the fingerprint's HMAC secret [GROQMETER_PROXY_KEY_LABEL_SECRET]
  --label-attributes LIST     attribution keys that become labels, default feature,platform,tenant_tier [GROQMETER_PROXY_LABEL_ATTRIBUTES]
  --series-cap N              label sets per metric before __overflow__, default 1000 [GROQMETER_PROXY_SERIES_CAP]
  --capture-message-content   record message content on spans (off by default) [GROQMETER_PROXY_CAPTURE_MESSAGE_CONTENT]
  --ledger-db DATABASE        also write ledger rows: sqlite:PATH or postgres://USER:PASSWORD@HOST:PORT/DB [GROQMETER_LEDGER_DB]
  --shutdown-timeout SECONDS  how long shutdown lets requests in flight finish, default 10 [GROQMETER_PROXY_SHUTDOWN_TIMEOUT]
  --upstream-timeout SECONDS  longest upstream exchange, default 600 [GROQMETER_PROXY_UPSTREAM_TIMEOUT]
  --log-level LEVEL           debug|info|warn|error|silent, default info [GROQMETER_PROXY_LOG_LEVEL]
  --budgets FILE              the exporter's budgets file: refuse (429) the requests of an enforced budget over its usd [GROQMETER_PROXY_BUDGETS_FILE]
  --budgets-exporter-url URL  the exporter's /metrics: its budget spend counts when larger than the proxy's own [GROQMETER_PROXY_BUDGETS_EXPORTER_URL]
  --help, --version

Telemetry leaves the OTel way: OTEL_EXPORTER_OTLP_ENDPOINT (default http://localhost:4318, the
groqmeter exporter), OTEL_METRIC_EXPORT_INTERVAL, OTEL_SERVICE_NAME, OTEL_RESOURCE_ATTRIBUTES,
OTEL_TRACES_EXPORTER=otlp to also export spans.
`;

void runServiceCli({
  program: 'groqmeter-proxy',
  version: packageJson.version,
  usage: USAGE,
  loadConfig: loadProxyConfig,
  start: (config) => startProxy(config),
  // Every failure to start (a port in use, a ledger or budgets file that cannot be used) is the user's to fix.
  explainFailure: (error, stage) =>
    stage === 'start' || error instanceof ProxyConfigError ? (error as Error).message : undefined,
});
