import { describe, expect, it } from 'vitest';
import { observeHttpAttempt } from './http-attempt.js';
import type { AttemptFacts } from './types.js';

function reportingTo(attempts: AttemptFacts[]) {
  return { attempt: (facts: AttemptFacts) => attempts.push(facts) };
}

describe('observeHttpAttempt', () => {
  it('reports the status and headers of the response and hands the response back unread', async () => {
    const attempts: AttemptFacts[] = [];
    const response = new Response('{"ok":true}', {
      status: 429,
      headers: { 'retry-after': '2', 'x-ratelimit-remaining-requests': '0' },
    });
    const returned = await observeHttpAttempt(reportingTo(attempts), async () => response);
    expect(returned).toBe(response);
    expect(returned.bodyUsed).toBe(false);
    expect(attempts).toEqual([{ status: 429, headers: response.headers }]);
  });

  it('reports a connection failure as an attempt without status and rethrows its error', async () => {
    const attempts: AttemptFacts[] = [];
    const refused = new TypeError('fetch failed');
    await expect(
      observeHttpAttempt(reportingTo(attempts), async () => {
        throw refused;
      }),
    ).rejects.toBe(refused);
    expect(attempts).toEqual([{}]);
  });

  it('turns a send that throws at once into a rejection with the same error, reported without status', async () => {
    const attempts: AttemptFacts[] = [];
    const invalid = new TypeError('Invalid URL');
    const sent = observeHttpAttempt(reportingTo(attempts), () => {
      throw invalid;
    });
    await expect(sent).rejects.toBe(invalid);
    expect(attempts).toEqual([{}]);
  });

  it('hands the response and the error back unchanged when reporting them throws', async () => {
    const broken = {
      attempt() {
        throw new Error('recording failed');
      },
    };
    const response = new Response('{}');
    await expect(observeHttpAttempt(broken, async () => response)).resolves.toBe(response);
    const refused = new TypeError('fetch failed');
    await expect(
      observeHttpAttempt(broken, async () => {
        throw refused;
      }),
    ).rejects.toBe(refused);
  });
});
