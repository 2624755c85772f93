import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BudgetStateFileError, readBudgetState, writeBudgetState } from './budget-state-file.js';

const directory = mkdtempSync(join(tmpdir(), 'budget-state-'));

const STATE = {
  spend: {
    periods: {
      day: { startMs: 1_770_681_600_000, endMs: 1_770_768_000_000, bySeries: [['feature="a"', 1.5]] },
    },
    wholes: [['feature="a"', 9.25]],
  },
  operations: { periods: {}, wholes: [] },
} as const;

describe('the budget state file', () => {
  it('is written whole and read back', () => {
    const path = join(directory, 'nested', 'state.json');
    writeBudgetState(path, structuredClone(STATE) as never);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ version: 1, ...STATE });
    expect(readBudgetState(path)).toEqual(STATE);
  });

  it('is no state yet when missing', () => {
    expect(readBudgetState(join(directory, 'missing.json'))).toBeUndefined();
  });

  it.each([
    ['not JSON', '{'],
    ['another version', JSON.stringify({ ...STATE, version: 2 })],
    [
      'an unknown period',
      JSON.stringify({ version: 1, ...STATE, operations: { periods: { year: {} }, wholes: [] } }),
    ],
    [
      'a negative growth',
      JSON.stringify({ version: 1, ...STATE, operations: { periods: {}, wholes: [['x', -1]] } }),
    ],
  ])('refuses a file that is %s, naming it and the flag', (_, text) => {
    const path = join(directory, 'bad.json');
    writeFileSync(path, text);
    expect(() => readBudgetState(path)).toThrow(BudgetStateFileError);
    expect(() => readBudgetState(path)).toThrow(`${path} is not a groqmeter budget state file`);
    expect(() => readBudgetState(path)).toThrow('point --budgets-state elsewhere');
  });
});
