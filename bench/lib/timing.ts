/**
 * Timing and heap helpers. Requires `node --expose-gc` for `collectGarbage` to do anything; without it the
 * heap figures are reported as unavailable instead of being wrong.
 */
import { performance } from 'node:perf_hooks'

const gc = (globalThis as { gc?: () => void }).gc

/** True when `global.gc` is available (node started with --expose-gc). */
export const canCollectGarbage = typeof gc === 'function'

/** Runs one full GC (between repetitions). No-op without --expose-gc. */
export function collectGarbage(): void {
  gc?.()
}

/**
 * Memory in use after full GCs (so finalisers and weak structures settle), in bytes: the JS heap, and
 * `external` (ArrayBuffer backing stores and other off-heap memory owned by JS objects; typed-array
 * indexes live there, not in heapUsed). V8 frees the backing stores of collected ArrayBuffers on a
 * background thread, so `external` can still count an index dropped just before: the GCs are repeated after
 * a short pause. Measured synchronously, a kept build's delta on quran-uthmani came out anywhere from 0.011
 * (the previous build's buffers freed during the next) to 0.90 MB per MB; with the pause, 0.757–0.778.
 */
export async function settledMemory(): Promise<{ heapUsed: number; external: number }> {
  gc?.()
  gc?.()
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS))
  gc?.()
  gc?.()
  const m = process.memoryUsage()
  return { heapUsed: m.heapUsed, external: m.external }
}

/** Pause between the GCs of {@link settledMemory}, in milliseconds. */
const SETTLE_MS = 100

/** Milliseconds taken by `fn` (awaited), with its result. */
export async function timeAsync<T>(fn: () => T | Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now()
  const value = await fn()
  return { ms: performance.now() - t0, value }
}

/** Milliseconds taken by a synchronous `fn`, with its result. */
export function timeSync<T>(fn: () => T): { ms: number; value: T } {
  const t0 = performance.now()
  const value = fn()
  return { ms: performance.now() - t0, value }
}

export const now = (): number => performance.now()
