import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MeteredBatches } from './metered-batches.js';

let directory: string;
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'groqmeter-batches-'));
});
afterAll(() => rm(directory, { recursive: true, force: true }));

describe('MeteredBatches', () => {
  it('remembers metered batches across a restart', async () => {
    const path = join(directory, 'state', 'batches.json');
    const before = new MeteredBatches(path, 100);
    expect(before.has('batch_01')).toBe(false);
    before.add('batch_01');
    const after = new MeteredBatches(path, 100);
    expect([after.has('batch_01'), after.has('batch_02'), after.size]).toEqual([true, false, 1]);
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({ version: 1, metered: ['batch_01'] });
  });

  it('keeps the newest ids only', () => {
    const batches = new MeteredBatches(join(directory, 'bounded.json'), 2);
    for (const id of ['b1', 'b2', 'b3']) batches.add(id);
    expect([batches.has('b1'), batches.has('b2'), batches.has('b3')]).toEqual([false, true, true]);
  });

  it('refuses a file that is not its state, instead of metering everything again', async () => {
    const path = join(directory, 'other.json');
    await writeFile(path, '{"hello":1}');
    expect(() => new MeteredBatches(path, 10)).toThrow(
      `${path} is not a groqmeter batch state file ({"version":1,"metered":[…]}); move it away or point --groq-batches-state elsewhere`,
    );
  });
});
