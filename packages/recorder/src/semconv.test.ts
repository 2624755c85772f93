import { describe, expect, it } from 'vitest';
import { parseSemconvStabilityOptIn } from './semconv.js';

describe('parseSemconvStabilityOptIn', () => {
  it.each([
    [undefined, []],
    ['', []],
    ['gen_ai_latest_experimental', ['gen_ai_latest_experimental']],
    [
      ' http , GEN_AI_LATEST_EXPERIMENTAL,,database/dup ',
      ['http', 'gen_ai_latest_experimental', 'database/dup'],
    ],
  ])('parses %j', (value, tokens) => {
    expect([...parseSemconvStabilityOptIn(value)]).toEqual(tokens);
  });
});
