import { describe, expect, it } from 'vitest';
import { backoffDelay, isRetryableStatus, parseRetryAfter, withRetries, type RetryPolicy } from '../../src/registry/retry.js';

const policy: RetryPolicy = { attempts: 4, baseMs: 100, maxMs: 1000, random: () => 0.999999, sleep: async () => {} };

describe('backoff', () => {
  const delays: Array<[number, number | undefined, number]> = [
    [1, undefined, 99], // ceiling 100 ms
    [2, undefined, 199],
    [3, undefined, 399],
    [5, undefined, 999], // capped at maxMs
    [9, undefined, 999],
    [1, 3000, 1000], // Retry-After, capped
    [1, 250, 250],
    [1, 0, 0],
  ];
  for (const [retry, after, expected] of delays) {
    it(`waits ${expected} ms before retry ${retry}${after === undefined ? '' : ` (Retry-After ${after} ms)`}`, () => expect(backoffDelay(retry, policy, after)).toBe(expected));
  }
  it('draws the wait from [0, ceiling): full jitter', () => {
    expect(backoffDelay(3, { ...policy, random: () => 0 })).toBe(0);
    expect(backoffDelay(3, { ...policy, random: () => 0.5 })).toBe(200);
  });

  const statuses: Array<[number, boolean]> = [
    [200, false],
    [201, false],
    [400, false],
    [401, false],
    [403, false],
    [404, false],
    [429, true],
    [500, true],
    [501, false],
    [502, true],
    [503, true],
    [504, true],
  ];
  for (const [status, retry] of statuses) it(`${retry ? 'retries' : 'does not retry'} HTTP ${status}`, () => expect(isRetryableStatus(status)).toBe(retry));

  const now = Date.parse('2025-01-01T00:00:00Z');
  const afters: Array<[string | null, number | undefined]> = [
    [null, undefined],
    ['2', 2000],
    ['0', 0],
    ['Wed, 01 Jan 2025 00:00:05 GMT', 5000],
    ['Tue, 31 Dec 2024 23:00:00 GMT', 0],
    ['soon', undefined],
  ];
  for (const [value, expected] of afters) it(`reads Retry-After ${JSON.stringify(value)}`, () => expect(parseRetryAfter(value, now)).toBe(expected));
});

describe('withRetries', () => {
  const answer = (status: number, headers: Record<string, string> = {}): Response => new Response(status === 204 ? null : 'x', { status, headers });

  it('retries 503 and 429 until an answer, honouring Retry-After', async () => {
    const waits: number[] = [];
    const statuses = [503, 429, 200];
    const r = await withRetries(async () => answer(statuses.shift()!, { 'retry-after': '0' }), { ...policy, sleep: async (ms) => void waits.push(ms) });
    expect(r.status).toBe(200);
    expect(waits).toEqual([0, 0]);
  });
  it('gives the last answer when the attempts run out', async () => {
    let calls = 0;
    const r = await withRetries(async () => (calls++, answer(503)), policy);
    expect(r.status).toBe(503);
    expect(calls).toBe(4);
  });
  it('never retries 401 or 403', async () => {
    for (const status of [401, 403]) {
      let calls = 0;
      const r = await withRetries(async () => (calls++, answer(status)), policy);
      expect([r.status, calls]).toEqual([status, 1]);
    }
  });
  it('retries network errors, then throws the last one', async () => {
    let calls = 0;
    await expect(
      withRetries(async () => {
        calls++;
        throw new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } });
      }, policy),
    ).rejects.toThrow('fetch failed');
    expect(calls).toBe(4);
  });
  it('does not retry an unknown host', async () => {
    let calls = 0;
    await expect(
      withRetries(async () => {
        calls++;
        throw new TypeError('fetch failed', { cause: { code: 'ENOTFOUND' } });
      }, policy),
    ).rejects.toThrow('fetch failed');
    expect(calls).toBe(1);
  });
  it('takes the codes a policy names final as final, and retries the others', async () => {
    const quick = { ...policy, finalCodes: ['ECONNREFUSED'] };
    for (const [code, expected] of [['ECONNREFUSED', 1], ['ECONNRESET', 4]] as const) {
      let calls = 0;
      await expect(
        withRetries(async () => {
          calls++;
          throw new TypeError('fetch failed', { cause: { code } });
        }, quick),
      ).rejects.toThrow('fetch failed');
      expect([code, calls]).toEqual([code, expected]);
    }
  });
  it('says why it retries', async () => {
    const seen: string[] = [];
    const statuses = [502, 200];
    await withRetries(async () => answer(statuses.shift()!), policy, (why, _d, n) => seen.push(`${n}:${why}`));
    expect(seen).toEqual(['1:HTTP 502']);
  });
});
