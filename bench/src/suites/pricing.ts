/**
 * Throughput of the pricing engine: `defaultPriceBook.price()` and `priceBaseline()` on the
 * usages the adapters hand it, each case a batch of calls, the cases interleaved. A batch is
 * synchronous CPU work, so it is timed in the process's CPU time (user + system), which the other
 * engineers' load on a shared machine does not stretch the way it stretches wall time.
 */
import { defaultPriceBook } from '@groqmeter/pricing';
import { runSuiteScript, scriptInput } from '../bench-process';
import { runInterleaved } from '../interleave';
import { pricingCases } from '../pricing-cases';
import type { PricingThroughput } from '../results';
import { median, percentile } from '../statistics';
import type { SuiteInput } from '../suite-input';

/** CPU time of this process in milliseconds. */
function cpuMilliseconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

await runSuiteScript(async () => {
  const { plan } = scriptInput<SuiteInput>();
  const cases = pricingCases(defaultPriceBook);
  // Every result is looked at, so that no call can be optimised away.
  let known = 0;
  // runInterleaved's own samples are wall time; the CPU time of each batch is kept beside them.
  const samples = cases.map((): number[] => []);
  await runInterleaved(
    cases.map((priced, index) => ({
      name: priced.operation,
      async run() {
        const started = cpuMilliseconds();
        for (let call = 0; call < plan.pricing.batch; call++) if (priced.price().known) known++;
        samples[index]!.push(cpuMilliseconds() - started);
      },
    })),
    plan.pricing,
  );
  const expectedKnown =
    cases.filter((priced) => priced.known).length *
    plan.pricing.batch *
    (plan.pricing.warmupRounds + plan.pricing.rounds);
  if (known !== expectedKnown) {
    throw new Error(
      `${known} of the timed usages were priced, expected ${expectedKnown}: pricing is not deterministic.`,
    );
  }
  return {
    pricing: cases.map((priced, index): PricingThroughput => {
      const recorded = samples[index]!.slice(plan.pricing.warmupRounds);
      return {
        operation: priced.operation,
        opsPerSecondMedian: plan.pricing.batch / (median(recorded) / 1000),
        opsPerSecondP95: plan.pricing.batch / (percentile(recorded, 95) / 1000),
      };
    }),
  };
});
