import { Family } from '../contract-names.js';
import type { Logger } from '../log/logger.js';
import type { SelfMetrics } from '../self-metrics.js';
import { setExporterGauge } from '../store/exporter-series.js';
import type { MetricStore } from '../store/metric-store.js';
import type { Labels } from '../store/series.js';

const HELP = 'Groq models listed by GET /openai/v1/models (always 1)';
const REQUEST_TIMEOUT_MS = 10_000;

export interface ModelCatalogueOptions {
  apiKey: string;
  /** Groq API base URL as groq-sdk takes it (`https://api.groq.com`). */
  baseUrl: string;
  intervalMs: number;
  store: MetricStore;
  selfMetrics: SelfMetrics;
  logger: Logger;
}

/**
 * Polls Groq's model list and serves it as `groq_model_info{id, owned_by, context_window,
 * active} 1`. A failed poll is logged and the last list stays served.
 */
export class ModelCataloguePoller {
  private timer: NodeJS.Timeout | undefined;
  private readonly abort = new AbortController();

  constructor(private readonly options: ModelCatalogueOptions) {}

  /** Polls now and then every interval, until {@link ModelCataloguePoller.stop}. */
  start(): void {
    void this.poll();
    this.timer = setInterval(() => void this.poll(), this.options.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.abort.abort();
  }

  /** One poll; resolves to whether the catalogue was refreshed. */
  async poll(): Promise<boolean> {
    const { baseUrl, apiKey, store, selfMetrics, logger } = this.options;
    const url = `${baseUrl}/openai/v1/models`;
    try {
      const response = await fetch(url, {
        headers: { authorization: `Bearer ${apiKey}`, accept: 'application/json' },
        signal: AbortSignal.any([this.abort.signal, AbortSignal.timeout(REQUEST_TIMEOUT_MS)]),
      });
      if (!response.ok) {
        throw new Error(`HTTP ${response.status}${response.status === 401 ? ' (check GROQ_API_KEY)' : ''}`);
      }
      const models = readModels(await response.json());
      store.clearFamily(Family.modelInfo);
      for (const labels of models) setExporterGauge(store, Family.modelInfo, HELP, labels, 1);
      selfMetrics.cataloguePoll('success');
      logger.debug('model catalogue refreshed', { url, models: models.length });
      return true;
    } catch (error) {
      if (this.abort.signal.aborted) return false;
      selfMetrics.cataloguePoll('failure');
      logger.warn('model catalogue poll failed; keeping the last list', {
        url,
        error: (error as Error).message,
      });
      return false;
    }
  }
}

/** The label sets of a `/models` response (`{ data: [{ id, owned_by, context_window, active }] }`). */
function readModels(body: unknown): Labels[] {
  const data = (body as { data?: unknown } | null)?.data;
  if (!Array.isArray(data)) throw new Error('the response has no "data" list of models');
  return data.flatMap((entry: unknown): Labels[] => {
    if (typeof entry !== 'object' || entry === null) return [];
    const { id, owned_by: ownedBy, context_window: contextWindow, active } = entry as Record<string, unknown>;
    if (typeof id !== 'string' || id === '') return [];
    return [
      [
        ['id', id],
        ['owned_by', typeof ownedBy === 'string' ? ownedBy : ''],
        ['context_window', typeof contextWindow === 'number' ? String(contextWindow) : ''],
        ['active', typeof active === 'boolean' ? String(active) : ''],
      ],
    ];
  });
}
