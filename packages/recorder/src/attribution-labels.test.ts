import { describe, expect, it } from 'vitest';
import { chatStart, MODEL, T0 } from '../test/fixtures.js';
import { useRecorderTestbed } from '../test/harness.js';

const bed = useRecorderTestbed();

describe('attribution labels', () => {
  it('never emits an empty attribution value: an empty feature is the same series as no feature', async () => {
    const recorder = bed.recorder();
    recorder.start(chatStart({ attributes: { feature: '' } })).end({ responseModel: MODEL }, T0 + 10);
    recorder.start(chatStart()).end({ responseModel: MODEL }, T0 + 10);
    const requests = await bed.harness.points('groq.requests');
    expect(requests.map((point) => [point.attributes.feature, point.value])).toEqual([[undefined, 2]]);
  });
});
