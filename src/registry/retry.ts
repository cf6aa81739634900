// Retries for registry requests: network errors (not an unknown host, nor the codes a policy names
// final), 429 (honouring Retry-After) and 5xx are retried
// with exponential backoff and full jitter, a bounded number of times; anything else (including
// 401/403, which no retry can fix) is returned to the caller at once.

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  /** Backoff ceiling of the first retry, in ms; doubles each retry. */
  baseMs: number;
  /** No single wait is longer than this, whatever the backoff or Retry-After says. */
  maxMs: number;
  /**
   * Network error codes this client takes as final, besides an unknown host (ENOTFOUND): e.g.
   * ECONNREFUSED for lookups that must not hold a run up (nothing listens there; a retry a
   * moment later would most likely be refused too).
   */
  finalCodes?: readonly string[];
  /** Random number in [0, 1); injectable for tests. */
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseMs: 250, maxMs: 15_000 };

export function isRetryableStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status <= 599 && status !== 501 && status !== 505);
}

/** `Retry-After: 3` or an HTTP date → milliseconds from `now`; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * Wait before retry number `retry` (1 for the first retry): full jitter over an exponential
 * ceiling, or the server's Retry-After when it gives one, never above `maxMs`.
 */
export function backoffDelay(retry: number, policy: RetryPolicy, retryAfterMs?: number): number {
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, policy.maxMs);
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** (retry - 1));
  return Math.floor((policy.random ?? Math.random)() * ceiling);
}

const defaultSleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Calls `attempt` until it gives a response that needs no retry, or the attempts run out (then
 * the last response, or the last network error, is what the caller gets).
 */
/** What the retries read of an answer (fetch's Response and http.ts's answers have it). */
export interface RetryableResponse {
  readonly status: number;
  readonly headers: { get(name: string): string | null };
  readonly body: { cancel(): Promise<void> } | null;
}

export async function withRetries<R extends RetryableResponse>(
  attempt: () => Promise<R>,
  policy: RetryPolicy,
  onRetry?: (why: string, delayMs: number, retry: number) => void,
): Promise<R> {
  const sleep = policy.sleep ?? defaultSleep;
  for (let n = 1; ; n++) {
    let why: string;
    let delay: number;
    try {
      const response = await attempt();
      if (!isRetryableStatus(response.status) || n >= policy.attempts) return response;
      why = `HTTP ${response.status}`;
      delay = backoffDelay(n, policy, parseRetryAfter(response.headers.get('retry-after')));
      await response.body?.cancel().catch(() => {});
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      // A host that does not exist will not exist a moment later (EAI_AGAIN is the transient one).
      // Nor will an answer too large to take be smaller (http.ts marks it `final`).
      if (n >= policy.attempts || (error as { final?: boolean }).final || cause?.code === 'ENOTFOUND' || (cause?.code && policy.finalCodes?.includes(cause.code))) throw error;
      why = cause?.code ?? cause?.message ?? (error as Error).message;
      delay = backoffDelay(n, policy);
    }
    onRetry?.(why, delay, n);
    await sleep(delay);
  }
}
