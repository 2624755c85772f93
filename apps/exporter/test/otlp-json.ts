/** Builders for OTLP/JSON request bodies, as an OTLP/HTTP sender would post them. */

type JsonPoint = { labels?: Record<string, string>; value: number; start?: string; time?: string };

function dataPoint({ labels = {}, value, start = '1', time = '2' }: JsonPoint) {
  return {
    attributes: Object.entries(labels).map(([key, text]) => ({ key, value: { stringValue: text } })),
    startTimeUnixNano: start,
    timeUnixNano: time,
    asDouble: value,
  };
}

export function jsonGauge(name: string, points: JsonPoint[]) {
  return { name, description: `${name} help`, gauge: { dataPoints: points.map(dataPoint) } };
}

export function jsonCounter(
  name: string,
  points: JsonPoint[],
  temporality: 'delta' | 'cumulative' = 'cumulative',
) {
  return {
    name,
    description: `${name} help`,
    sum: {
      aggregationTemporality: temporality === 'delta' ? 1 : 2,
      isMonotonic: true,
      dataPoints: points.map(dataPoint),
    },
  };
}

/** A request from one resource with one scope (`test`). */
export function jsonRequest(resource: Record<string, string>, metrics: object[]) {
  return {
    resourceMetrics: [
      {
        resource: {
          attributes: Object.entries(resource).map(([key, text]) => ({ key, value: { stringValue: text } })),
        },
        scopeMetrics: [{ scope: { name: 'test' }, metrics }],
      },
    ],
  };
}

/** Posts an OTLP/JSON body and fails on anything but 200. */
export async function postJson(
  otlpUrl: string,
  body: object,
  headers: Record<string, string> = {},
): Promise<void> {
  const response = await fetch(otlpUrl, {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json', ...headers },
  });
  if (response.status !== 200) throw new Error(`push answered ${response.status}: ${await response.text()}`);
}
