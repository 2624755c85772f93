import type { WorkloadStep } from './workload-plan.js';

/**
 * The request headers that make the simulator refuse a step's first attempt with a 429 and a
 * 1 s `retry-after`, so the SDK's retry succeeds. The call id ties the attempts of one step
 * together (LangChain retries without groq-sdk's retry-count header).
 */
export function simulatorFaultHeaders(
  step: WorkloadStep,
  callId: string,
  inject: boolean,
): Record<string, string> {
  if (!inject || !step.injected429) return {};
  return {
    'x-simulator-fault': '429',
    'x-simulator-fault-count': '1',
    'x-simulator-retry-after': '1',
    'x-simulator-call-id': callId,
  };
}
