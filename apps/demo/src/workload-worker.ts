/**
 * Entry of one workload process (forked by the demo with its {@link WorkerConfig} as the only
 * argument). It stops on the demo's IPC `stop`, on SIGINT/SIGTERM, or when the demo goes away.
 */
import { isStopMessage, type WorkerConfig } from './workload/worker-protocol.js';

// Ctrl-C reaches the whole process group, possibly while the SDKs below are still loading: the
// handlers go in first, so that an early stop is still a clean one.
let stopWorkload: (() => Promise<void>) | undefined;
let stopRequested = false;
function requestStop(): void {
  stopRequested = true;
  if (stopWorkload) void stopWorkload();
  else process.exit(0);
}
process.on('SIGINT', requestStop);
process.on('SIGTERM', requestStop);
process.on('disconnect', requestStop);
process.on('message', (message) => {
  if (isStopMessage(message)) requestStop();
});

const config = JSON.parse(process.argv[2] ?? '{}') as WorkerConfig;
const { startWorkloadProcess } = await import('./workload/workload-process.js');
stopWorkload = startWorkloadProcess(config);
if (stopRequested) void stopWorkload();
