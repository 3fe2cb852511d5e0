/**
 * What a command may touch of its process: output streams, stdin, environment, working folder and an
 * abort signal. Commands receive a {@link CliIo} instead of reaching for `process`, so tests run them
 * in-process on strings. Owns the terminal capability checks (colour, width); nothing else.
 */

/** An output stream: a subset of `process.stdout`/`process.stderr`. */
export interface OutputStream {
  write(text: string): unknown
  isTTY?: boolean
  columns?: number
}

/** Everything a command may use from its process. */
export interface CliIo {
  stdout: OutputStream
  stderr: OutputStream
  stdin: NodeJS.ReadableStream & { isTTY?: boolean }
  env: Record<string, string | undefined>
  /** Folder that relative paths are resolved against. */
  cwd: string
  /** Aborted on Ctrl-C: long commands stop, write nothing and exit with 130. */
  signal?: AbortSignal
}

/**
 * Whether to use ANSI colour on `stream`: an explicit `--color`/`--no-color` wins, then `NO_COLOR`
 * (https://no-color.org) and `FORCE_COLOR`, then "is it a terminal (and not TERM=dumb)".
 */
export function useColor(stream: OutputStream, env: CliIo['env'], explicit: boolean | undefined): boolean {
  if (explicit !== undefined) return explicit
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false'
  return stream.isTTY === true && env.TERM !== 'dumb'
}

/** Width to wrap terminal output at, or `Infinity` when the stream is not a terminal. */
export function terminalWidth(stream: OutputStream): number {
  if (stream.isTTY !== true) return Number.POSITIVE_INFINITY
  const columns = stream.columns
  return typeof columns === 'number' && columns >= 20 ? columns : 80
}
