import type { TracerProvider } from '@opentelemetry/api';
import Groq from 'groq-sdk';
import { describe, expect, it } from 'vitest';
import { instrumentGroq } from './instrument-groq.js';

/** A tracer provider that fails the way a broken or half-shut-down SDK can. */
const THROWING_PROVIDER = {
  getTracer() {
    throw new Error('tracer provider is shut down');
  },
} as unknown as TracerProvider;

describe('createCallTelemetry', () => {
  it('never throws into user code when getTracer throws: instrumentGroq returns the client', () => {
    const client = new Groq({ apiKey: 'gsk_test', baseURL: 'http://127.0.0.1:9' });
    expect(instrumentGroq(client, { tracerProvider: THROWING_PROVIDER })).toBe(client);
  });
});
