/** A sample line of a Prometheus or OpenMetrics exposition. */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const SAMPLE_LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)",?/gy;

/** Parses the sample lines of an exposition (comments skipped); throws on a line it cannot read. */
export function parseExposition(text: string): Sample[] {
  return text
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const match = SAMPLE_LINE.exec(line);
      if (!match) throw new Error(`not a sample line: ${line}`);
      const labels: Record<string, string> = {};
      const labelText = match[2] ?? '';
      LABEL.lastIndex = 0;
      let label: RegExpExecArray | null = LABEL.exec(labelText);
      while (label) {
        labels[label[1]!] = label[2]!.replace(/\\n/g, '\n').replace(/\\"/g, '"').replace(/\\\\/g, '\\');
        label = LABEL.exec(labelText);
      }
      if (LABEL.lastIndex !== 0 && LABEL.lastIndex < labelText.length)
        throw new Error(`unreadable labels: ${line}`);
      return { name: match[1]!, labels, value: Number(match[3] === 'Nan' ? 'NaN' : match[3]) };
    });
}

/** The samples of one name, optionally only those whose labels include `labels`. */
export function samplesOf(
  samples: readonly Sample[],
  name: string,
  labels: Record<string, string> = {},
): Sample[] {
  return samples.filter(
    (sample) =>
      sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value),
  );
}

/** Scrapes a `/metrics` URL and parses it. */
export async function scrape(
  metricsUrl: string,
  headers: Record<string, string> = {},
): Promise<{ text: string; samples: Sample[]; contentType: string }> {
  const response = await fetch(metricsUrl, { headers });
  if (!response.ok) throw new Error(`scrape of ${metricsUrl} answered ${response.status}`);
  const text = await response.text();
  return { text, samples: parseExposition(text), contentType: response.headers.get('content-type') ?? '' };
}
