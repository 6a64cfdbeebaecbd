/**
 * An expected failure of an administration command: the CLI prints its message as one line on
 * stderr (no stack trace) and exits with `exitCode`: 2 for a wrong invocation (arguments, malformed
 * input), 1 for anything refused or unavailable.
 */
export class AdminError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
    this.name = 'AdminError';
  }
}

/** One line, whatever the message holds. */
export function oneLine(message: string): string {
  return message.replace(/\s*\n\s*/g, ' ').trim();
}
