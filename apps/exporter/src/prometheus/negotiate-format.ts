import type { ExpositionFormat } from './render-exposition.js';

/**
 * Picks the exposition format for an `Accept` header: OpenMetrics when the client asks for
 * `application/openmetrics-text` at least as strongly as for anything that means the Prometheus
 * text format (`text/plain`, `*\/*`), else the Prometheus text format (also when there is no
 * header, as with curl).
 */
export function negotiateFormat(accept: string | undefined): ExpositionFormat {
  if (!accept) return 'prometheus';
  let openMetrics = 0;
  let text = 0;
  for (const range of accept.split(',')) {
    const [mediaType = '', ...parameters] = range.split(';').map((part) => part.trim().toLowerCase());
    const quality = qualityOf(parameters);
    if (mediaType === 'application/openmetrics-text') openMetrics = Math.max(openMetrics, quality);
    else if (mediaType === 'text/plain' || mediaType === 'text/*' || mediaType === '*/*') {
      text = Math.max(text, quality);
    }
  }
  return openMetrics > 0 && openMetrics >= text ? 'openmetrics' : 'prometheus';
}

function qualityOf(parameters: string[]): number {
  const q = parameters.find((parameter) => parameter.startsWith('q='));
  if (q === undefined) return 1;
  const value = Number(q.slice(2));
  return Number.isFinite(value) && value >= 0 && value <= 1 ? value : 0;
}
