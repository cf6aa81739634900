// GitHub's runner reads a line of a step's output as a workflow command when, after its leading
// white space (the runner trims it), it starts with `::` (`::error file=…::`, `::stop-commands::`,
// `::add-mask::`) or with the older `##[` form. Our own commands go through @actions/core, which
// escapes their data and properties (`%`, CR, LF, and `:` `,` in properties); what is printed as
// plain text — the CLI's report and log in a `run:` step, the action's `core.info` lines, which
// core writes as they are — passes here last, so no line of it is ever a command: a line that
// would be one gets a backslash before its `::` or `##[`, and is shown, not obeyed.

/** Leading white space (as .NET's TrimStart sees it, near enough: JavaScript's `\s`), then `::` or `##[`. */
const COMMAND_START = /^(\s*)(::|##\[)/;

/** Whether the runner would read `line` as a workflow command. */
export function isWorkflowCommandLine(line: string): boolean {
  return COMMAND_START.test(line);
}

/** `line`, with a backslash before a leading `::` or `##[`. */
export function guardLine(line: string): string {
  return line.replace(COMMAND_START, '$1\\$2');
}

/** Every line of `text` guarded (CR, LF, and the separators the runner also splits on). */
export function guardLines(text: string): string {
  return text
    .split(/(\r\n|\r|\n|\u2028|\u2029|\u0085)/)
    .map((part, i) => (i % 2 === 0 ? guardLine(part) : part))
    .join('');
}
