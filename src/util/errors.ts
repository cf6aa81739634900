// A UserError is the user's to fix (bad input, bad config, a refused login): the edges print
// its message as one line and never a stack trace. Anything else is our bug.

export interface SourcePosition {
  file: string;
  line?: number;
  column?: number;
}

export class UserError extends Error {
  readonly position?: SourcePosition;

  constructor(message: string, position?: SourcePosition) {
    super(message);
    this.name = 'UserError';
    this.position = position;
  }

  /** `file:line:column: message`, or just the message when there is no place to point at. */
  override toString(): string {
    return formatAt(this.position, this.message);
  }
}

export function formatAt(position: SourcePosition | undefined, message: string): string {
  if (!position) return message;
  let where = position.file;
  if (position.line) where += `:${position.line}`;
  if (position.line && position.column) where += `:${position.column}`;
  return `${where}: ${message}`;
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}

/** One line for the user: a UserError's text, or the message of anything else. */
export function describeError(error: unknown): string {
  if (error instanceof UserError) return error.toString();
  if (error instanceof Error) return error.message;
  return String(error);
}
