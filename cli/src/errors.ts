/**
 * What the CLI tells its user when a command cannot do its job: a message (never a stack trace) and
 * the exit code — 1 when the work failed (an API error, a refused key), 2 when the command line was wrong.
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export const usageError = (message: string) => new CliError(message, 2);
