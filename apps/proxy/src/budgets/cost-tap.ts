import type { Attributes, Counter, Meter, MeterProvider } from '@opentelemetry/api';

/** The recorder's cost counter (`groq_cost_usd_total` in Prometheus). */
export const COST_INSTRUMENT = 'groq.cost.usd';

/** Called with every cost the recorder adds, and the attributes it adds it with. */
export type CostListener = (usd: number, attributes: Attributes) => void;

/**
 * A meter provider that hands every `groq.cost.usd` the recorder adds to `onCost` as well as to
 * `provider`: the proxy's own metering of spend, whatever provider its metrics go to. Everything
 * else passes through untouched.
 */
export function tapCostCounter(provider: MeterProvider, onCost: CostListener): MeterProvider {
  return {
    getMeter(name, version, options) {
      const meter = provider.getMeter(name, version, options);
      return new Proxy(meter, {
        get(target, property, receiver) {
          if (property !== 'createCounter') return Reflect.get(target, property, receiver);
          return (
            instrument: string,
            ...rest: Parameters<Meter['createCounter']> extends [string, ...infer R] ? R : never
          ) => {
            const counter = target.createCounter(instrument, ...rest);
            return instrument === COST_INSTRUMENT ? tapped(counter, onCost) : counter;
          };
        },
      });
    },
  };
}

function tapped(counter: Counter, onCost: CostListener): Counter {
  return {
    add(value, attributes, context) {
      counter.add(value, attributes, context);
      onCost(value, attributes ?? {});
    },
  };
}
