// What the core may say while it works. The action backs this with @actions/core (groups,
// masking); the CLI with stderr. Core modules never print by themselves.

export interface Log {
  info(message: string): void;
  warning(message: string): void;
  debug(message: string): void;
  /** Run `fn` with its output folded under `title` (a collapsible group on GitHub). */
  group<T>(title: string, fn: () => Promise<T>): Promise<T>;
  /** Register a value that must never appear in any output. */
  secret(value: string): void;
}

export const silentLog: Log = {
  info: () => {},
  warning: () => {},
  debug: () => {},
  group: (_title, fn) => fn(),
  secret: () => {},
};
