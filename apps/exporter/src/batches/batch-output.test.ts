import { defaultPriceBook } from '@groqmeter/pricing';
import { describe, expect, it } from 'vitest';
import { readBatchOutput } from './batch-output.js';

/** Groq's output file shape (console.groq.com/docs/batch): two answered lines and one failed. */
const OUTPUT_FILE = [
  JSON.stringify({
    id: 'batch_req_out_01',
    custom_id: 'request-1',
    response: {
      status_code: 200,
      request_id: 'req_01batch1',
      body: {
        id: 'chatcmpl-1',
        object: 'chat.completion',
        created: 1764620000,
        model: 'openai/gpt-oss-20b',
        choices: [{ index: 0, message: { role: 'assistant', content: '4' }, finish_reason: 'stop' }],
        usage: { queue_time: 0.1, prompt_tokens: 1000, completion_tokens: 400, total_tokens: 1400 },
        x_groq: { id: 'req_01xgroq1' },
      },
    },
    error: null,
  }),
  JSON.stringify({
    id: 'batch_req_out_02',
    custom_id: 'request-2',
    response: {
      status_code: 200,
      request_id: 'req_01batch2',
      body: {
        id: 'chatcmpl-2',
        object: 'chat.completion',
        model: 'openai/gpt-oss-20b',
        choices: [],
        usage: { prompt_tokens: 3000, completion_tokens: 600, total_tokens: 3600 },
      },
    },
    error: null,
  }),
  JSON.stringify({
    id: 'batch_req_out_03',
    custom_id: 'request-3',
    response: {
      status_code: 400,
      request_id: 'req_01batch3',
      body: { error: { message: 'model not found', type: 'invalid_request_error' } },
    },
    error: null,
  }),
  '',
].join('\n');

describe('readBatchOutput', () => {
  it('reads the billed lines with their model and usage, and counts the failed one', () => {
    const output = readBatchOutput(OUTPUT_FILE);
    expect(output).toEqual({
      succeeded: [
        {
          customId: 'request-1',
          model: 'openai/gpt-oss-20b',
          usage: { inputTokens: 1000, outputTokens: 400 },
          responseId: 'chatcmpl-1',
          requestId: 'req_01xgroq1',
        },
        {
          customId: 'request-2',
          model: 'openai/gpt-oss-20b',
          usage: { inputTokens: 3000, outputTokens: 600 },
          responseId: 'chatcmpl-2',
          requestId: 'req_01batch2',
        },
      ],
      failed: 1,
      unreadable: 0,
    });
  });

  it('the billed lines cost exactly the batch price of gpt-oss-20b (0.0375 / 0.15 USD per 1M)', () => {
    const at = new Date('2026-12-01T12:00:00Z');
    const totals = readBatchOutput(OUTPUT_FILE).succeeded.map((line) => {
      const price = defaultPriceBook.price(line.model, line.usage, { batch: true, at });
      if (!price.known) throw new Error(price.reason);
      return price.total;
    });
    // In quanta (3.6e18 per USD): input 0.0375e-6 USD = 135e9, output 0.15e-6 USD = 540e9 per token.
    // 1000 × 135e9 + 400 × 540e9 = 351e12 (0.0000975 USD); 3000 × 135e9 + 600 × 540e9 = 729e12 (0.0002025 USD).
    expect(totals).toEqual([351_000_000_000_000n, 729_000_000_000_000n]);
  });

  it('counts lines without JSON, a model or a usage as unreadable, and error objects as failed', () => {
    const output = readBatchOutput(
      [
        'not json',
        JSON.stringify({
          custom_id: 'a',
          response: { status_code: 200, body: { model: 'openai/gpt-oss-20b' } },
        }),
        JSON.stringify({
          custom_id: 'b',
          response: null,
          error: { code: 'batch_expired', message: 'expired' },
        }),
      ].join('\n'),
    );
    expect(output).toEqual({ succeeded: [], failed: 1, unreadable: 2 });
  });
});
