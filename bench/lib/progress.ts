/**
 * Progress on stderr: which section, corpus, library and how far. On a TTY one line is rewritten in place;
 * otherwise (CI logs) a line is printed when the step changes, and at most every few seconds within a step.
 */

export class Progress {
  private readonly tty: boolean
  private readonly startedAt = Date.now()
  private lastStep = ''
  private lastPrintAt = 0
  private lineOpen = false

  constructor(
    private readonly stream: NodeJS.WriteStream = process.stderr,
    private readonly quiet = false,
  ) {
    this.tty = Boolean(stream.isTTY)
  }

  /** Shows `step` (e.g. "[build] hamshahri-subset · minisearch") and optionally `done/total`. */
  update(step: string, done?: number, total?: number): void {
    if (this.quiet) return
    const t = Date.now()
    const counter = done !== undefined && total !== undefined ? ` ${done}/${total}` : ''
    const line = `${this.elapsed()} ${this.trace()}${step}${counter}`
    if (this.tty) {
      if (step !== this.lastStep || t - this.lastPrintAt > 100) {
        this.stream.write(`\r\x1b[2K${line.slice(0, (this.stream.columns || 120) - 1)}`)
        this.lineOpen = true
        this.lastPrintAt = t
      }
    } else if (step !== this.lastStep || t - this.lastPrintAt > 5000) {
      this.stream.write(`${line}\n`)
      this.lastPrintAt = t
    }
    this.lastStep = step
  }

  /** Prints a message on its own line (kept in the log). */
  log(message: string): void {
    if (this.quiet) return
    this.endLine()
    this.stream.write(`${message}\n`)
  }

  endLine(): void {
    if (this.tty && this.lineOpen) this.stream.write('\r\x1b[2K')
    this.lineOpen = false
  }

  /** With BENCH_TRACE=1: wall and CPU seconds since start, to see where a run spends its time. */
  private trace(): string {
    if (!process.env.BENCH_TRACE) return ''
    const cpu = process.cpuUsage()
    return `wall ${(performance.now() / 1000).toFixed(1)} cpu ${((cpu.user + cpu.system) / 1e6).toFixed(1)} `
  }

  private elapsed(): string {
    const s = Math.round((Date.now() - this.startedAt) / 1000)
    return `[${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}]`
  }
}
