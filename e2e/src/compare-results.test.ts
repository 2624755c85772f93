import { describe, expect, it } from 'vitest';
import { differences } from './compare-results.js';

describe('differences', () => {
  it('compares a total with the sum of all series, within a billionth', () => {
    const result = [
      { metric: { model: 'a' }, value: 0.1 },
      { metric: { model: 'b' }, value: 0.2 },
    ];
    expect(differences(result, { kind: 'total', value: 0.3 })).toEqual([]);
    expect(differences(result, { kind: 'total', value: 0.31 })).toEqual([
      'expected 0.31, got 0.30000000000000004 from 2 series',
    ]);
  });

  it('accepts no series as a total of 0, and no other total', () => {
    expect(differences([], { kind: 'total', value: 0 })).toEqual([]);
    expect(differences([], { kind: 'total', value: 5 })).toEqual(['expected 5, got 0 from 0 series']);
  });

  it('wants exactly one series for a minimum', () => {
    expect(differences([{ metric: {}, value: 0.25 }], { kind: 'minimum', value: 0.25 })).toEqual([]);
    expect(
      differences(
        [
          { metric: {}, value: 0.25 },
          { metric: {}, value: 0.5 },
        ],
        { kind: 'minimum', value: 0.25 },
      ),
    ).toEqual(['expected 0.25, got [0.25, 0.5]']);
  });

  it('compares labelled values series by series and reports missing ones', () => {
    const expected = {
      kind: 'by' as const,
      labels: ['model', 'resource'],
      values: new Map([
        ['m|requests', 0.5],
        ['m|tokens', 0.75],
        ['n|tokens', 0],
      ]),
    };
    expect(differences([{ metric: { model: 'm', resource: 'requests' }, value: 0.4 }], expected)).toEqual([
      'm|requests: expected 0.5, got 0.4',
      'm|tokens: expected 0.75, missing from the result',
    ]);
  });
});
