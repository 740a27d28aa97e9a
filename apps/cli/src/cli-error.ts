/**
 * A failure the person running the command can act on: printed as one line without a stack
 * trace, exit code 1.
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
