// Registry failures the user can act on, as one-line UserErrors that never carry a credential
// (the client makes them through its Secrets; what they say of an answer, answer.ts decides).

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
