/**
 * The simulator with the bench's settings (`BENCH_SIMULATOR_OPTIONS`) in a process of its own, for
 * a tool that measures the CPU time of its client process alone (`pnpm bench` starts its own in
 * the parent). Sends its URLs once it listens ({@link SimulatorReady}) and serves until SIGTERM.
 */
import { startSimulator } from '@groqmeter/groq-simulator';
import { sendToParent } from '../bench-process';
import { BENCH_SIMULATOR_OPTIONS } from '../bench-workload';

/** Sent once the simulator listens. */
export interface SimulatorReady {
  /** Base URL for groq-sdk (`http://127.0.0.1:PORT`). */
  simulatorUrl: string;
  /** The OpenAI-compatible base URL (`.../openai/v1`). */
  openaiBaseURL: string;
}

const simulator = await startSimulator(BENCH_SIMULATOR_OPTIONS);
process.on('SIGTERM', () => {
  simulator.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});
const ready: SimulatorReady = { simulatorUrl: simulator.url, openaiBaseURL: simulator.openaiBaseURL };
await sendToParent(ready);
