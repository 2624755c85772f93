import { describe, expect, it } from 'vitest';
import { type FaultCandidate, FaultInjector } from './fault-injector';
import { createRandom } from './seeded-random';

function candidate(
  headers: Record<string, string> = {},
  overrides: Partial<FaultCandidate> = {},
): FaultCandidate {
  return {
    model: 'm',
    operation: 'chat',
    serviceTier: 'on_demand',
    headers: (name) => headers[name],
    body: Buffer.from('{"a":1}'),
    errorRates: {},
    ...overrides,
  };
}

describe('FaultInjector', () => {
  it('uses x-stainless-retry-count as the attempt number when no call id is given', () => {
    const injector = new FaultInjector([], createRandom(1), 0);
    const headers = { 'x-simulator-fault': '503', 'x-simulator-fault-count': '2' };
    expect(injector.decide(candidate({ ...headers, 'x-stainless-retry-count': '0' }))).toEqual({
      fault: { kind: '503', retryAfterSeconds: 0 },
    });
    expect(injector.decide(candidate({ ...headers, 'x-stainless-retry-count': '1' }))).toMatchObject({
      fault: { kind: '503' },
    });
    expect(injector.decide(candidate({ ...headers, 'x-stainless-retry-count': '2' }))).toEqual({});
  });

  it('counts attempts per identical body when nothing else identifies the call, and fails every attempt without a count', () => {
    const injector = new FaultInjector([], createRandom(1), 1);
    const once = {
      'x-simulator-fault': '429',
      'x-simulator-fault-count': '1',
      'x-simulator-retry-after': '3',
    };
    expect(injector.decide(candidate(once))).toEqual({ fault: { kind: '429', retryAfterSeconds: 3 } });
    expect(injector.decide(candidate(once))).toEqual({});
    expect(injector.decide(candidate(once, { body: Buffer.from('{"a":2}') }))).toMatchObject({
      fault: { kind: '429' },
    });
    const always = { 'x-simulator-fault': '500' };
    for (let i = 0; i < 3; i += 1)
      expect(injector.decide(candidate(always))).toEqual({ fault: { kind: '500', retryAfterSeconds: 1 } });
  });

  it('consumes scripted rules in order, filtered by model and operation, and restores them on reset', () => {
    const injector = new FaultInjector(
      [
        { fault: 'drop-mid-stream', model: 'other' },
        { fault: '500', count: 2, operation: 'chat' },
      ],
      createRandom(1),
      0,
    );
    const kinds = () => ('fault' in injector.decide(candidate()) ? 'fault' : 'none');
    expect([kinds(), kinds(), kinds()]).toEqual(['fault', 'fault', 'none']);
    expect(injector.decide(candidate({}, { model: 'other' }))).toMatchObject({
      fault: { kind: 'drop-mid-stream' },
    });
    injector.reset();
    expect(injector.decide(candidate())).toMatchObject({ fault: { kind: '500' } });
  });

  it('draws random faults from the seeded generator, 498 only for flex requests', () => {
    const draws = (serviceTier: string) => {
      const injector = new FaultInjector([], createRandom(7), 0);
      return Array.from({ length: 200 }, () => {
        const decision = injector.decide(candidate({}, { serviceTier, errorRates: { '498': 0.5 } }));
        return 'fault' in decision && decision.fault ? decision.fault.kind : '-';
      });
    };
    const flex = draws('flex');
    expect(flex).toEqual(draws('flex'));
    expect(flex.filter((k) => k === '498').length).toBeGreaterThan(70);
    expect(draws('on_demand').every((k) => k === '-')).toBe(true);
  });

  it('rejects malformed control headers', () => {
    const injector = new FaultInjector([], createRandom(1), 0);
    expect(
      injector.decide(candidate({ 'x-simulator-fault': '500', 'x-simulator-fault-count': 'two' })),
    ).toMatchObject({
      error: {
        status: 400,
        body: {
          error: {
            message: 'Header x-simulator-fault-count is `two`; expected a whole number of attempts >= 0.',
          },
        },
      },
    });
    expect(
      injector.decide(candidate({ 'x-simulator-fault': '429', 'x-simulator-retry-after': '-1' })),
    ).toMatchObject({
      error: { status: 400 },
    });
  });
});
