import { describe, expect, it } from 'vitest';
import { interleavedOrder, runInterleaved } from './interleave';

describe('interleavedOrder', () => {
  it('alternates a baseline and one instrumented variant: AB, BA, AB, BA', () => {
    expect([0, 1, 2, 3].map((round) => interleavedOrder(2, round))).toEqual([
      [0, 1],
      [1, 0],
      [0, 1],
      [1, 0],
    ]);
  });

  it('rotates three variants so that each one goes first once every three rounds', () => {
    expect([0, 1, 2, 3].map((round) => interleavedOrder(3, round))).toEqual([
      [0, 1, 2],
      [1, 2, 0],
      [2, 0, 1],
      [0, 1, 2],
    ]);
  });

  it('refuses zero variants', () => {
    expect(() => interleavedOrder(0, 0)).toThrow('needs at least one variant, got 0');
  });
});

describe('runInterleaved', () => {
  it('runs warm-up rounds unrecorded, then records one sample per variant and round in rotation order', async () => {
    const calls: string[] = [];
    const variant = (name: string) => ({
      name,
      run: async () => {
        calls.push(name);
      },
    });
    const samples = await runInterleaved([variant('base'), variant('instr')], { warmupRounds: 1, rounds: 3 });

    expect(calls).toEqual(['base', 'instr', 'instr', 'base', 'base', 'instr', 'instr', 'base']);
    expect(samples.map((times) => times.length)).toEqual([3, 3]);
    expect(samples.flat().every((time) => time >= 0)).toBe(true);
  });
});
