import { describe, expect, it } from 'vitest';
import { isJsonStringBody, RepeatedChunks } from './repeated-chunks.js';

const BASE =
  '{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,';
const content = (text: string) =>
  `${BASE}"delta":{"content":"${text}"},"logprobs":null,"finish_reason":null}]}`;

function matches(chunks: RepeatedChunks, data: string): boolean {
  const bytes = Buffer.from(`data: ${data}\n`);
  return chunks.matches(bytes, 6, bytes.length - 1);
}

function learnt(data: string): RepeatedChunks {
  const chunks = new RepeatedChunks();
  chunks.learn(data, JSON.parse(data));
  return chunks;
}

describe('RepeatedChunks', () => {
  it('matches a learnt chunk with any other text, escapes and UTF-8 included', () => {
    const chunks = learnt(content(' the'));
    for (const text of [' river', 'Grüße 🌊', 'a \\"quoted\\" \\\\ path\\/x\\n\\t\\u00e9', '"content":"']) {
      const data = content(text.replaceAll('"content":"', '\\"content\\":\\"'));
      expect(matches(chunks, data), data).toBe(true);
    }
  });

  it('does not match what differs outside the text, or a text that is not a JSON string body', () => {
    const chunks = learnt(content(' the'));
    expect(matches(chunks, content(' a').replace('"finish_reason":null', '"finish_reason":"stop"'))).toBe(
      false,
    );
    expect(matches(chunks, content(' a').replace('"created":1', '"created":2'))).toBe(false);
    // The facts take an empty text as no output.
    expect(matches(chunks, content(''))).toBe(false);
    expect(matches(chunks, content('a"b'))).toBe(false);
    expect(matches(chunks, content('ends with \\'))).toBe(false);
    expect(matches(chunks, content('tab\tbyte'))).toBe(false);
    expect(matches(chunks, content(' cut').slice(0, -3))).toBe(false);
    expect(matches(chunks, `${BASE}"delta":{"reasoning":"x"},"logprobs":null,"finish_reason":null}]}`)).toBe(
      false,
    );
  });

  it('learns the reasoning text too, and keeps several shapes', () => {
    const reasoning = (text: string) =>
      `${BASE}"delta":{"reasoning":"${text}"},"logprobs":null,"finish_reason":null}]}`;
    const chunks = learnt(reasoning('think'));
    chunks.learn(content('say'), JSON.parse(content('say')));
    expect(matches(chunks, reasoning('more'))).toBe(true);
    expect(matches(chunks, content('more'))).toBe(true);
    expect(matches(chunks, reasoning('again'))).toBe(true);
  });

  it('learns no chunk that could change a fact if observed again', () => {
    const unlearnable = [
      content('x').replace('"finish_reason":null', '"finish_reason":"stop"'),
      content('x').replace('"model":"m"', '"model":"m","usage":{"total_tokens":3}'),
      content('x').replace('"model":"m"', '"model":"m","x_groq":{"id":"req_1","usage":{"total_tokens":3}}'),
      content('x').replace('"model":"m"', '"model":"m","x_groq":{"usage_breakdown":{"models":[]}}'),
      content('x').replace('"content":"x"', '"content":"x","executed_tools":[{"index":0,"type":"search"}]'),
      '{"choices":[{"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{}"}}]}}]}',
      '{"choices":[{"delta":{"\\"content":"x"}}]}',
    ];
    for (const data of unlearnable) {
      const chunks = learnt(data);
      expect(matches(chunks, data), data).toBe(false);
    }
    // A null usage (every chunk of a stream_options.include_usage stream) and x_groq.id are fine.
    const withNulls = content('x').replace('"model":"m"', '"model":"m","usage":null,"x_groq":{"id":"req_1"}');
    expect(matches(learnt(withNulls), withNulls.replace('"x"', '"y"'))).toBe(true);
  });
});

describe('isJsonStringBody', () => {
  const body = (text: string) => isJsonStringBody(Buffer.from(text), 0, Buffer.byteLength(text));

  it('is what JSON.parse takes inside quotes', () => {
    const cases = [
      '',
      'plain',
      'é🌊',
      '\\"',
      '\\\\',
      '\\/',
      '\\b\\f\\n\\r\\t',
      '\\u00E9\\uabcd',
      '"',
      '\\',
      '\\x',
      '\\u12',
      '\\u12g4',
      'a\u0001b',
      '\u007f',
    ];
    for (const text of cases) {
      let parses = true;
      try {
        JSON.parse(`"${text}"`);
      } catch {
        parses = false;
      }
      expect(body(text), JSON.stringify(text)).toBe(parses);
    }
  });
});
