/**
 * Exit codes of the `kavosh` command and the error type that carries one. Scripts rely on these numbers,
 * so they are part of the public interface: add new ones, never renumber. Owns nothing else.
 */

/** Process exit codes of `kavosh`. Printed by `kavosh --help`. */
export const ExitCode = {
  /** Success (also: a search with no hits). */
  Ok: 0,
  /** Usage error: unknown command or option, missing or invalid argument, option naming a field the index lacks. */
  Usage: 1,
  /**
   * Bad input or partial failure: an input file is missing or unreadable, a record is invalid (with
   * `--strict` nothing is written; without it the index is written and the bad records are listed), no
   * document was found, or (with `--strict`) a field named in the options is in no document.
   */
  BadInput: 2,
  /** The index file is not a kavosh index, or it is truncated or corrupted. */
  CorruptIndex: 3,
  /** The index file was written by an incompatible (newer) version of kavosh: upgrade or rebuild. */
  IncompatibleIndex: 4,
  /** The output could not be written (permissions, disk full, missing folder). */
  OutputError: 5,
  /** A bug in kavosh: please report it with the printed stack trace. */
  Internal: 70,
  /** Interrupted (Ctrl-C); nothing was written. */
  Interrupted: 130,
} as const

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode]

/** The exit codes as the help text shows them. */
export const EXIT_CODES_HELP = `Exit codes:
  0    ok (a search with no hits is ok too)
  1    usage error: bad command, option or argument
  2    bad input or partial failure: missing/unreadable input, invalid records
       (listed with file and line; skipped, or nothing written with --strict), no documents,
       with --strict a named field in no document
  3    the index file is corrupt, truncated or not a kavosh index
  4    the index file was written by an incompatible kavosh version (rebuild it)
  5    the output file could not be written
  70   internal error (a bug: please report it)
  130  interrupted (Ctrl-C); nothing was written`

/** An expected failure of a command: its message is printed (without a stack) and it exits with `exitCode`. */
export class CliError extends Error {
  readonly exitCode: ExitCodeValue
  constructor(exitCode: ExitCodeValue, message: string) {
    super(message)
    this.name = 'CliError'
    this.exitCode = exitCode
  }
}
