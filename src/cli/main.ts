/**
 * Entry point of the `kavosh` executable (built to dist/cli.js with a shebang): wires the real process
 * (streams, environment, Ctrl-C) into {@link runCli} and sets the exit code. Nothing else: all behaviour
 * is in `program.ts` so that tests can run it in-process.
 */

import { ExitCode } from './exit-codes'
import { runCli } from './program'

const interrupt = new AbortController()
process.on('SIGINT', () => {
  // First Ctrl-C: stop cleanly (nothing half-written). Second: leave now.
  if (interrupt.signal.aborted) process.exit(ExitCode.Interrupted)
  interrupt.abort()
})
// `kavosh search … | head` closes our stdout early; that is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? ExitCode.Ok)
  throw error
})

runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  cwd: process.cwd(),
  signal: interrupt.signal,
}).then((code) => {
  process.exitCode = code
})
