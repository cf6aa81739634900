// Registry failures the user can act on, as one-line UserErrors that never carry a credential.

import { UserError } from '../util/errors.js';

export class RegistryError extends UserError {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'RegistryError';
  }
}

export class RegistryAuthError extends RegistryError {
  constructor(message: string, status?: number) {
    super(message, status);
    this.name = 'RegistryAuthError';
  }
}

/** First error message from a registry's JSON error body (`{"errors":[{code, message}]}`). */
export function registryErrorDetail(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as { errors?: Array<{ code?: string; message?: string }> };
    const first = parsed.errors?.[0];
    if (first) return [first.code, first.message].filter(Boolean).join(': ');
  } catch {
    // not JSON
  }
  const text = body.trim().split('\n')[0]?.slice(0, 200);
  return text || undefined;
}
