import { formatBytes, formatCount, formatMicros, formatMs, formatRatio, markdownTable } from '../format';
import type { ProxyBenchResult, ProxyTiming } from './proxy-results';

function medianAndP99(timing: ProxyTiming): string {
  return `${formatMs(timing.median)} / ${formatMs(timing.p99)}`;
}

/**
 * The proxy suite's tables: latency (direct, bare pass-through, groqmeter; added per call and per
 * chunk), throughput and CPU time per call and per stream of one proxy process, and its memory
 * over one long stream.
 */
export function proxyTables(result: ProxyBenchResult): string {
  const latency = markdownTable(
    [
      'request',
      'clients',
      'direct median / p99',
      'bare proxy median / p99',
      'groqmeter proxy median / p99',
      'bare added (median)',
      'groqmeter added (median)',
      'groqmeter added / bare added',
      'groqmeter beyond bare, per chunk',
    ],
    result.latency.map((row) => {
      const bareAdded = row.bare.median - row.direct.median;
      const groqmeterAdded = row.groqmeter.median - row.direct.median;
      return [
        row.mode === 'call' ? 'chat, not streamed' : `chat stream, ${row.chunksPerStream} chunks`,
        String(row.clients),
        medianAndP99(row.direct),
        medianAndP99(row.bare),
        medianAndP99(row.groqmeter),
        formatMs(bareAdded, true),
        formatMs(groqmeterAdded, true),
        bareAdded > 0 ? formatRatio(groqmeterAdded / bareAdded) : 'n/a',
        row.chunksPerStream === undefined
          ? ''
          : formatMicros((row.groqmeter.median - row.bare.median) / row.chunksPerStream),
      ];
    }),
  );
  // CPU beyond the bare proxy's; a stream's per chunk leaves out what a non-streamed call adds.
  const beyondBare = (mode: 'call' | 'stream'): number | undefined => {
    const cpu = (variant: 'bare' | 'groqmeter') =>
      result.throughput.find((row) => row.variant === variant && row.mode === mode)?.cpuMsPerRequest;
    const [bare, groqmeter] = [cpu('bare'), cpu('groqmeter')];
    return bare === undefined || groqmeter === undefined ? undefined : groqmeter - bare;
  };
  const throughput = markdownTable(
    [
      'request',
      'proxy (one process, one core)',
      'clients',
      'requests/s',
      'proxy CPU per request',
      'groqmeter CPU beyond bare',
    ],
    result.throughput.map((row) => {
      const beyond = row.variant === 'bare' ? undefined : beyondBare(row.mode);
      const perCall = beyondBare('call');
      const perChunk =
        row.chunksPerStream === undefined || beyond === undefined || perCall === undefined
          ? ''
          : ` (${formatMicros((beyond - perCall) / row.chunksPerStream)} per chunk beyond a call's)`;
      return [
        row.mode === 'call' ? 'chat, not streamed' : `chat stream, ${row.chunksPerStream} chunks`,
        row.variant === 'bare' ? 'bare pass-through' : 'groqmeter proxy',
        String(row.clients),
        formatCount(Math.round(row.requestsPerSecond)),
        formatMs(row.cpuMsPerRequest),
        beyond === undefined ? '' : `${formatMs(beyond, true)}${perChunk}`,
      ];
    }),
  );
  const memory = markdownTable(
    ['proxy', 'chunks streamed', 'heap retained (after GC, growth)', 'peak RSS'],
    result.memory.map((row) => [
      row.variant === 'bare' ? 'bare pass-through' : 'groqmeter proxy',
      formatCount(row.chunks),
      formatBytes(row.retainedGrowthBytes, true),
      formatBytes(row.peakRssBytes),
    ]),
  );
  return [
    latency,
    `Throughput and CPU time of one proxy process (the groqmeter proxy ended ${result.spansPerCall} span per call):`,
    throughput,
    'Memory of the proxy process over one long stream:',
    memory,
  ].join('\n\n');
}
