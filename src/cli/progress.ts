/**
 * Progress of `kavosh index`: a live bar on a terminal (cli-progress), plain lines every few seconds
 * otherwise (logs, CI), nothing with `--quiet`. Owns only the rendering of progress and of messages
 * printed while a bar is drawn; what is counted comes from the caller.
 */

// cli-progress: the de-facto Node progress bar (ETA, rate tokens, custom formats, no native code, one
// small dependency); its MultiBar lets messages print above the bar without tearing it.
import cliProgress from 'cli-progress'
import type { OutputStream } from './io'

/** What the index command has done so far. */
export interface IndexingState {
  /** Documents indexed. */
  docs: number
  /** Input bytes read. */
  bytes: number
  /** Input bytes in all (null: unknown, e.g. stdin). */
  totalBytes: number | null
  /** Bad records so far. */
  errors: number
}

/** Shows progress and messages during a long command. */
export interface ProgressReporter {
  update(state: IndexingState): void
  /** Prints a message (a bad record, a warning) without breaking the bar. */
  log(line: string): void
  /** Removes the bar (the last state stays visible) and restores the cursor. */
  stop(): void
}

/** Picks the reporter: a bar on a terminal, lines otherwise, none when `quiet`. */
export function createProgress(
  stream: OutputStream,
  options: { quiet: boolean; now?: () => number; intervalMs?: number },
): ProgressReporter {
  const now = options.now ?? (() => performance.now())
  if (options.quiet) return { update() {}, log: (line) => stream.write(`${line}\n`), stop() {} }
  if (stream.isTTY === true) return new TerminalProgress(stream, now)
  return new LineProgress(stream, now, options.intervalMs ?? 5000)
}

/**
 * `1,234,567`: a whole number with its thousands grouped by commas, as `toLocaleString('en-US')` writes it,
 * without the 10–20 ms that the first `toLocaleString` of a process spends loading locale data (about a
 * tenth of a `kavosh search`, which printed the index's size with it).
 */
export function formatCount(n: number): string {
  const digits = String(Math.abs(Math.round(n)))
  let out = ''
  for (let end = digits.length; end > 0; end -= 3) {
    const part = digits.slice(Math.max(0, end - 3), end)
    out = out === '' ? part : `${part},${out}`
  }
  return n < 0 && out !== '0' ? `-${out}` : out
}

/** `812 B`, `4.2 kB`, `12.3 MB` (decimal units, as disks and networks count). */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`
  if (bytes < 1e6) return `${(bytes / 1e3).toFixed(1)} kB`
  return `${(bytes / 1e6).toFixed(bytes >= 1e8 ? 0 : 1)} MB`
}

/** `1h02m`, `3m05s`, `42s`. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?'
  const s = Math.round(seconds)
  if (s < 60) return `${s}s`
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`
}

/** The parts of a progress line shared by both reporters. */
export function describeProgress(
  state: IndexingState,
  elapsedSeconds: number,
): { docs: string; size: string; rate: string; docRate: string; eta: string; percent: string } {
  const seconds = Math.max(elapsedSeconds, 1e-3)
  const docsPerSecond = state.docs / seconds
  const bytesPerSecond = state.bytes / seconds
  const total = state.totalBytes
  const known = total !== null && total > 0
  return {
    docs: `${formatCount(state.docs)} docs`,
    size: known ? `${formatBytes(state.bytes)} / ${formatBytes(total)}` : formatBytes(state.bytes),
    rate: `${formatCount(docsPerSecond)} docs/s, ${(bytesPerSecond / 1e6).toFixed(1)} MB/s`,
    docRate: `${formatCount(docsPerSecond)} docs/s`,
    eta:
      known && bytesPerSecond > 0 ? formatDuration(Math.max(0, total - state.bytes) / bytesPerSecond) : '?',
    percent: known ? `${Math.min(100, Math.floor((100 * state.bytes) / total))}%` : '',
  }
}

class TerminalProgress implements ProgressReporter {
  private readonly bars: cliProgress.MultiBar
  private bar: cliProgress.SingleBar | null = null
  private readonly started: number

  constructor(
    stream: OutputStream,
    private readonly now: () => number,
  ) {
    this.started = now()
    this.bars = new cliProgress.MultiBar(
      {
        stream: stream as NodeJS.WritableStream,
        hideCursor: true,
        clearOnComplete: false,
        stopOnComplete: false,
        barsize: 20,
        fps: 10,
        format: (options, params, payload: Record<string, string>) => {
          const bar = payload.known
            ? `${(options.barCompleteChar ?? '#').repeat(Math.round(params.progress * 20))}${(options.barIncompleteChar ?? '-').repeat(20 - Math.round(params.progress * 20))} ${payload.percent.padStart(4)} | `
            : ''
          const eta = payload.known ? ` | ETA ${payload.eta}` : ''
          return `${bar}${payload.docs} | ${payload.size} | ${payload.docRate}${eta}${payload.errors}`
        },
      },
      cliProgress.Presets.shades_classic,
    )
  }

  update(state: IndexingState): void {
    const described = describeProgress(state, (this.now() - this.started) / 1000)
    const payload = {
      ...described,
      known: state.totalBytes !== null && state.totalBytes > 0 ? 'yes' : '',
      errors: state.errors > 0 ? ` | ${state.errors} bad` : '',
    }
    const total = Math.max(1, state.totalBytes ?? 1)
    if (this.bar === null) this.bar = this.bars.create(total, Math.min(state.bytes, total), payload)
    else this.bar.update(Math.min(state.bytes, total), payload)
  }

  log(line: string): void {
    this.bars.log(`${line}\n`)
  }

  stop(): void {
    this.bars.stop()
  }
}

class LineProgress implements ProgressReporter {
  private readonly started: number
  private lastPrinted: number
  private last: IndexingState | null = null
  private lastShownDocs = -1

  constructor(
    private readonly stream: OutputStream,
    private readonly now: () => number,
    private readonly intervalMs: number,
  ) {
    this.started = now()
    this.lastPrinted = this.started
  }

  update(state: IndexingState): void {
    this.last = state
    const time = this.now()
    if (time - this.lastPrinted < this.intervalMs) return
    this.lastPrinted = time
    this.print(state, time)
  }

  log(line: string): void {
    this.stream.write(`${line}\n`)
  }

  stop(): void {
    // A final line only when progress lines were shown at all (a short run prints just its summary).
    if (this.last !== null && this.lastShownDocs >= 0 && this.last.docs !== this.lastShownDocs) {
      this.print(this.last, this.now())
    }
  }

  private print(state: IndexingState, time: number): void {
    this.lastShownDocs = state.docs
    const d = describeProgress(state, (time - this.started) / 1000)
    const percent = d.percent === '' ? '' : ` (${d.percent})`
    const eta = d.eta === '?' ? '' : `, ETA ${d.eta}`
    const errors = state.errors > 0 ? `, ${state.errors} bad records` : ''
    this.stream.write(`indexing: ${d.docs}, ${d.size}${percent}, ${d.rate}${eta}${errors}\n`)
  }
}
